"""FastAPI dependencies shared by every domain's routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.db import session_scope


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's one transaction, committed before the response is sent."""
    async with session_scope(request.app.state.sessions) as session:
        yield session


Session = Annotated[AsyncSession, Depends(get_session)]
