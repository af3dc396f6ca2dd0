"""What a sign-in leaves behind (an e-mail code, a passkey challenge) is forgotten once it can no
longer be used: a code holds the keyed hash of the address it went to."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth import email_codes, passkeys, queries, tasks
from omotenashi.auth.models import AuthChallenge, EmailCode
from omotenashi.mail import service as mail
from omotenashi.security.keys import PlatformKeys

RP = passkeys.RelyingParty(id="localhost", origin="http://localhost:8000")


@pytest.fixture
def quiet_mail(monkeypatch: pytest.MonkeyPatch) -> None:
    async def drop(*_: object, **__: object) -> None:
        return None

    monkeypatch.setattr(mail, "enqueue", drop)


async def _codes(session: AsyncSession, keys: PlatformKeys, address: str) -> int:
    lookup = email_codes.lookup_hash(keys.master, address)
    count = sa.select(sa.func.count()).where(EmailCode.lookup_hash == lookup)
    return int(await session.scalar(count) or 0)


async def _challenges(session: AsyncSession, challenge_id: uuid.UUID) -> int:
    count = sa.select(sa.func.count()).where(AuthChallenge.id == challenge_id)
    return int(await session.scalar(count) or 0)


@pytest.mark.usefixtures("quiet_mail")
async def test_an_e_mail_code_is_forgotten_once_past_its_lifetime_used_or_not(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    now = datetime.now(UTC)
    await email_codes.send_code(session, keys.master, "desk@example.jp", "th", now=now)
    await email_codes.send_code(session, keys.master, "desk@example.jp", "th", now=now)  # used up
    await queries.forget_lapsed(session, EmailCode, now=now)
    assert await _codes(session, keys, "desk@example.jp") == 2
    await queries.forget_lapsed(session, EmailCode, now=now + email_codes.CODE_LIFETIME)
    assert await _codes(session, keys, "desk@example.jp") == 0


async def test_a_passkey_challenge_is_forgotten_once_it_can_no_longer_be_answered(
    session: AsyncSession,
) -> None:
    ceremony = await passkeys.authentication_options(session, RP)
    await queries.forget_lapsed(session, AuthChallenge)
    assert await _challenges(session, ceremony.challenge_id) == 1
    late = datetime.now(UTC) + passkeys.CHALLENGE_LIFETIME + timedelta(seconds=1)
    assert await queries.forget_lapsed(session, AuthChallenge, now=late) >= 1
    assert await _challenges(session, ceremony.challenge_id) == 0


@pytest.mark.usefixtures("quiet_mail")
async def test_the_job_forgets_what_has_lapsed_and_keeps_what_is_live(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    await email_codes.send_code(session, keys.master, "yesterday@example.jp", "th", now=yesterday)
    await email_codes.send_code(session, keys.master, "today@example.jp", "th")
    ceremony = await passkeys.authentication_options(session, RP)

    await tasks.forget_lapsed_sign_in_leftovers(session)

    assert await _codes(session, keys, "yesterday@example.jp") == 0
    assert await _codes(session, keys, "today@example.jp") == 1  # it still signs in
    assert await _challenges(session, ceremony.challenge_id) == 1
