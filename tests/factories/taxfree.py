"""Tax-free shops and buyers, made through the product's own services."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.carriers import make_card
from tests.factories.clients import make_client
from tests.factories.servicers import make_servicer
from tests.factories.visitors import make_visitor

from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.consent import service as consent
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import Servicer, ServicerCategory
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.taxfree import service
from omotenashi.taxfree.models import NtaEnvironment, RefundMethod
from omotenashi.visitors import catalogue

SENDER_ID = "123456789012345678901"
CARD = "01 2E 4C 3B 9A 77 10 06"

# ICAO Doc 9303's specimen: Anna Maria Eriksson of Utopia, born 12 August 1974.
ANNA: dict[str, object] = {
    "name": {"surname": "ERIKSSON", "given_names": "ANNA MARIA"},
    "nationality": "SE",  # the catalogue holds ISO 3166 codes; Utopia has none
    "date_of_birth": "1974-08-12",
    "passport": {
        "document_type": "P",
        "number": "L898902C3",
        "issuing_state": "UTO",
        "expiry_date": "2032-04-15",
    },
    "email": "anna@example.org",
    "stay": {"arrival": "2026-12-01", "departure": "2026-12-20"},
}
# The two attributes another change adds to the catalogue; set when this tree has them.
RESIDENCE: dict[str, object] = {
    "status_of_residence": "temporary_visitor",
    "landing_date": "2026-12-01",
}


def catalogue_has_residence() -> bool:
    return "status_of_residence" in catalogue.ATTRIBUTES and "landing_date" in catalogue.ATTRIBUTES


CART = [
    service.ItemIn("Rice cooker 炊飯器", 1, 44_000),
    service.ItemIn("Green tea 抹茶 100g", 3, 2_160, tax_rate=8),
    service.ItemIn("Wristwatch 腕時計", 1, 1_320_000, serial="SN-0042-7781"),
]


async def shop(
    session: AsyncSession,
    keys: PlatformKeys,
    *,
    name: str = "Ginza Denki",
    connected: bool = True,
    fee_bps: int = 1000,
    method: RefundMethod = RefundMethod.wallet,
) -> Servicer:
    """A shop approved for tax-free sales, set up with the tax office (connected to its test
    environment unless not ``connected``)."""
    servicer = await make_servicer(
        session,
        name=name,
        name_ja=f"{name}（テスト）",
        category=ServicerCategory.retail,
        purposes=(PurposeKey.tax_free_sale, PurposeKey.payment),
        approved=True,
    )
    await service.configure_shop(
        session,
        keys,
        servicer.id,
        service.ShopSettings(
            sender_id=SENDER_ID,
            sales_location_id="0012345",
            seller_name=f"{name} 株式会社",
            tax_location="東京都中央区銀座4-1-1",
            store_address="東京都中央区銀座4-1-1 1F",
            refund_fee_bps=fee_bps,
            refund_method=method,
            nta_environment=NtaEnvironment.test if connected else None,
            certificate_pem=b"-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n"
            if connected
            else None,
            private_key_pem=b"-----BEGIN PRIVATE KEY-----\nTEST\n-----END PRIVATE KEY-----\n"
            if connected
            else None,
        ),
    )
    return servicer


async def till(session: AsyncSession, servicer: Servicer) -> AuthenticatedClient:
    client, _ = await make_client(
        session,
        servicer,
        kind=ClientKind.terminal,
        label="Tax-free counter",
        scopes=("resolve",),
        purposes=("tax_free_sale", "payment"),
        location="1F",
    )
    return await clients.desk_terminal(session, servicer.id, client.id)


async def buyer(
    session: AsyncSession,
    keys: PlatformKeys,
    *,
    language: str = "en",
    profile: dict[str, object] | None = None,
    card: str = CARD,
    residence: bool = True,
) -> object:
    """A visitor with a card who allows tax-free sales at every shop, their passport shared."""
    values = dict(profile or ANNA)
    if residence and catalogue_has_residence():
        values.update(RESIDENCE)
    made = await make_visitor(session, keys, language=language, languages=[language], **values)
    await make_card(session, keys, made.id, card, "Suica")
    attributes = [
        a
        for a in PURPOSES[PurposeKey.tax_free_sale].attributes
        if a in values or a == "preferred_languages"
    ]
    await consent.grant(
        session,
        keys,
        made.id,
        purpose=PurposeKey.tax_free_sale,
        attributes=attributes,
        category=ServicerCategory.retail,
    )
    return made


def today() -> date:
    return date.today()
