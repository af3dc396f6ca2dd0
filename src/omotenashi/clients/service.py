"""API client rules: making, rotating and revoking credentials, and authenticating them.

Secrets are 256-bit random values, not guessable passwords, so a slow hash defends nothing: a
secret is stored as its HMAC-SHA256 under a key derived once per process from the platform's
derivation root (``hmac-sha256$<hex>``), and checked in microseconds, so token issuance is not
bound by hashing. Secrets stored before as argon2 hashes still verify (in a thread, off the event
loop) and are stored again as their keyed digest on the first success.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, lru_cache

import structlog
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import text
from omotenashi.clients import queries
from omotenashi.clients.errors import (
    ApiClientNotFoundError,
    ApiClientRevokedError,
    InsufficientScopeError,
    InvalidApiClientError,
    InvalidClientError,
    InvalidTokenError,
    ServicerNotApprovedError,
)
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.clients.tokens import AccessToken
from omotenashi.db import Executor
from omotenashi.errors import FieldError
from omotenashi.security import audit
from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.servicers import queries as servicers_queries
from omotenashi.servicers import service as servicers
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.models import PurposeState, Servicer, ServicerCategory, ServicerState
from omotenashi.servicers.purposes import PurposeKey

log = structlog.get_logger(__name__)

SCOPES = frozenset(
    {"resolve", "consent:request", "servicer:admin", "alerts:ingest", "partners:invite"}
)
# A travel agency's clients pre-register travellers and administer the agency; they never
# resolve a visitor. Only an agency's clients may invite.
AGENCY_SCOPES = frozenset({"servicer:admin", "partners:invite"})
# What each kind of client is made with from the console: a terminal serves visitors at a desk
# or gate, a system administers the servicer's own clients.
KIND_SCOPES = {
    ClientKind.terminal: ("resolve", "consent:request"),
    ClientKind.system: ("servicer:admin",),
}
AGENCY_KIND_SCOPES = {ClientKind.system: ("servicer:admin", "partners:invite")}


def kind_scopes(servicer: Servicer, kind: ClientKind) -> tuple[str, ...]:
    """The scopes the console gives a new client of ``kind`` (an agency has systems only)."""
    if servicer.category is ServicerCategory.travel_agency:
        return AGENCY_KIND_SCOPES.get(kind, ())
    return KIND_SCOPES[kind]


CLIENT_ID_PREFIX = "omc_"
# A sandbox client's secret says so, so that a test key found in a terminal's configuration or
# a log is told apart from a live one at a glance (live secrets keep their unprefixed form).
SANDBOX_SECRET_PREFIX = "oms_test_"  # noqa: S105 - a prefix, not a secret
# What a sandbox client may not hold: alerts it ingested would reach live visitors.
LIVE_ONLY_SCOPES = frozenset({"alerts:ingest"})
CODE_NOT_APPROVED = PurposeNotApprovedError.code

_hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


@dataclass(frozen=True)
class AuthenticatedClient:
    """The API client behind a request's bearer token."""

    id: uuid.UUID
    client_id: str
    servicer_id: uuid.UUID
    kind: ClientKind
    scopes: frozenset[str]
    purposes: tuple[str, ...]
    max_requests_per_minute: int
    max_visitors_per_minute: int
    # False for a sandbox client: it reaches sandbox rows only (see ``db.LiveFlag``).
    live: bool = True


def _new_secret(*, live: bool = True) -> str:
    return (SANDBOX_SECRET_PREFIX if not live else "") + secrets.token_urlsafe(32)


_DIGEST_PREFIX = "hmac-sha256$"


