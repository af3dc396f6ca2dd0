"""Rows that every test of one module shares, made and committed once in a database of the
module's own, instead of once per test.

The authorisation matrices (tests/test_authorization.py, tests/test_page_authorization.py)
each run hundreds of tests against the same people: making them for every test (servicers,
clients, sealed personal data, hashed passwords) cost most of each test's time. Here they are
made once, in a copy of the worker's migrated template (``migrated`` in tests/conftest.py), and
the module overrides ``engine`` with :meth:`SharedRows.engine`: tests/conftest.py's ``session``,
``app`` and ``client`` then run each test in a transaction on that database, rolled back at the
end as everywhere else, so whatever one test changes (a session signed out, a consent revoked,
a visitor erased) is gone for the next.

Some of what is shared expires (a consent request and a client's access token live five
minutes, a session ends when left idle): the rows are made afresh, in a new copy, once older
than ``max_age``. Rate limits are kept outside the transaction (through the application's own
engines, in the worker's database): a module whose tests together spend one shared person's
allowance (a visitor linking cards more than a few times) must not share that person.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from tests.conftest import TEST_DATABASE, _recreate

from omotenashi import db
from omotenashi.pgcluster import EmbeddedCluster

T = TypeVar("T")


class SharedRows(Generic[T]):
    """What ``build`` makes in a session (and returns), committed in database ``name``."""

    def __init__(
        self,
        cluster: EmbeddedCluster,
        template: str,
        name: str,
        build: Callable[[AsyncSession], Awaitable[T]],
        *,
        max_age: timedelta,
    ) -> None:
        self._cluster, self._template = cluster, template
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self._name = f"{TEST_DATABASE}_{name}_{worker}"
        self._build = build
        self._max_age = max_age.total_seconds()
        self._engine: AsyncEngine | None = None
        self._made_at = 0.0
        self._value: T | None = None

    async def engine(self) -> AsyncEngine:
        """The engine of the shared database, the rows made afresh first if they are old."""
        if self._engine is None or time.monotonic() - self._made_at > self._max_age:
            await self.close()
            self._made_at = time.monotonic()
            await _recreate(self._cluster.url(), self._name, template=self._template)
            self._engine = db.create_engine(self._cluster.url(self._name), pool_size=2)
            async with AsyncSession(self._engine, expire_on_commit=False) as session:
                self._value = await self._build(session)
                await session.commit()
        return self._engine

    @property
    def value(self) -> T:
        """What ``build`` returned, for the rows now in the database (after :meth:`engine`)."""
        assert self._value is not None, "engine() makes the rows first"
        return self._value

    async def close(self) -> None:
        """Let go of the database (it goes with the worker's cluster, or when made afresh)."""
        if self._engine is not None:
            await self._engine.dispose()
            self._engine, self._value = None, None
