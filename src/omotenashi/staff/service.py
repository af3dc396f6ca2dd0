"""Staff rules: accounts, sign-in with password and TOTP, role checks, and a servicer's own
staff list (add, disable)."""

from __future__ import annotations

import asyncio
import re
import secrets
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
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

from omotenashi.errors import FieldError
from omotenashi.security import audit
from omotenashi.security.encryption import DataKey
from omotenashi.security.keys import MasterKey
from omotenashi.servicers import service as servicers
from omotenashi.staff.errors import (
    CannotDisableSelfError,
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
    """A staff member or operator. ``totp_seed`` is for demo data only; real accounts get a
    fresh random seed, shown once through the returned enrolment link."""
    email = email.strip().lower()
    errors = []
    if not _EMAIL.match(email):
        errors.append(FieldError("email", "Give a valid e-mail address."))
    if len(password) < MIN_PASSWORD:
        errors.append(FieldError("password", f"Use at least {MIN_PASSWORD} characters."))
    if (role is Role.operator) != (servicer_id is None):
        errors.append(FieldError("role", "Operators belong to no servicer; staff to one."))
    if not display_name.strip():
        errors.append(FieldError("display_name", "Give a name colleagues will recognise."))
    if errors:
        raise InvalidStaffError(fields=errors)
    if servicer_id is not None:
        await servicers.get(session, servicer_id)
    if await session.scalar(select(func.count()).where(StaffUser.email == email)):
        raise StaffExistsError()
    seed = totp_seed or pyotp.random_base32()
    user = StaffUser(
        servicer_id=servicer_id,
        email=email,
        display_name=display_name.strip(),
        role=role,
        password_hash=await asyncio.to_thread(_hasher.hash, password),
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
    uri = pyotp.TOTP(seed).provisioning_uri(name=email, issuer_name=TOTP_ISSUER)
    return Enrolment(user, uri)


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
    in, and every session they hold ends with this transaction. Disabling oneself is refused: a
    lone administrator would lock the servicer out of its own console."""
    # Sessions refer to ``SignedIn`` of this module, so this one import waits until it runs.
    from omotenashi.auth import service as auth

    require(by, Role.servicer_admin, servicer_id=servicer_id)
    user = await get(session, servicer_id, staff_id)
    if user.id == by.user_id:
        raise CannotDisableSelfError()
    if user.disabled_at is not None:
        return user
    user.disabled_at = datetime.now(UTC)
    await session.flush()
    await auth.end_all_for_staff(session, user.id)
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
) -> Enrolment:
    """An organisation applies and its first administrator's account is made, both or neither:
    a mistake in either leaves nothing behind. The servicer stays pending until an operator
    decides; its administrator can already sign in and see that."""
    async with session.begin_nested():
        servicer = await servicers.apply(session, **organisation)
        return await create_user(
            session,
            root,
            email=email,
            display_name=display_name,
            password=password,
            role=Role.servicer_admin,
            servicer_id=servicer.id,
            actor=f"applicant:{servicer.id}",
        )
