"""Every issued alert signed as a compact JWS (EdDSA, the platform's token-signing key), so that
anyone can tell an official alert from a rumour, even from a forwarded copy.

The signature covers the alert's id, its headline facts and the SHA-256 of its canonical JSON
(``codec.canonical``), not the whole alert: it fits beside the alert in a push message. Its
header names the key (``kid``), published at ``/.well-known/jwks.json``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from omotenashi.security import jwks
from omotenashi.security.keys import PlatformKeys

ALERT_TOKEN_TYPE = "omotenashi-alert+jwt"  # noqa: S105 - a media type, not a secret
ISSUER = "omotenashi-cloud"

COMPACT_JWS = re.compile(r"eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{20,}")
"""A compact JWS whose header and payload are JSON objects, as it appears inside forwarded text."""


class BadSignature(Exception):
    """Not a JWS the platform made for an alert: forged, changed, or another kind of token."""


def digest(canonical: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=").decode()


def sign(
    key: Ed25519PrivateKey,
    *,
    alert_id: str,
    canonical: bytes,
    alert_type: str,
    severity: int,
    status: str,
    source: str,
    issued_at: datetime,
    expires_at: datetime | None,
) -> str:
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "jti": alert_id,
        "iat": int(issued_at.timestamp()),
        "type": alert_type,
        "severity": severity,
        "status": status,
        "source": source,
        "issued_at": issued_at.isoformat(),
        "expires_at": expires_at.isoformat() if expires_at else None,
        "sha256": digest(canonical),
    }
    return jwt.encode(
        claims, key, algorithm=jwks.ALGORITHM, headers=jwks.header(key, ALERT_TOKEN_TYPE)
    )


def verify(keys: PlatformKeys | Ed25519PrivateKey, token: str) -> dict[str, Any]:
    """The claims of ``token`` if the platform signed it as an alert; ``BadSignature`` if not.

    Given the platform's keys, an alert signed with a retired key still published verifies;
    given one signing key, only what that key signed does."""
    try:
        header = jwt.get_unverified_header(token)
        if header.get("typ") != ALERT_TOKEN_TYPE:
            raise BadSignature("not an alert signature")
        claims = jwks.decode(
            token,
            keys,
            issuer=ISSUER,
            options={"verify_exp": False, "verify_iat": False, "require": ["jti", "sha256"]},
        )
    except jwt.PyJWTError as error:
        raise BadSignature(str(error)) from None
    return claims
