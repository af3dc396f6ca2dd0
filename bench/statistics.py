"""The statistics page over 10 million synthetic events (issue 7, "Done when").

1. start a private PostgreSQL with the product's own cluster manager, in a scratch directory,
   and migrate it;
2. load with COPY, in time order as the product appends them: servicers of every kind across
   prefectures, visitors with a nationality and a language, ``--events`` resolves (access-log
   entries) spread over ``--days`` days with skewed nationalities, purposes and hours, and on
   top of them a consent request for one resolve in 20 and feedback (some answered) for one
   in 50;
3. recompute every day's cells the way the periodic job and ``omotenashi stats rebuild`` do;
4. time the statistics page's query (every chart of the operator's page over the whole range,
   from the published cells) beside, in the same run, a plain scan of the same events that
   computes the look-up charts straight from the raw tables.

Prints each figure beside the floor it is held to; exits 1 when the page misses it.

    python -m bench.statistics                      # 10 000 000 events over 30 days
    python -m bench.statistics --events 200000      # a quick run while developing
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, DropIndex

from omotenashi import db
from omotenashi.config import Settings
from omotenashi.logging import configure_logging
from omotenashi.pgcluster import EmbeddedCluster, new_password
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PURPOSES
from omotenashi.statistics import service

PAGE_FLOOR_S = 1.0
PAGE_RUNS = 5
COPY_CHUNK = 250_000
K = Settings().statistics_k
LAST_DAY = date(2026, 11, 26)

NATIONALITIES = [
    *("KR", "CN", "TW", "US", "HK", "TH", "AU", "PH", "SG", "CA", "VN", "ID", "GB", "MY", "FR"),
    *("DE", "IN", "IT", "ES", "MX", "BR", "NP", "MN", "KH", "MM", "NZ", "NL", "SE", "CH", "FI"),
    *("IE", "PL", "AT", "BE", "DK", "NO", "PT", "AR", "CL", "IS"),
]
LANGUAGES = ["en", "ko", "zh-Hans", "zh-Hant", "th", "vi", "id", "es", "pt", "tl", "ne", "my", "mn"]
PREFECTURE_CODES = ["131016", "271004", "261009", "011002", "401307", "471003", "221309", "141003"]
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 12, 12, 12, 12, 12, 14, 16, 18, 16, 12, 8, 4, 2]


def _zipf(count: int, skew: float = 1.1) -> list[float]:
    return [1 / (rank + 1) ** skew for rank in range(count)]


def servicer_rows(count: int) -> list[tuple[object, ...]]:
    categories = list(ServicerCategory)
    return [
        (
            uuid.UUID(int=index + 1),
            f"Bench servicer {index}",
            f"ベンチ事業者{index}",
            str(categories[index % len(categories)]),
            "approved",
            PREFECTURE_CODES[index % len(PREFECTURE_CODES)],
            "desk@bench.example.jp",
        )
        for index in range(count)
    ]


def visitor_rows(count: int, days: int, rng: random.Random) -> Iterator[tuple[object, ...]]:
    nationality_weights = _zipf(len(NATIONALITIES))
    first = service.day_bounds(LAST_DAY - timedelta(days=days - 1))[0]
    for index in range(count):
        created = first + timedelta(seconds=rng.randrange(days * 86_400))
        nationality = rng.choices(NATIONALITIES, nationality_weights)[0]
        language = LANGUAGES[index % len(LANGUAGES)]
        yield uuid.UUID(int=(1 << 64) + index), created, language, nationality


def event_rows(
    events: int, days: int, visitors: int, servicers: int, rng: random.Random
) -> Iterator[tuple[uuid.UUID, datetime, uuid.UUID, str]]:
    """Resolves in time order: the same number each day, at hours weighted like a day's traffic."""
    purposes = list(PURPOSES)
    purpose_weights = _zipf(len(purposes), 0.8)
    servicer_weights = _zipf(servicers, 0.7)
    servicer_ids = [uuid.UUID(int=i + 1) for i in range(servicers)]
    visitor_weights = list(itertools.accumulate(_zipf(visitors, 0.6)))
    per_day = events // days
    for offset in range(days):
        start = service.day_bounds(LAST_DAY - timedelta(days=days - 1 - offset))[0]
        count = per_day if offset < days - 1 else events - per_day * (days - 1)
        hours = sorted(rng.choices(range(24), HOUR_WEIGHTS, k=count))
        who = rng.choices(range(visitors), cum_weights=visitor_weights, k=count)
        where = rng.choices(servicer_ids, servicer_weights, k=count)
        why = rng.choices(purposes, purpose_weights, k=count)
        for hour, visitor, servicer, purpose in zip(hours, who, where, why, strict=True):
            at = start + timedelta(hours=hour, seconds=rng.randrange(3600))
            yield uuid.UUID(int=(1 << 64) + visitor), at, servicer, purpose


