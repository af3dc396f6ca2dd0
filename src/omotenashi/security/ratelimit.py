"""Rate limits that every server process agrees on, kept in PostgreSQL.

The generic cell rate algorithm (GCRA) needs one timestamp per key — the "theoretical arrival
time" of the next request — and one statement to test and advance it, so a limit costs a single
round trip and no lock outlives that statement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base
from omotenashi.errors import TooManyRequestsError


class RateLimitState(Base):
    __tablename__ = "rate_limits"
    # Losing the state in a crash only forgives a few requests; not logging it saves WAL writes.
    __table_args__ = {"prefixes": ["UNLOGGED"]}  # noqa: RUF012

    key: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    # The earliest time at which the key is back to a full burst.
    theoretical_arrival: Mapped[datetime]


@dataclass(frozen=True)
class Limit:
    per_minute: int
    burst: int

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=1) / self.per_minute


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # whole seconds, for the Retry-After header


_TAKE_SQL = """
    INSERT INTO rate_limits AS r (key, theoretical_arrival)
    {rows}
    ON CONFLICT (key) DO UPDATE
       SET theoretical_arrival = greatest(r.theoretical_arrival, {now}) + {interval}
     WHERE greatest(r.theoretical_arrival, {now}) + {interval} <= {now} + {window}
    RETURNING theoretical_arrival
"""


def take_sql(rows: str, interval: str, window: str, now: str = "clock_timestamp()") -> str:
    """The GCRA step as one statement, for a caller that counts inside a statement of its own
    (resolve counts its client's request in the statement that decides it). ``rows`` yields
    ``(key, now + interval)`` for each key to count; ``interval`` and ``window`` are SQL
    expressions. Returns a row for each key that was within its limit."""
    return _TAKE_SQL.format(rows=rows, interval=interval, window=window, now=now)


def wait_sql(arrival: str, interval: str, window: str, now: str = "clock_timestamp()") -> str:
    """Seconds until a key refused by :func:`take_sql` may be counted again."""
    return f"extract(epoch FROM {arrival} + {interval} - {now} - {window})"


_TAKE = sa.text(take_sql("VALUES (:key, clock_timestamp() + :interval)", ":interval", ":window"))
_WAIT_SQL = "SELECT {wait} FROM rate_limits WHERE key = :key"
_WAIT = sa.text(_WAIT_SQL.format(wait=wait_sql("theoretical_arrival", ":interval", ":window")))


async def take(connection: AsyncConnection, key: str, limit: Limit) -> Verdict:
    """Count one request against ``key``. Run it on its own connection in autocommit (not in
    the request's transaction), so the row is locked only for this statement."""
    window = limit.interval * limit.burst
    params = {"key": key, "interval": limit.interval, "window": window}
    if (await connection.execute(_TAKE, params)).first() is not None:
        return Verdict(True)
    wait = (await connection.execute(_WAIT, params)).scalar_one_or_none()
    return Verdict(False, max(1, math.ceil(float(wait or 0))))


async def enforce(engine: AsyncEngine, key: str, limit: Limit) -> None:
    """Count one request against ``key`` or raise :class:`TooManyRequestsError` (429 with
    Retry-After). Uses its own autocommit connection, whatever the caller's transaction does."""
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        verdict = await take(autocommit, key, limit)
    if not verdict.allowed:
        raise TooManyRequestsError(verdict.retry_after)


# Limits that count failures only (wrong passwords), so that the people who get it right are
# never held up by those who do not: check before the attempt, count after a failure.


async def refuse_when_spent(engine: AsyncEngine, key: str, limit: Limit) -> None:
    """Raise :class:`TooManyRequestsError` if ``key`` has nothing left, without counting."""
    window = limit.interval * limit.burst
    params = {"key": key, "interval": limit.interval, "window": window}
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        wait = (await autocommit.execute(_WAIT, params)).scalar_one_or_none()
    if wait is not None and wait > 0:
        raise TooManyRequestsError(max(1, math.ceil(float(wait))))


async def count_failure(engine: AsyncEngine, key: str, limit: Limit) -> None:
    """Count one failure against ``key`` (see :func:`refuse_when_spent`)."""
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await take(autocommit, key, limit)
