"""Staff rules: accounts, sign-in with password and TOTP, role checks, and a servicer's own
staff list (add, disable)."""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import re
import secrets
import struct
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import pyotp
import structlog
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n, text
from omotenashi.errors import FieldError
from omotenashi.i18n.markers import N_
from omotenashi.mail import service as mail
from omotenashi.security import audit
from omotenashi.security.encryption import DataKey
from omotenashi.security.keys import MasterKey
from omotenashi.servicers import service as servicers
from omotenashi.servicers.errors import InvalidServicerError, ServicerExistsError
from omotenashi.staff.errors import (
    CannotDisableSelfError,
    EnrolmentLinkNotValidError,
    InvalidStaffError,
    RoleRequiredError,
    SignInFailedError,
    StaffExistsError,
    StaffNotFoundError,
)
from omotenashi.staff.models import Role, StaffUser

log = structlog.get_logger(__name__)

# People choose these passwords: argon2id at its recommended cost (RFC 9106 second choice).
_hasher = PasswordHasher()
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 12
TOTP_ISSUER = "Omotenashi Cloud"

APPLICATION_SUBJECT = N_("Your application to join Omotenashi Cloud")
FINISH_SETTING_UP = N_(
    "Thank you for applying to join Omotenashi Cloud for “{organisation}”.\n\n"
    "To finish setting up your administrator account, open this link and add the account to "
    "an authenticator app:\n{link}\n\n"
    "The link works for 3 days, until you first sign in. An operator reviews the application; "
    "meanwhile you can sign in and see where it stands.\n\n"
    "If you did not apply, ignore this message: without the link, nobody can sign in."
)
ADDRESS_TAKEN = N_(
    "Someone applied to join Omotenashi Cloud for “{organisation}” and gave this address for "
    "its administrator. This address already has an account, so the application was not "
    "accepted and no new account was made.\n\n"
    "If it was you, apply again with another address: each address can hold one account. "
    "If it was not you, you need do nothing; your account has not changed."
)
ORGANISATION_TAKEN = N_(
    "Someone applied to join Omotenashi Cloud for “{organisation}” and gave this address for "
    "its administrator. An organisation of this name is already registered in the same "
    "municipality, so the application was not accepted and no account was made.\n\n"
    "If the organisation is yours, ask its administrator to add you as staff. "
    "If it was not you, you need do nothing."
)


@dataclass(frozen=True)
class Enrolment:
    user: StaffUser
    totp_uri: str  # shown once as a QR code for the authenticator app


@dataclass(frozen=True)
class SignedIn:
    user_id: uuid.UUID
    servicer_id: uuid.UUID | None
    role: Role


def _totp_key(root: MasterKey) -> DataKey:
    return DataKey(
        HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"omotenashi staff totp v1"
        ).derive(root.material)
    )


def _context(email: str) -> bytes:
    return f"staff-totp:{email}".encode()


@cache
def _decoy() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def _password_matches(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _account_errors(email: str, password: str, display_name: str) -> list[FieldError]:
    errors = text.unstorable_fields(email=email, password=password, display_name=display_name)
    if errors:
        return errors
    if not _EMAIL.match(email):
        errors.append(FieldError("email", "Give a valid e-mail address."))
    if len(password) < MIN_PASSWORD:
        errors.append(FieldError("password", f"Use at least {MIN_PASSWORD} characters."))
    if not display_name.strip():
        errors.append(FieldError("display_name", "Give a name colleagues will recognise."))
    return errors


async def _email_taken(session: AsyncSession, email: str) -> bool:
    return bool(await session.scalar(select(func.count()).where(StaffUser.email == email)))


async def create_user(
    session: AsyncSession,
    root: MasterKey,
    *,
    email: str,
    display_name: str,
    password: str,
    role: Role,
    servicer_id: uuid.UUID | None,
    actor: str,
    totp_seed: str | None = None,
) -> Enrolment:
    """A staff member or operator, made by someone already trusted (an administrator, the
    command line), who is told if the address is taken. ``totp_seed`` is for demo data only;
    real accounts get a fresh random seed, shown once through the returned enrolment link."""
    email = email.strip().lower()
    errors = _account_errors(email, password, display_name)
    if (role is Role.operator) != (servicer_id is None):
        errors.append(FieldError("role", "Operators belong to no servicer; staff to one."))
    if errors:
        raise InvalidStaffError(fields=errors)
    if servicer_id is not None:
        await servicers.get(session, servicer_id)
    if await _email_taken(session, email):
        raise StaffExistsError()
    return await _add_user(
        session,
        root,
        email=email,
        display_name=display_name,
        password_hash=await asyncio.to_thread(_hasher.hash, password),
        role=role,
        servicer_id=servicer_id,
        actor=actor,
        totp_seed=totp_seed,
    )


async def _add_user(
    session: AsyncSession,
    root: MasterKey,
    *,
    email: str,
    display_name: str,
    password_hash: str,
    role: Role,
    servicer_id: uuid.UUID | None,
    actor: str,
    totp_seed: str | None = None,
) -> Enrolment:
    seed = totp_seed or pyotp.random_base32()
    user = StaffUser(
        servicer_id=servicer_id,
        email=email,
        display_name=display_name.strip(),
        role=role,
        password_hash=password_hash,
        totp_sealed=_totp_key(root).encrypt(seed.encode(), context=_context(email)),
    )
    session.add(user)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="staff.created",
        target=f"staff:{user.id}",
        details={"role": str(role)},
    )
    return Enrolment(user, _provisioning_uri(seed, email))


