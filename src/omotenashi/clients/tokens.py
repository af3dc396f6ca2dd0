"""Access tokens: short-lived JWTs signed by the platform (RFC 9068 profile).

A token names its client, servicer and scopes; it is checked on every request for signature,
``typ``, audience, issuer and expiry, and its client is looked up again so that a revocation takes
effect at once, before the token expires.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import jwt

from omotenashi.clients.errors import InvalidTokenError
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.security import jwks
from omotenashi.security.keys import PlatformKeys

ISSUER = "urn:omotenashi"
AUDIENCE = "omotenashi-api"
TOKEN_TYPE = "at+jwt"  # noqa: S105 - a media type, not a secret
DEFAULT_TTL = timedelta(seconds=300)
LEEWAY = timedelta(seconds=5)
_REQUIRED = ("iss", "sub", "aud", "exp", "iat", "jti", "scope", "servicer_id", "client_kind")


@dataclass(frozen=True)
class AccessToken:
    """The verified claims of an access token."""

    client_id: str
    servicer_id: uuid.UUID
    kind: ClientKind
    scopes: frozenset[str]
    purposes: tuple[str, ...]
    jti: str
    expires_at: datetime


def issue_access_token(
    keys: PlatformKeys,
    client: ApiClient,
    *,
    scopes: Iterable[str] | None = None,
    audience: str = AUDIENCE,
    ttl: timedelta = DEFAULT_TTL,
    now: datetime | None = None,
) -> str:
    """Sign a token for ``client``, carrying ``scopes`` (default: all the client's scopes)."""
    issued = now or datetime.now(UTC)
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "sub": client.client_id,
        "aud": audience,
        "iat": int(issued.timestamp()),
        "exp": int((issued + ttl).timestamp()),
        "jti": secrets.token_urlsafe(16),
        "scope": " ".join(sorted(client.scopes if scopes is None else scopes)),
        "servicer_id": str(client.servicer_id),
        "client_kind": str(client.kind),
    }
    if client.kind is ClientKind.terminal:
        claims["purposes"] = list(client.purposes)
    return jwt.encode(
        claims,
        keys.signing_key,
        algorithm=jwks.ALGORITHM,
        headers=jwks.header(keys.signing_key, TOKEN_TYPE),
    )


def verify_access_token(keys: PlatformKeys, token: str, *, audience: str = AUDIENCE) -> AccessToken:
    """The token's claims if the platform signed it (with its key, or a retired one still
    published) for ``audience`` and it has not expired.

    What a token says and that the platform signed it never change, so a process checks that
    once per token (a terminal sends the same one for minutes), and then only the expiry. This
    is no decision about the client: whether it may still act is read from the database on
    every request (:func:`omotenashi.clients.service.authorize`)."""
    verified = _verified(keys, token, audience)
    if datetime.now(UTC) >= verified.expires_at + LEEWAY:
        raise InvalidTokenError()
    return verified


# Only tokens that verified are kept (a failure raises, and lru_cache keeps no exceptions).
@lru_cache(maxsize=4096)
def _verified(keys: PlatformKeys, token: str, audience: str) -> AccessToken:
    try:
        header = jwt.get_unverified_header(token)
        typ = str(header.get("typ", "")).lower()
        if typ not in (TOKEN_TYPE, f"application/{TOKEN_TYPE}"):
            raise InvalidTokenError("The token is not an access token.")
        claims = jwks.decode(
            token,
            keys,
            audience=audience,
            issuer=ISSUER,
            leeway=LEEWAY,
            options={"require": list(_REQUIRED)},
        )
        purposes = claims.get("purposes", [])
        if not isinstance(claims["scope"], str) or not isinstance(purposes, list):
            raise InvalidTokenError()
        return AccessToken(
            client_id=str(claims["sub"]),
            servicer_id=uuid.UUID(str(claims["servicer_id"])),
            kind=ClientKind(claims["client_kind"]),
            scopes=frozenset(claims["scope"].split()),
            purposes=tuple(str(p) for p in purposes),
            jti=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
        )
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise InvalidTokenError() from exc
