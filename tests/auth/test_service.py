from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.staff import staff_account

from omotenashi.auth import service
from omotenashi.auth.errors import NotSignedInError
from omotenashi.auth.models import AuthSession
from omotenashi.privacy import service as privacy
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn
from omotenashi.visitors import service as visitors

NOW = datetime(2026, 11, 23, 14, 2, tzinfo=UTC)


async def _visitor_session(session: AsyncSession, keys: PlatformKeys) -> tuple[str, object]:
    visitor = await visitors.create_visitor(session, Keyring(keys.master), language="th")
    started = await service.start_visitor_session(session, visitor.id, now=NOW)
    return started.token, visitor.id


async def test_the_secret_names_the_visitor_and_only_its_digest_is_stored(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    token, visitor_id = await _visitor_session(session, keys)
    principal = await service.authenticate(session, token, now=NOW)
    assert isinstance(principal, service.VisitorPrincipal)
    assert (principal.visitor_id, principal.language) == (visitor_id, "th")
    stored = await session.scalar(select(AuthSession).where(AuthSession.id == principal.session_id))
    assert stored is not None
    assert token.encode() not in stored.token_hash


@pytest.mark.parametrize(
    "later",
    [timedelta(days=30, seconds=1), timedelta(days=14, seconds=1)],
    ids=["past its lifetime", "idle too long"],
)
async def test_an_old_session_no_longer_signs_in(
    session: AsyncSession, keys: PlatformKeys, later: timedelta
) -> None:
    token, _ = await _visitor_session(session, keys)
    with pytest.raises(NotSignedInError):
        await service.authenticate(session, token, now=NOW + later)


async def test_use_keeps_a_session_alive_until_its_lifetime(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    token, _ = await _visitor_session(session, keys)
    for day in (10, 20, 29):
        await service.authenticate(session, token, now=NOW + timedelta(days=day))
    with pytest.raises(NotSignedInError):
        await service.authenticate(session, token, now=NOW + timedelta(days=31))


async def test_signing_out_ends_the_session_at_once(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    token, _ = await _visitor_session(session, keys)
    principal = await service.authenticate(session, token, now=NOW)
    await service.end(session, principal.session_id)
    with pytest.raises(NotSignedInError):
        await service.authenticate(session, token, now=NOW)


async def test_an_erased_visitors_session_is_dead(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    token, visitor_id = await _visitor_session(session, keys)
    await privacy.erase(session, [visitor_id])  # type: ignore[list-item]
    with pytest.raises(NotSignedInError):
        await service.authenticate(session, token, now=NOW)


async def test_a_disabled_staff_account_is_signed_out_everywhere(session: AsyncSession) -> None:
    user = await staff_account(session, "ops@omotenashi.example", Role.operator, display_name="Ops")
    started = await service.start_staff_session(session, SignedIn(user.id, None, Role.operator))
    principal = await service.authenticate(session, started.token)
    assert isinstance(principal, service.StaffPrincipal)
    assert principal.is_operator
    user.disabled_at = datetime.now(UTC)
    await session.flush()
    with pytest.raises(NotSignedInError):
        await service.authenticate(session, started.token)


@pytest.mark.parametrize("token", ["", "omv_", "oms_x", "eyJhbGciOi.fake.jwt", "omv_" + "a" * 200])
async def test_made_up_secrets_sign_no_one_in(session: AsyncSession, token: str) -> None:
    with pytest.raises(NotSignedInError):
        await service.authenticate(session, token)
