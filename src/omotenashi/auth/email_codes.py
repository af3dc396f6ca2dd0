"""Signing in with a one-time code sent by e-mail: the fallback for a visitor without a passkey.

The address is kept only as a keyed hash (:class:`LoginEmail`), so the platform can find the
visitor who signs in with it but a copy of the table gives back no address. A code is six
digits, lives ten minutes, allows five tries and works once; only its keyed hash is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import structlog
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n
from omotenashi.auth.errors import CodeNotAcceptedError, EmailTakenError
from omotenashi.auth.models import EmailCode, LoginEmail
from omotenashi.errors import FieldError, ValidationFailedError
from omotenashi.i18n.markers import N_
from omotenashi.mail import service as mail
from omotenashi.security.keys import MasterKey
from omotenashi.visitors.catalogue import validate_profile

log = structlog.get_logger(__name__)

CODE_LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5
_INFO = b"omotenashi login email v1"

SUBJECT = N_("Your Omotenashi Cloud sign-in code")
BODY = N_(
    "Your sign-in code is {code}. It works once, for 10 minutes.\n\n"
    "If you did not ask for it, ignore this message: nobody can sign in without the code."
)


@dataclass(frozen=True)
class Verified:
    visitor_id: uuid.UUID | None  # None: nobody signs in with this address yet
    lookup_hash: bytes


def _key(root: MasterKey) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(root.material)


def normalise(email: str) -> str:
    """The address as the catalogue accepts it, or a field error."""
    normalised, errors = validate_profile({"email": email})
    if errors:
        raise ValidationFailedError(fields=[FieldError("email", e.message, e.code) for e in errors])
    return str(normalised["email"]).lower()


def lookup_hash(root: MasterKey, email: str) -> bytes:
    return hmac.new(_key(root), b"email\x00" + email.encode(), hashlib.sha256).digest()


def _code_hash(root: MasterKey, lookup: bytes, code: str) -> bytes:
    return hmac.new(_key(root), b"code\x00" + lookup + code.encode(), hashlib.sha256).digest()


async def send_code(
    session: AsyncSession,
    root: MasterKey,
    email: str,
    language: str,
    *,
    now: datetime | None = None,
) -> None:
    """Queue a fresh code to ``email`` (earlier unused codes stop working)."""
    now = now or datetime.now(UTC)
    address = normalise(email)
    lookup = lookup_hash(root, address)
    code = f"{secrets.randbelow(1_000_000):06d}"
    await session.execute(
        sa.update(EmailCode)
        .where(EmailCode.lookup_hash == lookup, EmailCode.used_at.is_(None))
        .values(used_at=now)
    )
    session.add(
        EmailCode(
            lookup_hash=lookup,
            code_hash=_code_hash(root, lookup, code),
            expires_at=now + CODE_LIFETIME,
        )
    )
    translations = i18n.translations(language)
    await mail.enqueue(
        session,
        root,
        to=address,
        subject=translations.gettext(SUBJECT),
        body=translations.gettext(BODY).format(code=code),
    )
    await session.flush()
    log.info("auth.email_code_sent", language=language)


async def verify_code(
    session: AsyncSession,
    root: MasterKey,
    email: str,
    code: str,
    *,
    now: datetime | None = None,
) -> Verified:
    """Use up the code; whose address it is, if anyone's. Every failure looks the same."""
    now = now or datetime.now(UTC)
    address = normalise(email)
    lookup = lookup_hash(root, address)
    pending = await session.scalar(
        sa.select(EmailCode)
        .where(
            EmailCode.lookup_hash == lookup,
            EmailCode.used_at.is_(None),
            EmailCode.expires_at > now,
        )
        .order_by(EmailCode.created_at.desc())
        .limit(1)
        .with_for_update()
    )
    if pending is None or pending.attempts >= MAX_ATTEMPTS:
        raise CodeNotAcceptedError()
    if not hmac.compare_digest(pending.code_hash, _code_hash(root, lookup, code.strip())):
        pending.attempts += 1
        await session.flush()
        log.info("auth.email_code_refused", attempts=pending.attempts)
        raise CodeNotAcceptedError()
    pending.used_at = now
    visitor_id = await session.scalar(
        sa.select(LoginEmail.visitor_id).where(LoginEmail.lookup_hash == lookup)
    )
    await session.flush()
    return Verified(visitor_id, lookup)


async def link(session: AsyncSession, visitor_id: uuid.UUID, verified: Verified) -> None:
    """Let the visitor sign in with the address just verified (replacing an earlier one)."""
    if verified.visitor_id not in (None, visitor_id):
        raise EmailTakenError()
    await session.execute(sa.delete(LoginEmail).where(LoginEmail.visitor_id == visitor_id))
    await session.execute(
        insert(LoginEmail).values(lookup_hash=verified.lookup_hash, visitor_id=visitor_id)
    )
    log.info("auth.login_email_linked", visitor_id=str(visitor_id))


async def has_login_email(session: AsyncSession, visitor_id: uuid.UUID) -> bool:
    found = await session.scalar(
        sa.select(sa.func.count()).where(LoginEmail.visitor_id == visitor_id)
    )
    return bool(found)