@lru_cache(maxsize=8)
def _secret_key(root: MasterKey) -> bytes:
    """Derived once per process from the platform's derivation root (never the rotating master
    key: every stored digest must stay valid across a master-key rotation)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"omotenashi api client secret v1"
    ).derive(root.material)


def _digest(keys: PlatformKeys, secret: str) -> str:
    mac = hmac.new(_secret_key(keys.derivation), secret.encode(), hashlib.sha256)
    return _DIGEST_PREFIX + mac.hexdigest()


async def _hash(secret: str, keys: PlatformKeys | None) -> str:
    """The stored form of a new secret: its keyed digest; argon2 only when the caller has no
    platform keys at hand (it is upgraded at the client's first token grant)."""
    if keys is not None:
        return _digest(keys, secret)
    return await asyncio.to_thread(_hasher.hash, secret)


@cache
def _decoy_hash() -> str:
    """Verified against when the client is unknown, so that both failures take as long."""
    return _hasher.hash(_new_secret())


def _verify_argon2(secret_hash: str, secret: str) -> bool:
    try:
        return _hasher.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


async def _verify(secret_hash: str | None, secret: str, keys: PlatformKeys | None) -> bool:
    """Whether ``secret`` is the one stored as ``secret_hash`` (None: an unknown client, checked
    against a decoy of the same kind so that both failures take as long)."""
    if secret_hash is None:
        if keys is not None:
            hmac.compare_digest(_digest(keys, secret), _digest(keys, ""))
            return False
        await asyncio.to_thread(_verify_argon2, _decoy_hash(), secret)
        return False
    if secret_hash.startswith(_DIGEST_PREFIX):
        return keys is not None and hmac.compare_digest(_digest(keys, secret), secret_hash)
    return await asyncio.to_thread(_verify_argon2, secret_hash, secret)


def _validate(
    *,
    kind: ClientKind,
    label: str,
    scopes: Iterable[str],
    purposes: Iterable[str],
    location: str | None = None,
    live: bool = True,
) -> tuple[list[str], list[str]]:
    errors = text.unstorable_fields(label=label, location=location)
    if not errors and (not label.strip() or len(label.strip()) > 100):
        errors.append(FieldError("label", "Give a label of 1 to 100 characters."))
    scope_list = list(scopes)
    if not scope_list:
        errors.append(FieldError("scopes", "Give at least one scope."))
    for i, scope in enumerate(scope_list):
        if scope not in SCOPES:
            errors.append(
                FieldError(
                    f"scopes[{i}]", f"Unknown scope; use one of {sorted(SCOPES)}.", "unknown_scope"
                )
            )
    purpose_list = list(purposes)
    known = {str(key) for key in PurposeKey}
    for i, purpose in enumerate(purpose_list):
        if purpose not in known:
            errors.append(FieldError(f"purposes[{i}]", "Unknown purpose.", "unknown_purpose"))
    if kind is not ClientKind.terminal and purpose_list:
        errors.append(FieldError("purposes", "Only a terminal has purposes."))
    if not live:
        errors.extend(
            FieldError("scopes", f"A sandbox client cannot hold {scope}.", "live_only_scope")
            for scope in sorted(LIVE_ONLY_SCOPES & set(scope_list))
        )
    if errors:
        raise InvalidApiClientError(fields=errors)
    return sorted(set(scope_list)), sorted(set(purpose_list))


async def _approved_servicer(session: AsyncSession, servicer_id: uuid.UUID) -> Servicer:
    servicer = await servicers.get(session, servicer_id)
    if servicer.state is not ServicerState.approved:
        raise ServicerNotApprovedError()
    return servicer


async def get(
    session: AsyncSession, servicer_id: uuid.UUID, id: uuid.UUID, *, live: bool | None = None
) -> ApiClient:
    """One of ``servicer_id``'s clients; another servicer's client is not found, and so is one
    of the other mode than ``live`` (None: either, for signed-in staff)."""
    query = select(ApiClient).where(ApiClient.id == id, ApiClient.servicer_id == servicer_id)
    if live is not None:
        query = query.where(queries.in_mode(live))
    client = await session.scalar(query)
    if client is None:
        raise ApiClientNotFoundError()
    return client


async def create_client(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    *,
    kind: ClientKind,
    label: str,
    scopes: Iterable[str],
    purposes: Iterable[str] = (),
    location: str | None = None,
    actor: str,
    keys: PlatformKeys | None = None,
    live: bool = True,
) -> tuple[ApiClient, str]:
    """A new client and its secret; the secret is returned this once and stored only as its
    keyed digest (argon2 without ``keys``, upgraded at the first token grant).

    ``live=False`` makes a sandbox client: its secret starts with ``oms_test_`` and it reaches
    only the servicer's sandbox (its test visitors, their consents, its sandbox webhooks)."""
    scope_list, purpose_list = _validate(
        kind=kind, label=label, scopes=scopes, purposes=purposes, location=location, live=live
    )
    servicer = await _approved_servicer(session, servicer_id)
    is_agency = servicer.category is ServicerCategory.travel_agency
    wrong = [
        FieldError("scopes", f"{scope} is not for this kind of organisation.", "unknown_scope")
        for scope in scope_list
        if (scope not in AGENCY_SCOPES if is_agency else scope == "partners:invite")
    ]
    if is_agency and kind is not ClientKind.system:
        wrong.append(FieldError("kind", "A travel agency has back-end clients only."))
    if wrong:
        raise InvalidApiClientError(fields=wrong)
    # A terminal serves only what the operator approved: checked here, not first at a resolve.
    approved = {p.purpose for p in servicer.purposes if p.state is PurposeState.approved}
    refused = [
        FieldError("purposes", f"{purpose} is not approved for this servicer.", CODE_NOT_APPROVED)
        for purpose in purpose_list
        if purpose not in approved
    ]
    if refused:
        raise PurposeNotApprovedError(fields=refused)
    secret = _new_secret(live=live)
    client = ApiClient(
        live=live,
        servicer_id=servicer_id,
        kind=kind,
        label=label.strip(),
        client_id=CLIENT_ID_PREFIX + secrets.token_urlsafe(12),
        secret_hash=await _hash(secret, keys),
        scopes=scope_list,
        purposes=purpose_list,
        location=location,
    )
    session.add(client)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="api_client.created",
        target=f"api_client:{client.id}",
        details={
            "servicer_id": str(servicer_id),
            "kind": str(kind),
            "scopes": scope_list,
            "purposes": purpose_list,
            "live": live,
        },
    )
    log.info(
        "api_client.created",
        api_client_id=str(client.id),
        servicer_id=str(servicer_id),
        live=live,
    )
    return client, secret


