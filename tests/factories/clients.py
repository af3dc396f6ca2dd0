"""A servicer's API clients (terminals, back-end systems), made through the product's own
services."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.clients import service as clients
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.servicers.models import Servicer


async def make_client(
    session: AsyncSession,
    servicer: Servicer,
    *,
    kind: ClientKind = ClientKind.terminal,
    scopes: tuple[str, ...] = ("resolve", "consent:request"),
    purposes: tuple[str, ...] | None = None,
    label: str = "Front desk 1",
    location: str | None = "1F front desk",
) -> tuple[ApiClient, str]:
    """A client of ``servicer`` and its secret; a terminal serves check-in unless told."""
    if purposes is None:
        purposes = ("hotel_check_in",) if kind is ClientKind.terminal else ()
    return await clients.create_client(
        session,
        servicer.id,
        kind=kind,
        label=label,
        scopes=scopes,
        purposes=purposes,
        location=location,
        actor="staff:test",
    )
