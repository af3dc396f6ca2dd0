"""Merchants, their tills and paying visitors, made through the product's own services."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.carriers import make_card
from tests.factories.clients import make_client
from tests.factories.servicers import make_servicer
from tests.factories.visitors import make_visitor

from omotenashi.carriers.models import CarrierKind
from omotenashi.clients import service as clients
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.consent import service as consent
from omotenashi.payments.service import Presented, Rules
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import Servicer, ServicerCategory
from omotenashi.servicers.purposes import PurposeKey

RULES = Rules(fee_basis_points=300, tap_limit=10_000, wallet_limit=50_000)
KOREAN_CARD = "01 2E 4C 3B 9A 77 10 05"


async def merchant(
    session: AsyncSession,
    name: str,
    category: ServicerCategory = ServicerCategory.restaurant,
    *purposes: PurposeKey,
) -> Servicer:
    """A servicer approved by an operator for payment (and ``purposes``)."""
    return await make_servicer(
        session,
        name=name,
        name_ja=f"{name}（テスト）",
        category=category,
        purposes=(PurposeKey.payment, *purposes),
        approved=True,
    )


async def terminal_client(
    session: AsyncSession, servicer: Servicer, label: str = "Till 1"
) -> tuple[ApiClient, str]:
    """A terminal set up for payment, and its secret."""
    return await make_client(
        session,
        servicer,
        kind=ClientKind.terminal,
        label=label,
        scopes=("resolve",),
        purposes=("payment",),
        location="1F",
    )


async def terminal(session: AsyncSession, servicer: Servicer) -> AuthenticatedClient:
    client, _ = await terminal_client(session, servicer)
    return await clients.desk_terminal(session, servicer.id, client.id)


async def visitor(
    session: AsyncSession,
    keys: PlatformKeys,
    *,
    card: str = KOREAN_CARD,
    language: str = "ko",
    pays_at: ServicerCategory | None = ServicerCategory.restaurant,
    pays_at_servicers: tuple[Servicer, ...] = (),
) -> uuid.UUID:
    """A visitor with an IC card, who allows payment at every servicer of ``pays_at`` and at
    each of ``pays_at_servicers``."""
    made = await make_visitor(
        session,
        keys,
        language=language,
        name={"surname": "KIM", "given_names": "MINJI"},
        languages=[language],
    )
    await make_card(session, keys, made.id, card, "T-money")
    if pays_at is not None:
        await consent.grant(
            session,
            keys,
            made.id,
            purpose=PurposeKey.payment,
            attributes=["name", "preferred_languages"],
            category=pays_at,
        )
    for servicer in pays_at_servicers:
        await consent.grant(
            session,
            keys,
            made.id,
            purpose=PurposeKey.payment,
            attributes=["preferred_languages"],
            servicer_id=servicer.id,
        )
    return made.id


def tap(card: str = KOREAN_CARD) -> Presented:
    """The card held to the reader."""
    return Presented(CarrierKind.ic_card, card)
