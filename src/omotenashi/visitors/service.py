"""Visitor rules: registration, the profile (sealed where sensitive), family, erasure."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import erasures, i18n
from omotenashi.errors import FieldError
from omotenashi.security import audit, ratelimit
from omotenashi.security.encryption import (
    DataKey,
    DecryptionError,
    Keyring,
    UnknownMasterKeyError,
    WrappedKey,
)
from omotenashi.visitors import catalogue
from omotenashi.visitors.errors import InvalidProfileError, VisitorNotFoundError
from omotenashi.visitors.models import Visitor, VisitorAttribute

log = structlog.get_logger(__name__)

SEALED = {catalogue.Sensitivity.sensitive, catalogue.Sensitivity.identity_document}

# Registrations without an account, from one network address, through the API and the pages
# alike: a tour group behind one hotel's Wi-Fi registers without waiting; a script making
# accounts in bulk is stopped.
REGISTRATIONS_PER_ADDRESS = ratelimit.Limit(per_minute=10, burst=20)


def registrations_from(address: str) -> str:
    """The rate-limit key of registrations from a network address."""
    return f"visitor-registration-from:{address}"


def _context(visitor_id: uuid.UUID, key: str) -> bytes:
    return f"visitor:{visitor_id}:{key}".encode()


async def create_visitor(
    session: AsyncSession,
    keyring: Keyring,
    *,
    language: str = "en",
    registered_by: uuid.UUID | None = None,
    sandbox_of: uuid.UUID | None = None,
) -> Visitor:
    """A new visitor with a data key of their own (a family member's, when registered_by); a
    test visitor in the sandbox of the servicer ``sandbox_of``, when given."""
    if registered_by is not None:
        await get(session, registered_by)
    _, wrapped = keyring.new_data_key()
    visitor = Visitor(
        language=language,
        registered_by_id=registered_by,
        data_key=wrapped.to_bytes(),
        master_key_id=wrapped.master_key_id,
        live=sandbox_of is None,
        sandbox_of=sandbox_of,
    )
    session.add(visitor)
    await session.flush()
    log.info("visitor.created", visitor_id=str(visitor.id), family=registered_by is not None)
    return visitor


async def get(session: AsyncSession, visitor_id: uuid.UUID) -> Visitor:
    visitor = await session.get(Visitor, visitor_id)
    if visitor is None or visitor.data_key is None:
        raise VisitorNotFoundError()
    return visitor


def _data_key(keyring: Keyring, visitor: Visitor) -> DataKey:
    assert visitor.data_key is not None
    return keyring.unwrap(WrappedKey.from_bytes(visitor.data_key))


@dataclass(frozen=True)
class Verification:
    """Who vouched for an attribute's value: an OpenID Provider's issuer, and when."""

    issuer: str
    verified_at: datetime


async def update_profile(
    session: AsyncSession,
    keyring: Keyring,
    visitor_id: uuid.UUID,
    values: Mapping[str, object],
    *,
    verified: Verification | None = None,
) -> dict[str, Any]:
    """Validate ``values`` against the catalogue and store them; nothing is stored if any
    field is wrong. A value of None removes that attribute.

    Values stored with ``verified`` carry its provenance. Without it (the visitor typing), a
    verified value that changes loses its provenance; one saved unchanged keeps it."""
    visitor = await get(session, visitor_id)
    removed = [key for key, value in values.items() if value is None]
    normalised, errors = catalogue.validate_profile(
        {k: v for k, v in values.items() if v is not None}
    )
    errors += [
        FieldError(key, "There is no such attribute.", "unknown_attribute")
        for key in removed
        if key not in catalogue.ATTRIBUTES
    ]
    if errors:
        raise InvalidProfileError(fields=errors)
    data_key = _data_key(keyring, visitor)
    now = datetime.now(UTC)
    unchanged = (
        set()
        if verified is not None
        else await _verified_unchanged(session, keyring, visitor, normalised)
    )
    provenance: dict[str, object] = {
        "verified_by": verified.issuer if verified else None,
        "verified_at": verified.verified_at if verified else None,
    }
    for key, value in normalised.items():
        if key in unchanged:
            continue
        row: dict[str, object]
        if catalogue.ATTRIBUTES[key].sensitivity in SEALED:
            row = {
                "clear_value": None,
                "sealed_value": data_key.encrypt_json(value, context=_context(visitor_id, key)),
            }
        else:
            row = {"clear_value": value, "sealed_value": None}
        row.update(provenance)
        statement = insert(VisitorAttribute).values(
            visitor_id=visitor_id, key=key, updated_at=now, **row
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["visitor_id", "key"], set_={**row, "updated_at": now}
            )
        )
    if removed:
        await session.execute(
            delete(VisitorAttribute).where(
                VisitorAttribute.visitor_id == visitor_id, VisitorAttribute.key.in_(removed)
            )
        )
    if "stay" in normalised:
        departure = normalised["stay"].get("departure")
        visitor.departure = (
            date.fromisoformat(departure) if isinstance(departure, str) else departure
        )
    if "stay" in removed:
        visitor.departure = None
    if languages := normalised.get("preferred_languages"):
        # The language the platform speaks to them: their first choice that we serve.
        served = (i18n.match_tag(tag) for tag in languages)
        visitor.language = next((lang.code for lang in served if lang), i18n.DEFAULT.code)
    visitor.updated_at = now
    await session.flush()
    log.info(
        "visitor.profile_updated",
        visitor_id=str(visitor_id),
        attributes=sorted([*normalised, *removed]),
    )
    return normalised


async def _verified_unchanged(
    session: AsyncSession, keyring: Keyring, visitor: Visitor, normalised: Mapping[str, Any]
) -> set[str]:
    """The keys of ``normalised`` whose verified stored value is the one given again."""
    rows = (
        await session.scalars(
            select(VisitorAttribute).where(
                VisitorAttribute.visitor_id == visitor.id,
                VisitorAttribute.key.in_(list(normalised)),
                VisitorAttribute.verified_by.is_not(None),
            )
        )
    ).all()
    if not rows:
        return set()
    assert visitor.data_key is not None
    stored = open_attributes(
        keyring,
        visitor.id,
        visitor.data_key,
        clear={r.key: r.clear_value for r in rows if r.sealed_value is None},
        sealed={r.key: r.sealed_value for r in rows if r.sealed_value is not None},
    )
    return {key for key, value in stored.items() if normalised.get(key) == value}


async def verifications(
    session: AsyncSession, visitor_id: uuid.UUID, keys: Iterable[str] | None = None
) -> dict[str, Verification | None]:
    """Each attribute the visitor holds (only ``keys`` when given) and its provenance: a
    :class:`Verification`, or None for a value the visitor typed."""
    query = select(
        VisitorAttribute.key, VisitorAttribute.verified_by, VisitorAttribute.verified_at
    ).where(VisitorAttribute.visitor_id == visitor_id)
    if keys is not None:
        query = query.where(VisitorAttribute.key.in_(list(keys)))
    return {
        key: Verification(issuer, at) if issuer is not None and at is not None else None
        for key, issuer, at in (await session.execute(query)).all()
    }


def verification_field(verification: Verification | None) -> dict[str, str] | None:
    """An attribute's provenance as an API answer shows it (resolve's ``verification``, which
    its deciding statement builds in the same shape): the issuer and the moment in UTC, or None
    for a value the visitor typed."""
    if verification is None:
        return None
    at = verification.verified_at.astimezone(UTC)
    return {"verified_by": verification.issuer, "verified_at": at.strftime("%Y-%m-%dT%H:%M:%SZ")}


async def read_profile(
    session: AsyncSession,
    keyring: Keyring,
    visitor_id: uuid.UUID,
    keys: Iterable[str] | None = None,
) -> dict[str, Any]:
    """The visitor's attributes (only ``keys`` when given), unsealed."""
    visitor = await get(session, visitor_id)
    query = select(VisitorAttribute).where(VisitorAttribute.visitor_id == visitor_id)
    if keys is not None:
        query = query.where(VisitorAttribute.key.in_(list(keys)))
    rows = (await session.scalars(query)).all()
    assert visitor.data_key is not None
    return open_attributes(
        keyring,
        visitor_id,
        visitor.data_key,
        clear={r.key: r.clear_value for r in rows if r.sealed_value is None},
        sealed={r.key: r.sealed_value for r in rows if r.sealed_value is not None},
    )