def _provisioning_uri(seed: str, email: str) -> str:
    return pyotp.TOTP(seed).provisioning_uri(name=email, issuer_name=TOTP_ISSUER)


async def sign_in(
    session: AsyncSession,
    root: MasterKey,
    *,
    email: str,
    password: str,
    code: str,
    at: float | None = None,
) -> SignedIn:
    """Password and a fresh TOTP code. Every failure looks the same; a code is good once."""
    at = time.time() if at is None else at
    user = await session.scalar(
        select(StaffUser).where(
            StaffUser.email == email.strip().lower(), StaffUser.disabled_at.is_(None)
        )
    )
    hashed = user.password_hash if user else _decoy()
    password_ok = await asyncio.to_thread(_password_matches, hashed, password)
    if user is None or not password_ok:
        log.info("staff.sign_in_failed")
        raise SignInFailedError()
    seed = _totp_key(root).decrypt(user.totp_sealed, context=_context(user.email)).decode()
    totp = pyotp.TOTP(seed)
    step = int(at // totp.interval)
    matched = next(
        (
            s
            for s in (step, step - 1)
            if secrets.compare_digest(totp.at(s * totp.interval), code.strip())
        ),
        None,
    )
    if matched is None or (user.last_totp_step is not None and matched <= user.last_totp_step):
        log.info("staff.sign_in_failed", user_id=str(user.id))
        raise SignInFailedError()
    # Compare-and-set, so the same code cannot sign in twice even on two servers at once.
    claimed = await session.execute(
        update(StaffUser)
        .where(
            StaffUser.id == user.id,
            (StaffUser.last_totp_step.is_(None)) | (StaffUser.last_totp_step < matched),
        )
        .values(last_totp_step=matched)
    )
    if not getattr(claimed, "rowcount", 0):
        raise SignInFailedError()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = await asyncio.to_thread(_hasher.hash, password)
    log.info("staff.signed_in", user_id=str(user.id), role=str(user.role))
    return SignedIn(user.id, user.servicer_id, user.role)


def require(who: SignedIn, *roles: Role, servicer_id: uuid.UUID | None = None) -> None:
    """Refuse unless ``who`` has one of ``roles`` (and, for staff, belongs to ``servicer_id``)."""
    if who.role not in roles:
        raise RoleRequiredError()
    if who.role is not Role.operator and servicer_id is not None and who.servicer_id != servicer_id:
        raise RoleRequiredError()


def _of_servicer(servicer_id: uuid.UUID) -> Select[StaffUser]:
    """The one statement through which a servicer's staff are read: never another's."""
    return select(StaffUser).where(StaffUser.servicer_id == servicer_id)


async def display_names(session: AsyncSession, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The names staff members (and operators) go by, for showing who did what."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = await session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(wanted))
    )
    return {row.id: row.display_name for row in rows}


async def list_staff(session: AsyncSession, servicer_id: uuid.UUID) -> list[StaffUser]:
    """The servicer's staff members, newest last and disabled ones after the active."""
    rows = await session.scalars(
        _of_servicer(servicer_id).order_by(
            StaffUser.disabled_at.is_not(None), StaffUser.created_at, StaffUser.id
        )
    )
    return list(rows.all())


async def get(session: AsyncSession, servicer_id: uuid.UUID, staff_id: uuid.UUID) -> StaffUser:
    """One of ``servicer_id``'s staff members; another servicer's is not found."""
    user = await session.scalar(_of_servicer(servicer_id).where(StaffUser.id == staff_id))
    if user is None:
        raise StaffNotFoundError()
    return user


async def disable(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    staff_id: uuid.UUID,
    *,
    by: SignedIn,
    actor: str,
) -> StaffUser:
    """An administrator disables one of their servicer's staff: the member can no longer sign
    in, and from this transaction on every session they hold is refused (auth admits only
    enabled accounts; its job then closes those sessions). Disabling oneself is refused: a lone
    administrator would lock the servicer out of its own console."""
    require(by, Role.servicer_admin, servicer_id=servicer_id)
    user = await get(session, servicer_id, staff_id)
    if user.id == by.user_id:
        raise CannotDisableSelfError()
    if user.disabled_at is not None:
        return user
    user.disabled_at = datetime.now(UTC)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="staff.disabled",
        target=f"staff:{user.id}",
        details={"role": str(user.role)},
    )
    log.info("staff.disabled", user_id=str(user.id))
    return user


