from __future__ import annotations

import email
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from omotenashi import db, jobs
from omotenashi.auth import email_codes
from omotenashi.auth.errors import CodeNotAcceptedError, EmailTakenError
from omotenashi.auth.models import EmailCode
from omotenashi.mail import service as mail
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.visitors import service as visitors

NOW = datetime(2026, 11, 23, 14, 2, tzinfo=UTC)
ADDRESS = "Somchai@Example.co.th"


async def _code_for(
    session: AsyncSession, keys: PlatformKeys, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Send a code and catch it on its way to the queue (the queued payload is sealed)."""
    sent: list[str] = []

    async def capture(*_: object, to: str, subject: str, body: str) -> None:
        sent.append(body)

    monkeypatch.setattr(mail, "enqueue", capture)
    await email_codes.send_code(session, keys.master, ADDRESS, "th", now=NOW)
    found = re.search(r"\b(\d{6})\b", sent[-1])
    assert found is not None
    return found.group(1)


async def test_the_code_signs_in_once_and_only_its_digest_is_stored(
    session: AsyncSession, keys: PlatformKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = await _code_for(session, keys, monkeypatch)
    stored = (await session.scalars(select(EmailCode.code_hash))).all()
    assert stored
    assert all(code.encode() not in digest for digest in stored)
    verified = await email_codes.verify_code(session, keys.master, ADDRESS, code, now=NOW)
    assert verified.visitor_id is None  # nobody signs in with this address yet
    with pytest.raises(CodeNotAcceptedError):
        await email_codes.verify_code(session, keys.master, ADDRESS, code, now=NOW)


async def test_wrong_late_and_superseded_codes_are_refused_alike(
    session: AsyncSession, keys: PlatformKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await _code_for(session, keys, monkeypatch)
    second = await _code_for(session, keys, monkeypatch)
    if first != second:
        with pytest.raises(CodeNotAcceptedError):
            await email_codes.verify_code(session, keys.master, ADDRESS, first, now=NOW)
    late = NOW + email_codes.CODE_LIFETIME + timedelta(seconds=1)
    with pytest.raises(CodeNotAcceptedError):
        await email_codes.verify_code(session, keys.master, ADDRESS, second, now=late)
    await email_codes.verify_code(session, keys.master, ADDRESS, second, now=NOW)


async def test_five_wrong_tries_use_up_the_code(
    session: AsyncSession, keys: PlatformKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = await _code_for(session, keys, monkeypatch)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(email_codes.MAX_ATTEMPTS):
        with pytest.raises(CodeNotAcceptedError):
            await email_codes.verify_code(session, keys.master, ADDRESS, wrong, now=NOW)
    with pytest.raises(CodeNotAcceptedError):
        await email_codes.verify_code(session, keys.master, ADDRESS, code, now=NOW)


async def test_a_linked_address_finds_its_visitor_and_no_one_else_may_take_it(
    session: AsyncSession, keys: PlatformKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = Keyring(keys.master)
    owner = await visitors.create_visitor(session, keyring, language="th")
    other = await visitors.create_visitor(session, keyring, language="th")
    code = await _code_for(session, keys, monkeypatch)
    verified = await email_codes.verify_code(session, keys.master, ADDRESS, code, now=NOW)
    await email_codes.link(session, owner.id, verified)
    assert await email_codes.has_login_email(session, owner.id)

    code = await _code_for(session, keys, monkeypatch)
    verified = await email_codes.verify_code(session, keys.master, ADDRESS.lower(), code, now=NOW)
    assert verified.visitor_id == owner.id
    with pytest.raises(EmailTakenError):
        await email_codes.link(session, other.id, verified)


async def test_the_code_reaches_the_outbox_in_the_visitors_language(
    engine: AsyncEngine, database_url: str, platform: Platform
) -> None:
    sessions = db.session_factory(engine)
    async with sessions() as session:
        await email_codes.send_code(session, platform.keys.master, ADDRESS, "th")
        await session.commit()
    pool = await asyncpg.create_pool(db.plain_url(database_url), min_size=1, max_size=3)
    try:
        await jobs.drain(pool, sessions, platform)
    finally:
        await pool.close()
    outbox = Path(platform.settings.data_path) / "outbox"
    message = email.message_from_bytes(sorted(outbox.glob("*.eml"))[-1].read_bytes())
    assert message["To"] == ADDRESS.lower()
    body = message.get_payload(decode=True).decode()
    assert re.search(r"\b\d{6}\b", body)
    assert "รหัส" in body  # Thai, the language asked for