async def rotate_secret(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    id: uuid.UUID,
    *,
    actor: str,
    keys: PlatformKeys | None = None,
    live: bool | None = None,
) -> str:
    """A new secret for the client; the old one stops working when this transaction commits."""
    await _approved_servicer(session, servicer_id)
    client = await get(session, servicer_id, id, live=live)
    if client.revoked_at is not None:
        raise ApiClientRevokedError()
    secret = _new_secret(live=client.live)
    client.secret_hash = await _hash(secret, keys)
    client.rotated_at = datetime.now(UTC)
    await session.flush()
    await audit.record(
        session, actor=actor, action="api_client.rotated", target=f"api_client:{client.id}"
    )
    log.info("api_client.rotated", api_client_id=str(client.id))
    return secret


async def revoke(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    id: uuid.UUID,
    *,
    actor: str,
    live: bool | None = None,
) -> ApiClient:
    """Revoke the client for good; its tokens are refused from now on, even unexpired ones.

    Allowed whatever the servicer's state: a suspended servicer must still be able to cut off a
    stolen terminal."""
    client = await get(session, servicer_id, id, live=live)
    if client.revoked_at is not None:
        raise ApiClientRevokedError()
    client.revoked_at = datetime.now(UTC)
    await session.flush()
    await audit.record(
        session, actor=actor, action="api_client.revoked", target=f"api_client:{client.id}"
    )
    log.info("api_client.revoked", api_client_id=str(client.id))
    return client


async def suspend(
    session: AsyncSession, servicer_id: uuid.UUID, id: uuid.UUID, *, actor: str
) -> ApiClient:
    """Revoke a terminal for abnormal use (:func:`revoke`), remembering why: its calls are then
    refused with :class:`TerminalSuspendedError` rather than as an unknown token."""
    client = await revoke(session, servicer_id, id, actor=actor)
    client.suspended_at = client.revoked_at
    await session.flush()
    return client


def _live_clients() -> Select[ApiClient]:
    """Clients that may act: not revoked, of an approved servicer."""
    return (
        select(ApiClient)
        .join(Servicer, Servicer.id == ApiClient.servicer_id)
        .where(queries.live(), servicers_queries.approved())
    )


# Read on every token grant, so built once.
_LIVE_CLIENT = _live_clients().where(ApiClient.client_id == bindparam("client_id"))


