"""Payment test data, made through the product's own services."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.clients import service as clients
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.consent import service as consent
from omotenashi.payments.service import Presented, Rules
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import Servicer, ServicerCategory, ServicerState
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors

RULES = Rules(fee_basis_points=300, tap_limit=10_000, wallet_limit=50_000)
KOREAN_CARD = "01 2E 4C 3B 9A 77 10 05"


async def merchant(
    session: AsyncSession,
    name: str,
    category: ServicerCategory = ServicerCategory.restaurant,
    *purposes: PurposeKey,
) -> Servicer:
    """A servicer approved by an operator for payment (and ``purposes``)."""
    wanted = (PurposeKey.payment, *purposes)
    servicer = await servicers.apply(
        session,
        name=name,
        name_ja=f"{name}（テスト）",
        category=category,
        contact_email="desk@test.example.jp",
        municipality_code="131067",
        purposes={purpose: "" for purpose in wanted},
    )
    for purpose in wanted:
        await servicers.decide_purpose(
            session, servicer.id, purpose, approve=True, actor="operator:test"
        )
    await servicers.set_state(session, servicer.id, ServicerState.approved, actor="operator:test")
    return servicer


async def terminal_client(
    session: AsyncSession, servicer: Servicer, label: str = "Till 1"
) -> tuple[ApiClient, str]:
    """A terminal set up for payment, and its secret."""
    return await clients.create_client(
        session,
        servicer.id,
        kind=ClientKind.terminal,
        label=label,
        scopes=("resolve",),
        purposes=("payment",),
        location="1F",
        actor="staff:test",
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
    keyring = Keyring(keys.master)
    made = await visitors.create_visitor(session, keyring, language=language)
    await visitors.update_profile(
        session,
        keyring,
        made.id,
        {"name": {"surname": "KIM", "given_names": "MINJI"}, "preferred_languages": [language]},
    )
    await carriers.link_card(
        session, CarrierKeys.from_platform(keys), made.id, CarrierKind.ic_card, card, "T-money"
    )
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
    return Presented(CarrierKind.ic_card, card)
