from __future__ import annotations

import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from omotenashi.errors import TooManyRequestsError
from omotenashi.security import ratelimit

LIMIT = ratelimit.Limit(per_minute=60, burst=3)


async def test_a_burst_passes_then_the_next_is_refused_with_a_wait(engine: AsyncEngine) -> None:
    key = f"test:{uuid.uuid4()}"
    for _ in range(3):
        await ratelimit.enforce(engine, key, LIMIT)
    with pytest.raises(TooManyRequestsError) as refused:
        await ratelimit.enforce(engine, key, LIMIT)
    assert refused.value.status == 429
    assert refused.value.headers["Retry-After"] == "1"  # one request per second comes back


async def test_two_connections_share_one_allowance(engine: AsyncEngine) -> None:
    key = f"test:{uuid.uuid4()}"
    async with engine.connect() as first, engine.connect() as second:
        a = await first.execution_options(isolation_level="AUTOCOMMIT")
        b = await second.execution_options(isolation_level="AUTOCOMMIT")
        verdicts = [await ratelimit.take(conn, key, LIMIT) for conn in (a, b, a, b)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]


async def test_keys_do_not_share_an_allowance(engine: AsyncEngine) -> None:
    first, second = f"test:{uuid.uuid4()}", f"test:{uuid.uuid4()}"
    for _ in range(3):
        await ratelimit.enforce(engine, first, LIMIT)
    await ratelimit.enforce(engine, second, LIMIT)
