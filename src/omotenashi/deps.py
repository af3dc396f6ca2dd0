"""FastAPI dependencies shared by every domain's routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import structlog
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from omotenashi import db
from omotenashi.db import OpenSession, Standby, session_scope
from omotenashi.middleware import STANDBY_FAILED, WROTE_COOKIE
from omotenashi.security.keys import PlatformKeys


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's one transaction, committed before the response is sent."""
    async with session_scope(request.app.state.sessions) as session:
        yield session


# "function": the transaction commits when the route returns, before the response leaves, so
# the page a redirect leads to sees the change, and a failed commit is an error, not a silent loss.
Session = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A transaction for a read-heavy page or API (statistics, exports, the access log): on
    the streaming standby when one is configured, no further behind than the allowed lag, and
    answering; otherwise, and for a client that has just written (``WROTE_COOKIE``: read your
    writes), on the primary. Nothing may be written through it."""
    standby: Standby | None = request.app.state.standby
    if standby is not None and WROTE_COOKIE not in request.cookies and await standby.usable():
        session = await _on_standby(standby)
        if session is not None:
            async with session:
                try:
                    yield session
                    await session.commit()
                except BaseException as exc:
                    if db.is_unavailable(exc):
                        # The standby went away mid-read (stopped, cut off): the primary serves
                        # meanwhile, and ``ReadYourWrites`` asks the app again for this read.
                        standby.set_aside()
                        request.scope.setdefault("state", {})[STANDBY_FAILED] = True
                    await session.rollback()
                    raise
            return
    async with session_scope(request.app.state.sessions) as session:
        yield session


async def _on_standby(standby: Standby) -> AsyncSession | None:
    """A session holding a connection to the standby, or None when the standby no longer takes
    one (it may have stopped since its last check): then it is set aside and the read goes to
    the primary."""
    session = standby.sessions()
    try:
        await session.connection()
    except Exception as exc:  # whatever the reason, the primary serves meanwhile
        await session.close()
        structlog.get_logger(__name__).warning("standby.unreachable", error=type(exc).__name__)
        standby.set_aside()
        return None
    return session


ReadSession = Annotated[AsyncSession, Depends(get_read_session, scope="function")]


async def get_autocommit_connection(request: Request) -> AsyncIterator[AsyncConnection]:
    """A pooled connection in autocommit, without an ORM session: every statement commits on
    its own, and no BEGIN or COMMIT is sent. Only for the hot path whose every write is a single
    Core statement (resolve); anything that must be atomic takes a transaction of its own
    (:data:`SessionSource`)."""
    async with request.app.state.autocommit_engine.connect() as connection:
        yield connection


AutocommitConnection = Annotated[
    AsyncConnection, Depends(get_autocommit_connection, scope="function")
]


async def session_source(request: Request) -> OpenSession:
    """For a long response (an event stream): a maker of short transactions, each committed
    when its block ends, so that no transaction stays open while the response waits."""
    return lambda: session_scope(request.app.state.sessions)


SessionSource = Annotated[OpenSession, Depends(session_source)]


def platform_keys(request: Request) -> PlatformKeys:
    """The platform's keys, loaded once at start-up."""
    keys: PlatformKeys = request.app.state.platform.keys
    return keys


def bearer_token(request: Request) -> str | None:
    """The secret of an ``Authorization: Bearer`` header, or None when there is none."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def client_address(request: Request) -> str:
    """The caller's network address, as the server (or its trusted proxy) reports it."""
    return request.client.host if request.client else "unknown"