def open_attributes(
    keyring: Keyring,
    visitor_id: uuid.UUID,
    wrapped_data_key: bytes,
    *,
    clear: Mapping[str, Any],
    sealed: Mapping[str, bytes],
) -> dict[str, Any]:
    """A visitor's attribute values as read from ``visitor_attributes`` (by this module or by a
    statement of another's, such as resolve's), the sealed ones opened with their data key.
    The data key is unwrapped only when there is something sealed to open."""
    profile = dict(clear)
    if sealed:
        data_key = keyring.unwrap(WrappedKey.from_bytes(wrapped_data_key))
        for key, ciphertext in sealed.items():
            profile[key] = data_key.decrypt_json(ciphertext, context=_context(visitor_id, key))
    return profile


async def family(session: AsyncSession, visitor_id: uuid.UUID) -> list[Visitor]:
    """The accompanying members a visitor registered (children, relatives without accounts)."""
    await get(session, visitor_id)
    return list(
        (
            await session.scalars(
                select(Visitor)
                .where(Visitor.registered_by_id == visitor_id, Visitor.data_key.is_not(None))
                .order_by(Visitor.created_at)
            )
        ).all()
    )


async def member(session: AsyncSession, visitor_id: uuid.UUID, member_id: uuid.UUID) -> Visitor:
    """One of the family members ``visitor_id`` registered; anyone else's is not found."""
    found = await session.get(Visitor, member_id)
    if found is None or found.data_key is None or found.registered_by_id != visitor_id:
        raise VisitorNotFoundError()
    return found


