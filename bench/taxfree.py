"""Tax-free records at volume (issue 21, "Done when").

1. start a private PostgreSQL with the product's own cluster manager and migrate it; set up a
   shop connected to a local 免税販売管理システム (the tests' server, in a process of its own);
2. build and transmit N records (three items each): the passport part sealed under the shop's
   key per record, the rows written in batches of 1,000, then sent in submissions of 1,000
   and every answer recorded (built → transmitted → accepted, each change in the history);
3. apply N customs confirmations from a downloaded file: items marked, records confirmed,
   history written and a refund job queued for each;
4. floors, in the same run: (a) COPY of the same record and item rows into scratch tables plus
   plain POSTs of the same submission bodies to the same server; (b) COPY of the same
   confirmation rows (record, line, confirmed) into a scratch table.

    python -m bench.taxfree                    # 100 000 records
    python -m bench.taxfree --records 5000     # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

from omotenashi import db
from omotenashi.config import Settings
from omotenashi.logging import configure_logging
from omotenashi.pgcluster import EmbeddedCluster, new_password
from omotenashi.runtime import Platform, ensure_database
from omotenashi.security.keys import load_keys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.taxfree import nta, service
from omotenashi.taxfree.models import NtaEnvironment, TaxFreeRecord
from omotenashi.visitors import service as visitors

SENDER = "123456789012345678901"
BATCH = 1_000
TRANSMIT_BATCH = 5_000
CONFIRM_BATCH = 10_000
TARGET_S = 60

SERVER = textwrap.dedent(
    """
    import sys, time
    from tests.taxfree.nta_server import FakeNta, start
    server, url = start()
    FakeNta.senders.add(sys.argv[1])
    print(url, flush=True)
    while True:
        time.sleep(3600)
    """
)

CART = [
    service.ItemIn("Rice cooker", 1, 44_000),
    service.ItemIn("Matcha 100g", 3, 2_160, tax_rate=8),
    service.ItemIn("Wristwatch", 1, 1_320_000, serial="SN-0042-7781"),
]
ATTRIBUTES = {
    "name": {"surname": "ERIKSSON", "given_names": "ANNA MARIA"},
    "nationality": "SE",
    "date_of_birth": "1974-08-12",
    "passport": {"document_type": "P", "number": "L898902C3"},
    "status_of_residence": "短期滞在",
    "landing_date": "2026-12-01",
}


@dataclass
class Figures:
    records: int
    build_s: float = 0.0
    transmit_s: float = 0.0
    confirm_s: float = 0.0
    floor_copy_s: float = 0.0
    floor_post_s: float = 0.0
    floor_confirm_s: float = 0.0
    accepted: int = 0
    confirmed: int = 0


def start_server() -> tuple[subprocess.Popen[str], str]:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": f"{root}:{root / 'src'}"}
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, SENDER], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


async def run(url: str, platform: Platform, figures: Figures) -> None:
    engine = db.create_engine(url, pool_size=4)
    sessions = db.session_factory(engine)
    keys = platform.keys
    async with db.session_scope(sessions) as session:
        shop = await servicers.apply(
            session,
            name="Bench Denki",
            name_ja="ベンチ電機",
            category=ServicerCategory.retail,
            contact_email="bench@example.jp",
            municipality_code="131024",
            purposes={PurposeKey.tax_free_sale: ""},
        )
        await service.configure_shop(
            session,
            keys,
            shop.id,
            service.ShopSettings(
                sender_id=SENDER,
                sales_location_id="0012345",
                seller_name="ベンチ電機株式会社",
                tax_location="東京都中央区銀座4-1-1",
                store_address="東京都中央区銀座4-1-1",
                refund_fee_bps=1000,
                nta_environment=NtaEnvironment.test,
                certificate_pem=b"cert",
                private_key_pem=b"key",
            ),
        )
        buyers = []
        for _ in range(100):
            made = await visitors.create_visitor(session, keys.keyring, language="vi")
            buyers.append(service.Buyer(made.id, uuid.uuid4().hex, "vi", ATTRIBUTES))
        servicer_id = shop.id

    # 2. Build, then transmit.
    now = datetime.now(UTC)
    sample: list[service.Built] = []
    started = time.perf_counter()
    for offset in range(0, figures.records, BATCH):
        count = min(BATCH, figures.records - offset)
        async with db.session_scope(sessions) as session:
            shop_row = await service.shop_of(session, servicer_id)
            key = service._shop_key(keys, shop_row)
            numbers = await service.transmission_numbers(session, count, now)
            built = [
                service.prepare(
                    keys,
                    shop_row,
                    buyers[n % len(buyers)],
                    CART,
                    transmission_number=number,
                    purchased_at=now,
                    shop_key=key,
                )
                for n, number in enumerate(numbers)
            ]
            await service.insert_records(session, built, actor="bench")
            if not sample:
                sample = built
    figures.build_s = time.perf_counter() - started

    gateway = nta.HttpNta()
    started = time.perf_counter()
    while True:
        async with db.session_scope(sessions) as session:
            sent = await service.transmit(
                session, keys, platform.settings, gateway, servicer_id, limit=TRANSMIT_BATCH
            )
        figures.accepted += sent.accepted
        if sent.accepted + sent.rejected == 0:
            break
    figures.transmit_s = time.perf_counter() - started

    # 3. Customs' answers, from one downloaded file.
    async with db.session_scope(sessions) as session:
        from sqlalchemy import select

        numbers = list(await session.scalars(select(TaxFreeRecord.transmission_number)))
    rows = [
        {
            "送信番号": number,
            "確認状況": "確認済",
            "確認日時": now.isoformat(),
            "品目": [{"行番号": line, "確認結果": nta.CONFIRMED} for line in (1, 2, 3)],
        }
        for number in numbers
    ]
    document = json.dumps({"税関確認情報": rows}, ensure_ascii=False).encode()
    started = time.perf_counter()
    answers = nta.confirmation_file(document)
    for offset in range(0, len(answers), CONFIRM_BATCH):
        async with db.session_scope(sessions) as session:
            applied = await service.apply_confirmations(
                session, answers[offset : offset + CONFIRM_BATCH], actor="bench"
            )
        figures.confirmed += applied.confirmed
    figures.confirm_s = time.perf_counter() - started

    # 4. Floors.
    connection = await asyncpg.connect(db.plain_url(url))
    try:
        await connection.execute(
            "CREATE TABLE floor_records (LIKE tax_free_records INCLUDING DEFAULTS);"
            "CREATE TABLE floor_items (LIKE tax_free_items INCLUDING DEFAULTS);"
            "CREATE TABLE floor_confirmations (record_id uuid, line smallint, ok boolean)"
        )
        columns = list(sample[0].row)
        item_columns = list(sample[0].items[0])
        record_rows = [
            tuple(str(v) if hasattr(v, "value") else v for v in b.row.values()) for b in sample
        ]
        item_rows = [tuple(i.values()) for b in sample for i in b.items]
        started = time.perf_counter()
        for _ in range(0, figures.records, BATCH):
            await connection.copy_records_to_table(
                "floor_records", records=record_rows, columns=columns
            )
            await connection.copy_records_to_table(
                "floor_items", records=item_rows, columns=item_columns
            )
        figures.floor_copy_s = time.perf_counter() - started
        ids = [r[0] for r in await connection.fetch("SELECT id FROM tax_free_records")]
        confirmation_rows = [(i, line, True) for i in ids for line in (1, 2, 3)]
        started = time.perf_counter()
        await connection.copy_records_to_table("floor_confirmations", records=confirmation_rows)
        figures.floor_confirm_s = time.perf_counter() - started
    finally:
        await connection.close()

    async with db.session_scope(sessions) as session:
        shop_row = await service.shop_of(session, servicer_id)
        records = list(await session.scalars(select(TaxFreeRecord).limit(BATCH)))
        submitted = await service.submissions(session, keys, shop_row, records)
    body = json.dumps(nta.submission(SENDER, submitted), ensure_ascii=False).encode()
    base = platform.settings.nta_test_url
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for _ in range(0, figures.records, BATCH):
            answer = await http.post(
                nta.SUBMIT_PATH, content=body, headers={"content-type": "application/json"}
            )
            answer.raise_for_status()
    figures.floor_post_s = time.perf_counter() - started
    await engine.dispose()


def report(figures: Figures) -> None:
    n = figures.records
    floor = figures.floor_copy_s + figures.floor_post_s
    both = figures.build_s + figures.transmit_s
    print(f"\n== tax-free records, {n:,} records of three items, one shop")
    print(
        f"   built + transmitted  {both:7.1f} s  (build {figures.build_s:.1f} s, transmit "
        f"{figures.transmit_s:.1f} s; {figures.accepted:,} accepted; target < {TARGET_S} s)"
    )
    print(
        f"      floor: COPY of the same rows {figures.floor_copy_s:.1f} s + plain POSTs of the "
        f"same bodies {figures.floor_post_s:.1f} s = {floor:.1f} s ({both / floor:.1f}× it)"
    )
    print(
        f"   confirmations applied {figures.confirm_s:6.1f} s  ({figures.confirmed:,} confirmed, "
        f"refund jobs queued; target < {TARGET_S} s)"
    )
    print(
        f"      floor: COPY of the same {3 * n:,} confirmation rows "
        f"{figures.floor_confirm_s:.1f} s ({figures.confirm_s / figures.floor_confirm_s:.0f}× it)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args(argv)
    configure_logging(Settings(log_level="WARNING"))
    figures = Figures(args.records)
    server, nta_url = start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="omotenashi-bench-taxfree-") as tmp:
            scratch = Path(tmp)
            os.chmod(scratch, 0o755)  # noqa: S103 - the embedded server may run as another user
            settings = Settings(
                data_dir=scratch / "data", log_level="WARNING", nta_test_url=nta_url
            )
            with EmbeddedCluster(
                scratch / "postgres", new_password(), durable=False
            ).running() as cluster:
                asyncio.run(ensure_database(cluster.url(), "bench"))
                url = cluster.url("bench")
                db.upgrade(url)
                platform = Platform(settings=settings, database_url=url, keys=load_keys(settings))
                asyncio.run(run(url, platform, figures))
    finally:
        server.terminate()
        server.wait(timeout=10)
    report(figures)


if __name__ == "__main__":
    main()