# Read on every API request, so built once, and as plain columns rather than an ApiClient.
_CALLER = (
    _live_clients()
    .with_only_columns(
        ApiClient.id,
        ApiClient.client_id,
        ApiClient.servicer_id,
        ApiClient.kind,
        ApiClient.scopes,
        ApiClient.purposes,
        ApiClient.max_requests_per_minute,
        ApiClient.max_visitors_per_minute,
        ApiClient.live,
    )
    .where(ApiClient.client_id == bindparam("client_id"))
)


async def authenticate(
    session: AsyncSession, client_id: str, secret: str, keys: PlatformKeys | None = None
) -> ApiClient:
    """The client if ``secret`` is its current one, it is not revoked and its servicer is
    approved; otherwise :class:`InvalidClientError`, the same whatever the reason.

    With ``keys``, a secret still stored as an argon2 hash is stored again as its keyed digest
    once it matched (the session's transaction commits it)."""
    client = await session.scalar(_LIVE_CLIENT, {"client_id": client_id})
    matches = await _verify(client.secret_hash if client else None, secret, keys)
    if client is None or not matches:
        log.info("api_client.authentication_failed")
        raise InvalidClientError()
    if keys is not None and not client.secret_hash.startswith(_DIGEST_PREFIX):
        client.secret_hash = _digest(keys, secret)
        await session.flush()
        log.info("api_client.secret_rehashed", api_client_id=str(client.id))
    return client


async def authorize(
    session: Executor, token: AccessToken, required_scope: str
) -> AuthenticatedClient:
    """The caller behind a verified token, if its client is still live and holds the scope.
    Read from the database on every call: a revocation takes effect at once."""
    client = (await session.execute(_CALLER, {"client_id": token.client_id})).one_or_none()
    if client is None or client.servicer_id != token.servicer_id:
        raise InvalidTokenError()
    scopes = token.scopes & set(client.scopes)
    if required_scope not in scopes:
        raise InsufficientScopeError(required_scope)
    return AuthenticatedClient(
        id=client.id,
        client_id=client.client_id,
        servicer_id=client.servicer_id,
        kind=client.kind,
        scopes=frozenset(scopes),
        purposes=tuple(client.purposes),
        max_requests_per_minute=client.max_requests_per_minute,
        max_visitors_per_minute=client.max_visitors_per_minute,
        live=client.live,
    )


async def list_clients(
    session: AsyncSession, servicer_id: uuid.UUID, *, live: bool | None = None
) -> list[ApiClient]:
    """The servicer's clients and terminals, revoked ones last; of one mode only when ``live``
    is given (an API client's), else both (the console's, live ones first)."""
    query = select(ApiClient).where(ApiClient.servicer_id == servicer_id)
    if live is not None:
        query = query.where(queries.in_mode(live))
    rows = await session.scalars(
        query.order_by(
            ApiClient.revoked_at.is_not(None),
            ApiClient.live.desc(),
            ApiClient.created_at,
            ApiClient.id,
        )
    )
    return list(rows.all())


async def desk_terminal(
    session: AsyncSession, servicer_id: uuid.UUID, terminal_id: uuid.UUID
) -> AuthenticatedClient:
    """A live terminal of the servicer, as the counter page acts for it: signed-in staff at a
    desk resolve through the desk's terminal, so its purposes, its ceiling and its place in the
    visitor's access log apply as they do to the device itself."""
    client = await session.scalar(
        _live_clients().where(
            ApiClient.id == terminal_id,
            ApiClient.servicer_id == servicer_id,
            ApiClient.kind == ClientKind.terminal,
        )
    )
    if client is None:
        raise ApiClientNotFoundError()
    return AuthenticatedClient(
        id=client.id,
        client_id=client.client_id,
        servicer_id=client.servicer_id,
        kind=client.kind,
        scopes=frozenset(client.scopes),
        purposes=tuple(client.purposes),
        max_requests_per_minute=client.max_requests_per_minute,
        max_visitors_per_minute=client.max_visitors_per_minute,
        live=client.live,
    )


async def live_terminals(session: AsyncSession, servicer_id: uuid.UUID) -> list[ApiClient]:
    rows = await session.scalars(
        _live_clients()
        .where(ApiClient.servicer_id == servicer_id, ApiClient.kind == ClientKind.terminal)
        .order_by(ApiClient.label)
    )
    return list(rows.all())