async def load(url: str, events: int, days: int) -> tuple[float, int]:
    """Everything, with COPY; returns seconds and the events written (all kinds)."""
    rng = random.Random(7)
    started = time.monotonic()
    visitors = max(events // 50, K * 50)
    servicers = 200
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    table = AccessLogEntry.__table__
    assert isinstance(table, sa.Table)
    indexes = list(table.indexes)
    conn = await asyncpg.connect(db.plain_url(url))
    written = 0
    try:
        await conn.copy_records_to_table(
            "servicers",
            records=servicer_rows(servicers),
            columns=[
                "id",
                "name",
                "name_ja",
                "category",
                "state",
                "municipality_code",
                "contact_email",
            ],
        )
        people = list(visitor_rows(visitors, days, rng))
        await conn.copy_records_to_table(
            "visitors",
            records=[(vid, created, lang, False) for vid, created, lang, _ in people],
            columns=["id", "created_at", "language", "keep_after_departure"],
        )
        await conn.copy_records_to_table(
            "visitor_attributes",
            records=[(vid, "nationality", json.dumps(nat)) for vid, _, _, nat in people],
            columns=["visitor_id", "key", "clear_value"],
        )
        written += visitors
        for index in indexes:
            await conn.execute(str(DropIndex(index).compile(dialect=dialect)))
        rows = event_rows(events, days, visitors, servicers, rng)
        next_id = 1
        while chunk := list(itertools.islice(rows, COPY_CHUNK)):
            await conn.copy_records_to_table(
                "access_log",
                records=[
                    (next_id + i, vid, at, sid, purpose, ["name"])
                    for i, (vid, at, sid, purpose) in enumerate(chunk)
                ],
                columns=["id", "visitor_id", "at", "servicer_id", "purpose", "attribute_keys"],
            )
            asks = [
                (
                    uuid.uuid4(),
                    vid,
                    sid,
                    purpose,
                    ["passport"],
                    uuid.uuid4().hex,
                    "pending",
                    at,
                    at + timedelta(minutes=10),
                )
                for vid, at, sid, purpose in chunk[::20]
            ]
            await conn.copy_records_to_table(
                "consent_requests",
                records=asks,
                columns=[
                    "id",
                    "visitor_id",
                    "servicer_id",
                    "purpose",
                    "attributes",
                    "token",
                    "state",
                    "created_at",
                    "expires_at",
                ],
            )
            feedback = [
                (uuid.uuid4(), next_id + i, vid, sid, purpose, rng.randint(1, 5), "visible", at)
                for i, (vid, at, sid, purpose) in enumerate(chunk)
                if i % 50 == 0
            ]
            await conn.copy_records_to_table(
                "feedback",
                records=feedback,
                columns=[
                    "id",
                    "access_log_id",
                    "visitor_id",
                    "servicer_id",
                    "purpose",
                    "rating",
                    "state",
                    "created_at",
                ],
            )
            await conn.copy_records_to_table(
                "feedback_replies",
                records=[
                    (uuid.uuid4(), f[0], "ありがとうございます", "en", at)
                    for f, at in ((f, f[7]) for f in feedback[::3])
                ],
                columns=["id", "feedback_id", "body", "translated_language", "created_at"],
            )
            next_id += len(chunk)
            written += len(chunk) + len(asks) + len(feedback)
            print(f"   copied {next_id - 1:,} resolves", end="\r", flush=True)
        await conn.execute("SELECT setval(pg_get_serial_sequence('access_log', 'id'), $1)", next_id)
        print()
        for index in indexes:
            await conn.execute(str(CreateIndex(index).compile(dialect=dialect)))
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return time.monotonic() - started, written


async def rebuild(url: str, days: int) -> float:
    engine = db.create_engine(url, pool_size=1)
    started = time.monotonic()
    try:
        day = LAST_DAY - timedelta(days=days - 1)
        while day <= LAST_DAY:
            async with db.session_scope(db.session_factory(engine)) as session:
                await service.recompute_day(session, day)
            print(f"   recomputed {day}", end="\r", flush=True)
            day += timedelta(days=1)
        print()
        async with engine.connect() as connection:
            await connection.execute(sa.text("ANALYZE stat_cells"))
    finally:
        await engine.dispose()
    return time.monotonic() - started


PLAIN_SCAN = sa.text(
    """
    SELECT (e.at AT TIME ZONE 'Asia/Tokyo')::date AS day, e.purpose, d.dimension, d.value,
           count(DISTINCT e.visitor_id) AS visitors, count(*) AS events
    FROM (SELECT e.visitor_id, e.purpose, e.at,
                 coalesce(left(n.clear_value #>> '{}', 2), '') AS nationality,
                 v.language, s.category::text AS category,
                 coalesce(left(s.municipality_code, 2), '') AS prefecture,
                 to_char(e.at AT TIME ZONE 'Asia/Tokyo', 'HH24') AS hour
          FROM access_log e
          JOIN servicers s ON s.id = e.servicer_id
          JOIN visitors v ON v.id = e.visitor_id
          LEFT JOIN visitor_attributes n ON n.visitor_id = e.visitor_id AND n.key = 'nationality'
          WHERE e.at >= :start AND e.at < :end) e
    CROSS JOIN LATERAL (VALUES ('purpose', e.purpose), ('category', e.category),
        ('nationality', e.nationality), ('language', e.language),
        ('prefecture', e.prefecture), ('hour', e.hour)) AS d(dimension, value)
    GROUP BY 1, 2, 3, 4
    HAVING count(DISTINCT e.visitor_id) >= :k
    """
)


async def measure(url: str, days: int) -> tuple[list[float], list[float], float, int, int]:
    """Seconds of each run of the operator's and the busiest servicer's page query; seconds of
    the plain scan; cells; charts."""
    query = service.Query(LAST_DAY - timedelta(days=days - 1), LAST_DAY, None)
    engine = db.create_engine(url, pool_size=1)
    try:
        page_runs = []
        for _ in range(PAGE_RUNS):
            async with db.session_factory(engine)() as session:
                started = time.perf_counter()
                charts = await service.charts(session, None, query, K, "ja")
                page_runs.append(time.perf_counter() - started)
        servicer_runs = []
        for _ in range(PAGE_RUNS):
            async with db.session_factory(engine)() as session:
                started = time.perf_counter()
                await service.charts(session, uuid.UUID(int=1), query, K, "ja")
                servicer_runs.append(time.perf_counter() - started)
        async with db.session_factory(engine)() as session:
            cells = int(
                await session.scalar(sa.select(sa.func.count()).select_from(sa.table("stat_cells")))
                or 0
            )
            start, end = service.day_bounds(query.start)[0], service.day_bounds(query.end)[1]
            started = time.perf_counter()
            await session.execute(PLAIN_SCAN, {"start": start, "end": end, "k": K})
            plain = time.perf_counter() - started
    finally:
        await engine.dispose()
    return page_runs, servicer_runs, plain, cells, len(charts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="resolves to load")
    parser.add_argument("--days", type=int, default=30, help="days they spread over")
    args = parser.parse_args(argv)
    configure_logging(Settings(log_level="WARNING"))
    with tempfile.TemporaryDirectory(prefix="omotenashi-bench-stats-") as tmp:
        os.chmod(tmp, 0o755)  # noqa: S103 - the embedded server may run as another user
        root = Path(tmp)
        print(f"\n== statistics over {args.events:,} resolves in {args.days} days", flush=True)
        with EmbeddedCluster(root / "postgres", new_password(), durable=False).running() as cluster:
            from omotenashi.runtime import ensure_database

            asyncio.run(ensure_database(cluster.url(), "bench"))
            url = cluster.url("bench")
            db.upgrade(url)
            load_s, written = asyncio.run(load(url, args.events, args.days))
            print(f"   loaded {written:,} events in {load_s:.1f} s", flush=True)
            rebuild_s = asyncio.run(rebuild(url, args.days))
            print(f"   cells recomputed in {rebuild_s:.1f} s", flush=True)
            page_runs, servicer_runs, plain, cells, charts = asyncio.run(measure(url, args.days))
    page = statistics.median(page_runs)
    rows = [
        (f"events loaded (COPY), {written:,}", load_s, "-", None),
        (f"recompute {args.days} days of cells ({cells:,} cells) s", rebuild_s, "-", None),
        ("per day recompute s", rebuild_s / args.days, "-", None),
        (
            f"page query, {charts} charts from cells, median of {PAGE_RUNS} s",
            page,
            f"< {PAGE_FLOOR_S:g}",
            page < PAGE_FLOOR_S,
        ),
        ("page query, slowest run s", max(page_runs), "-", None),
        ("busiest servicer's page query, median s", statistics.median(servicer_runs), "-", None),
        ("plain scan of the same events (look-up charts) s", plain, "-", None),
        ("plain scan / page query", plain / page, "-", None),
    ]
    print()
    failed = False
    for name, value, floor, ok in rows:
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        failed |= ok is False
        print(f"{name:58} {value:10.3f}   floor {floor:>6}   {verdict}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
