"""Visitors as they register, through the product's own services."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor


def keyring_of(keys: PlatformKeys | Keyring) -> Keyring:
    return keys if isinstance(keys, Keyring) else keys.keyring


async def make_visitor(
    session: AsyncSession,
    keys: PlatformKeys | Keyring,
    *,
    language: str = "en",
    languages: Sequence[str] | None = None,
    registered_by: uuid.UUID | None = None,
    **profile: object,
) -> Visitor:
    """A visitor whose pages speak ``language``, with ``profile`` (catalogue keys: name,
    nationality, passport, stay, …) filled in; ``languages`` are their preferred languages."""
    keyring = keyring_of(keys)
    visitor = await visitors.create_visitor(
        session, keyring, language=language, registered_by=registered_by
    )
    values = dict(profile)
    if languages is not None:
        values["preferred_languages"] = list(languages)
    if values:
        await visitors.update_profile(session, keyring, visitor.id, values)
    return visitor


# A Korean visitor staying in Tokyo for ten days: every attribute a hotel or restaurant asks.
MINJI: dict[str, object] = {
    "name": {"surname": "KIM", "given_names": "MINJI"},
    "nationality": "KR",
    "passport": {
        "document_type": "P",
        "number": "M12345678",
        "issuing_state": "KOR",
        "expiry_date": "2032-01-01",
    },
    "preferred_languages": ["ko"],
    "allergens": ["buckwheat"],
    "stay": {"arrival": "2026-11-20", "departure": "2026-11-30"},
}
