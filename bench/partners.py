"""Bulk pre-registration at size (issue 22, "Done when").

1. start a private PostgreSQL with the product's own cluster manager and migrate it; make an
   approved travel agency;
2. the import: N travellers (parties of three: a lead, a companion, a child) as a CSV file,
   through ``partners.service.import_travellers`` as the CLI and the API run it (every row
   checked, each traveller's data sealed with a key of its own, COPY into the staging table,
   set-based checks and insert, one e-mail job per adult), committed: seconds, against the
   60 s target;
3. the floor, in the same run: a plain COPY of the same file's rows into a table of text
   columns (no checks, no sealing, no jobs);
4. invitations queued per second: the e-mail jobs of N invitations (in batches of
   ``INVITE_BATCH``) enqueued in one transaction, as an import does.

    python -m bench.partners                 # 100 000 rows
    python -m bench.partners --rows 10000    # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from omotenashi import db, jobs
from omotenashi.config import Settings
from omotenashi.logging import configure_logging
from omotenashi.partners import service
from omotenashi.partners.formats import CSV_COLUMNS, ImportFormat
from omotenashi.pgcluster import EmbeddedCluster, new_password
from omotenashi.runtime import Platform, ensure_database
from omotenashi.security.keys import load_keys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerCategory, ServicerState

TARGET_SECONDS = 60.0
COLUMNS = (
    "reference",
    "party",
    "lead",
    "surname",
    "given_names",
    "email",
    "phone",
    "birth_date",
    "language",
    "arrival",
    "departure",
    "lodging_municipality",
    "address_country",
    "address_locality",
    "passport_number",
    "passport_issuing_state",
    "passport_expiry",
)
LANGUAGES = ("zh-Hant", "zh-Hans", "ko", "th", "vi", "en", "es", "id")


def travellers_csv(rows: int) -> bytes:
    arrival = date.today() + timedelta(days=40)
    departure = arrival + timedelta(days=5)
    child = (date.today() - timedelta(days=9 * 365)).isoformat()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for i in range(rows):
        member = i % 3
        writer.writerow(
            (
                f"T{i:07d}",
                f"P{i // 3:07d}",
                "yes" if member == 0 else "",
                f"Surname{i}",
                f"Given{i}",
                "" if member == 2 else f"traveller{i}@example.com",
                "" if member == 2 else f"+8869{i % 100_000_000:08d}",
                child if member == 2 else f"19{60 + i % 40}-0{1 + i % 9}-1{i % 10}",
                LANGUAGES[i % len(LANGUAGES)],
                arrival.isoformat(),
                departure.isoformat(),
                "261009",
                "TW",
                "Taipei",
                "" if member == 2 else f"3{i:08d}",
                "" if member == 2 else "TWN",
                "" if member == 2 else "2031-01-01",
            )
        )
    assert set(COLUMNS) <= set(CSV_COLUMNS)
    return out.getvalue().encode()


async def run(url: str, platform: Platform, rows: int) -> dict[str, float]:
    engine = db.create_engine(url, pool_size=2)
    sessions = db.session_factory(engine)
    figures: dict[str, float] = {}
    try:
        async with db.session_scope(sessions) as session:
            agency = await servicers.apply(
                session,
                name="Bench Tours",
                name_ja="ベンチツアーズ",
                category=ServicerCategory.travel_agency,
                contact_email="bench@example.jp",
                municipality_code=None,
                purposes={},
            )
            await servicers.set_state(session, agency.id, ServicerState.approved, actor="bench")
            agency_id = agency.id
        data = travellers_csv(rows)
        jobs.registered_jobs()  # the task modules, loaded once as a server or worker has them

        # The floor: the same rows, plainly copied.
        async with engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            assert raw is not None
            columns = ", ".join(f"{name} text" for name in COLUMNS)
            await raw.execute(f"CREATE UNLOGGED TABLE bench_plain ({columns})")
            started = time.perf_counter()
            await raw.copy_to_table(
                "bench_plain", source=io.BytesIO(data), format="csv", header=True
            )
            figures["floor"] = time.perf_counter() - started
            await raw.execute("DROP TABLE bench_plain")
            await connection.commit()

        started = time.perf_counter()
        phases: dict[str, float] = {}

        def tick(phase: str, done: int) -> None:
            phases[phase] = time.perf_counter() - started

        async with db.session_scope(sessions) as session:
            result = await service.import_travellers(
                session,
                platform.keys,
                agency_id,
                data,
                ImportFormat.csv,
                actor="bench",
                progress=tick,
            )
        figures["import"] = time.perf_counter() - started
        figures.update({f"phase {name}": at for name, at in phases.items()})
        figures["invited"] = result.invitations
        figures["refused"] = len(result.refused)
        figures["mailed"] = result.mailed

        ids = [str(uuid.uuid4()) for _ in range(rows)]
        started = time.perf_counter()
        async with db.session_scope(sessions) as session:
            await service.queue_mail(session, service.INVITE_JOB, ids)
        figures["queue_seconds"] = time.perf_counter() - started
    finally:
        await engine.dispose()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    configure_logging(Settings(log_level="WARNING"))
    with tempfile.TemporaryDirectory(prefix="omotenashi-bench-partners-") as tmp:
        scratch = Path(tmp)
        os.chmod(scratch, 0o755)  # noqa: S103 - the embedded server may run as another user
        settings = Settings(data_dir=scratch / "data", log_level="WARNING")
        with EmbeddedCluster(scratch / "postgres", new_password(), durable=False).running() as (
            cluster
        ):
            asyncio.run(ensure_database(cluster.url(), "bench"))
            url = cluster.url("bench")
            db.upgrade(url)
            platform = Platform(settings=settings, database_url=url, keys=load_keys(settings))
            figures = asyncio.run(run(url, platform, args.rows))
    rows = args.rows
    print(f"partners import of {rows:,} rows (parties of three, CSV):")
    print(
        f"  import   {figures['import']:8.2f} s  ({rows / figures['import']:,.0f} rows/s; "
        f"target < {TARGET_SECONDS:.0f} s; {int(figures['invited']):,} invited, "
        f"{int(figures['refused']):,} refused, {int(figures['mailed']):,} e-mails queued)"
    )
    print(
        f"  floor    {figures['floor']:8.2f} s  (a plain COPY of the same rows; the import "
        f"takes {figures['import'] / figures['floor']:.0f}x)"
    )
    print(
        f"  queued   {rows / figures['queue_seconds']:8,.0f} invitations/s "
        f"({rows:,} invitations in jobs of {service.INVITE_BATCH}, one transaction, "
        f"{figures['queue_seconds']:.2f} s)"
    )
    phases = "; ".join(
        f"{name[6:]} by {at:.1f} s" for name, at in figures.items() if name.startswith("phase ")
    )
    print(f"  phases   {phases}")
    print(f"  load     {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    if figures["invited"] != rows:
        sys.exit(f"partners: {rows - figures['invited']:,.0f} rows were not invited")
    if figures["import"] > TARGET_SECONDS:
        sys.exit(f"partners: the import took {figures['import']:.1f} s, over {TARGET_SECONDS} s")


if __name__ == "__main__":
    main()
