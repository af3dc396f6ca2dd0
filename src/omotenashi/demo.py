"""Demo data: a small, believable world to click through. Loading twice changes nothing."""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import db
from omotenashi.security.keys import PlatformKeys

# Modules whose import registers demo loaders, in the order they load.
DEMO_MODULES = (
    "omotenashi.servicers.demo",
    "omotenashi.staff.demo",
    "omotenashi.content.demo",
    "omotenashi.taxfree.demo",
)

DemoLoader = Callable[[AsyncSession, PlatformKeys], Awaitable[str]]
_LOADERS: list[DemoLoader] = []


def loader(function: DemoLoader) -> DemoLoader:
    """Register a domain's demo loader; it returns one line saying what it made or found."""
    _LOADERS.append(function)
    return function


async def load(session: AsyncSession, keys: PlatformKeys) -> list[str]:
    for module in DEMO_MODULES:
        importlib.import_module(module)
    # In the order of DEMO_MODULES, whichever module happened to be imported first: content
    # needs the servicers' demo hotel.
    order = sorted(
        _LOADERS,
        key=lambda f: DEMO_MODULES.index(f.__module__) if f.__module__ in DEMO_MODULES else -1,
    )
    return [await load_one(session, keys) for load_one in order]


async def load_into(database_url: str, keys: PlatformKeys) -> list[str]:
    engine = db.create_engine(database_url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            return await load(session, keys)
    finally:
        await engine.dispose()
    return []