async def join(
    session: AsyncSession,
    root: MasterKey,
    *,
    organisation: Mapping[str, Any],
    email: str,
    display_name: str,
    password: str,
    language: str,
    site: str,
    now: datetime | None = None,
) -> None:
    """An organisation applies with its first administrator's account, both or neither.

    Whatever the platform already holds, the applicant is answered the same, so that no one
    learns through it whether an address or an organisation is registered; what happened goes
    to the administrator's address, which only its owner reads: the link that finishes setting
    up the new account (:func:`enrolment_from_link`), or why nothing was made — the address
    already has an account, or an organisation of that name is registered in that
    municipality. Only mistakes in what was written are told at once (a field error).

    The servicer stays pending until an operator decides; its administrator can already sign
    in and see that."""
    address = email.strip().lower()
    errors = servicers.application_errors(**organisation)
    errors += _account_errors(address, password, display_name)
    if errors:
        raise InvalidServicerError(fields=errors)
    # Hashed whatever follows, so that the answer takes as long when nothing is made.
    password_hash = await asyncio.to_thread(_hasher.hash, password)
    gettext = i18n.translations(language).gettext
    details = {"organisation": str(organisation["name"]).strip()}
    try:
        async with session.begin_nested():
            if await _email_taken(session, address):
                raise StaffExistsError()
            servicer = await servicers.apply(session, **organisation)
            enrolment = await _add_user(
                session,
                root,
                email=address,
                display_name=display_name,
                password_hash=password_hash,
                role=Role.servicer_admin,
                servicer_id=servicer.id,
                actor=f"applicant:{servicer.id}",
            )
    except StaffExistsError:
        body = gettext(ADDRESS_TAKEN).format(**details)
        log.info("staff.application_refused", reason="address_taken")
    except ServicerExistsError:
        body = gettext(ORGANISATION_TAKEN).format(**details)
        log.info("staff.application_refused", reason="organisation_taken")
    else:
        link = f"{site}/join/enrol/{enrolment_token(root, enrolment.user.id, now=now)}"
        body = gettext(FINISH_SETTING_UP).format(**details, link=link)
        log.info("staff.application_received", servicer_id=str(servicer.id))
    await mail.enqueue(session, root, to=address, subject=gettext(APPLICATION_SUBJECT), body=body)


# --- The link that finishes an applicant's account ------------------------------------------
#
# ``base64url(staff id (16 bytes) || expiry (8 bytes, Unix seconds, big-endian) || mac)``, the
# mac being the first 16 bytes of HMAC-SHA256 under a key derived for this use alone. Nothing is
# stored: the link shows the authenticator set-up until the account first signs in, and for
# ENROLMENT_LINK_LIFETIME at most.

ENROLMENT_LINK_LIFETIME = timedelta(days=3)
_ENROLMENT_INFO = b"omotenashi staff enrolment link v1"
_LINK = struct.Struct(">16sQ")
_LINK_MAC_BYTES = 16


def _link_mac(root: MasterKey, body: bytes) -> bytes:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_ENROLMENT_INFO).derive(
        root.material
    )
    return hmac.new(key, body, hashlib.sha256).digest()[:_LINK_MAC_BYTES]


def enrolment_token(root: MasterKey, user_id: uuid.UUID, *, now: datetime | None = None) -> str:
    expires = (now or datetime.now(UTC)) + ENROLMENT_LINK_LIFETIME
    body = _LINK.pack(user_id.bytes, int(expires.timestamp()))
    return base64.urlsafe_b64encode(body + _link_mac(root, body)).rstrip(b"=").decode()


async def enrolment_from_link(
    session: AsyncSession, root: MasterKey, token: str, *, now: datetime | None = None
) -> Enrolment:
    """The authenticator set-up of the account an application made, for the link e-mailed to
    its address. Forged, garbled, expired, or of an account that has signed in or was disabled:
    :class:`EnrolmentLinkNotValidError`, the same for all."""
    now = now or datetime.now(UTC)
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise EnrolmentLinkNotValidError() from None
    body, mac = raw[: _LINK.size], raw[_LINK.size :]
    if len(raw) != _LINK.size + _LINK_MAC_BYTES or not hmac.compare_digest(
        mac, _link_mac(root, body)
    ):
        raise EnrolmentLinkNotValidError()
    user_id, expires = _LINK.unpack(body)
    if expires <= now.timestamp():
        raise EnrolmentLinkNotValidError()
    user = await session.scalar(
        select(StaffUser).where(
            StaffUser.id == uuid.UUID(bytes=user_id),
            StaffUser.disabled_at.is_(None),
            StaffUser.last_totp_step.is_(None),
        )
    )
    if user is None:
        raise EnrolmentLinkNotValidError()
    seed = _totp_key(root).decrypt(user.totp_sealed, context=_context(user.email)).decode()
    return Enrolment(user, _provisioning_uri(seed, user.email))
