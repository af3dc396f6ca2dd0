"""Provenance of an attribute: verified by an OpenID Provider on a date, until the visitor
changes it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.runtime import Platform
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor

ISSUER = "https://auth.example.go.jp"
NAME = {"surname": "デジタル", "given_names": "太郎"}


async def _verified_visitor(session: AsyncSession, platform: Platform) -> Visitor:
    keyring = platform.keys.keyring
    visitor = await visitors.create_visitor(session, keyring)
    await visitors.update_profile(
        session,
        keyring,
        visitor.id,
        {"name": NAME, "date_of_birth": "1990-04-01"},
        verified=visitors.Verification(ISSUER, datetime(2026, 12, 4, 9, 0, tzinfo=UTC)),
    )
    await visitors.update_profile(session, keyring, visitor.id, {"email": "taro@example.jp"})
    return visitor


async def test_verified_attributes_name_their_issuer_and_date(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await _verified_visitor(session, platform)
    found = await visitors.verifications(session, visitor.id)
    assert found["name"] == visitors.Verification(ISSUER, datetime(2026, 12, 4, 9, tzinfo=UTC))
    assert found["email"] is None
    assert visitors.verification_field(found["name"]) == {
        "verified_by": ISSUER,
        "verified_at": "2026-12-04T09:00:00Z",
    }
    assert visitors.verification_field(found["email"]) is None


async def test_a_verified_name_the_visitor_changes_becomes_unverified(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await _verified_visitor(session, platform)
    changed = {"surname": "デジタル", "given_names": "花子"}
    await visitors.update_profile(session, platform.keys.keyring, visitor.id, {"name": changed})
    found = await visitors.verifications(session, visitor.id)
    assert found["name"] is None
    assert found["date_of_birth"] is not None  # the others keep theirs


async def test_a_verified_name_saved_unchanged_stays_verified(
    session: AsyncSession, platform: Platform
) -> None:
    visitor = await _verified_visitor(session, platform)
    # The "about you" form sends every field again, the untouched name too.
    await visitors.update_profile(
        session, platform.keys.keyring, visitor.id, {"name": dict(NAME), "sex": "M"}
    )
    found = await visitors.verifications(session, visitor.id)
    assert found["name"] is not None
    assert found["sex"] is None
