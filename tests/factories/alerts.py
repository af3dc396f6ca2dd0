"""Visitors who lodge somewhere and did (or did not) grant the emergency purpose, made
through the product's own services."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.visitors import make_visitor

from omotenashi.alerts.areas import _jis_x0402_check_digit
from omotenashi.consent import service as consent
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PurposeKey


def jis(code5: str) -> str:
    """The 6-digit JIS X 0402 code, with its check digit."""
    return code5 + str(_jis_x0402_check_digit(code5))


async def lodging_visitor(
    session: AsyncSession,
    keys: PlatformKeys,
    municipality: str | None,
    *,
    language: str = "en",
    emergency: bool = True,
    surname: str = "TRAVELLER",
    registered_by: uuid.UUID | None = None,
) -> uuid.UUID:
    """A visitor lodging in ``municipality`` (5 digits), speaking ``language``, who granted
    the emergency purpose to municipalities unless ``emergency`` is False."""
    today = datetime.now(UTC).date()
    profile: dict[str, object] = {
        "name": {"surname": surname, "given_names": "TEST"},
        "preferred_languages": [language],
    }
    if municipality is not None:
        profile["stay"] = {
            "arrival": today.isoformat(),
            "departure": (today + timedelta(days=5)).isoformat(),
            "lodging_municipality": jis(municipality),
        }
    visitor = await make_visitor(
        session, keys, language=language, registered_by=registered_by, **profile
    )
    if emergency:
        await consent.grant(
            session,
            keys,
            visitor.id,
            purpose=PurposeKey.emergency,
            attributes=["name", "preferred_languages", "stay"],
            category=ServicerCategory.municipality,
        )
    return visitor.id