async def erase_rows(session: AsyncSession, visitor_ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    """Erase visitors and the family members they registered: the data key first (so any copy
    of a sealed value, in a backup or a replica, is unreadable), then every row this domain and
    the tables hanging off a visitor by foreign key hold. Returns every visitor whose data key
    went, members included. Erasure as a whole (other domains' rows too) is
    :func:`omotenashi.privacy.service.erase`; call that."""
    ids = list(visitor_ids)
    if not ids:
        return []
    members = select(Visitor.id).where(Visitor.registered_by_id.in_(ids))
    erased = (
        await session.scalars(
            update(Visitor)
            .where(Visitor.id.in_(ids) | Visitor.id.in_(members))
            .values(data_key=None, master_key_id=None)
            .returning(Visitor.id)
        )
    ).all()
    # Journaled ahead of the commit: a backup restored later must not bring them back.
    erasures.record(erased)
    await session.execute(delete(Visitor).where(Visitor.id.in_(ids)))
    return list(erased)


async def departed(session: AsyncSession, today: date, retention_days: int) -> list[uuid.UUID]:
    """Account holders whose departure is more than ``retention_days`` ago and who did not
    choose to keep their data (at most 10,000 at a time): due for erasure."""
    cutoff = today - timedelta(days=retention_days)
    return list(
        (
            await session.scalars(
                select(Visitor.id)
                .where(
                    Visitor.departure < cutoff,
                    Visitor.keep_after_departure.is_(False),
                    Visitor.registered_by_id.is_(None),
                )
                .limit(10_000)
            )
        ).all()
    )


# Master key rotation: data keys are re-wrapped, attribute ciphertexts stay as they are.


@dataclass(frozen=True)
class MasterKeyUse:
    """How many visitors' data keys each master key wraps (erased visitors have none)."""

    current_key_id: str
    counts: dict[str, int]

    @property
    def on_current(self) -> int:
        return self.counts.get(self.current_key_id, 0)

    @property
    def elsewhere(self) -> dict[str, int]:
        """Data keys still wrapped by another master key, by that key's id."""
        return {key_id: n for key_id, n in self.counts.items() if key_id != self.current_key_id}


async def master_key_use(session: AsyncSession, current_key_id: str) -> MasterKeyUse:
    rows = await session.execute(
        select(Visitor.master_key_id, func.count())
        .where(Visitor.data_key.is_not(None))
        .group_by(Visitor.master_key_id)
    )
    return MasterKeyUse(current_key_id, {str(key_id): int(n) for key_id, n in rows.all()})


@dataclass(frozen=True)
class RewrapBatch:
    rewrapped: int
    unknown_key: int
    """Data keys naming a master key the keyring lacks; left as they are."""
    unreadable: int
    """Data keys that do not authenticate under the key they name; left as they are."""
    last_id: uuid.UUID | None
    """Where the next batch starts; None when no visitor is left after this batch."""


async def rewrap_data_keys(
    session: AsyncSession, keyring: Keyring, *, after: uuid.UUID | None = None, limit: int = 1000
) -> RewrapBatch:
    """Re-wrap under the keyring's current master key up to ``limit`` visitors' data keys that
    another key wraps, in id order after ``after``.

    Rows another transaction holds are skipped (``FOR UPDATE SKIP LOCKED``), so this can run
    while the platform serves; a later run picks them up. Only ``visitors.data_key`` and
    ``master_key_id`` change: sealed attribute values are neither read nor written."""
    query = (
        select(Visitor.id, Visitor.data_key)
        .where(
            Visitor.data_key.is_not(None),
            Visitor.master_key_id.is_distinct_from(keyring.current_key_id),
        )
        .order_by(Visitor.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if after is not None:
        query = query.where(Visitor.id > after)
    rows = (await session.execute(query)).all()
    changes: list[dict[str, Any]] = []
    unknown = unreadable = 0
    for visitor_id, stored in rows:
        assert stored is not None  # erased visitors are filtered out above
        try:
            rewrapped = keyring.rewrap(WrappedKey.from_bytes(stored))
        except UnknownMasterKeyError as exc:
            unknown += 1
            log.warning(
                "visitor.data_key_unknown_master",
                visitor_id=str(visitor_id),
                master_key_id=exc.master_key_id,
            )
            continue
        except DecryptionError:
            unreadable += 1
            log.warning("visitor.data_key_unreadable", visitor_id=str(visitor_id))
            continue
        changes.append(
            {
                "id": visitor_id,
                "data_key": rewrapped.to_bytes(),
                "master_key_id": rewrapped.master_key_id,
            }
        )
    if changes:
        await session.execute(update(Visitor), changes)
    log.info(
        "visitor.data_keys_rewrapped",
        master_key_id=keyring.current_key_id,
        rewrapped=len(changes),
        unknown_key=unknown,
        unreadable=unreadable,
    )
    last_id = rows[-1][0] if len(rows) == limit else None
    return RewrapBatch(len(changes), unknown, unreadable, last_id)


async def record_rewrap(
    session: AsyncSession,
    use: MasterKeyUse,
    *,
    rewrapped: int,
    unknown_key: int,
    unreadable: int,
    actor: str,
) -> None:
    """The audit entry of a finished re-wrap run: counts and key ids only."""
    await audit.record(
        session,
        actor=actor,
        action="visitor.data_keys_rewrapped",
        target=f"master_key:{use.current_key_id}",
        details={
            "rewrapped": rewrapped,
            "unknown_key": unknown_key,
            "unreadable": unreadable,
            "on_current": use.on_current,
            "elsewhere": use.elsewhere,
        },
    )
