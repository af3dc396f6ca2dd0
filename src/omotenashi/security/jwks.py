"""The platform's signing keys as a JSON Web Key Set (RFC 7517), published at
``/.well-known/jwks.json`` so that anyone can check what the platform signs (consent receipts,
alerts, access tokens) with a stock JOSE library.

Every JWS the platform makes names its key in the header: ``kid`` is the key's RFC 7638
thumbprint, which anyone can recompute from the published key and which stays the same for as
long as the key does. A retired key (:attr:`PlatformKeys.previous_signing_keys`) stays published,
and accepted, for as long as anything it signed is kept.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

if TYPE_CHECKING:
    from omotenashi.security.keys import PlatformKeys

ALGORITHM = "EdDSA"
PATH = "/.well-known/jwks.json"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def raw_public(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@lru_cache(maxsize=32)
def _thumbprint(raw: bytes) -> str:
    # RFC 7638 §3.2: the required members only, in lexicographic order, without whitespace.
    members = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": _b64(raw)}, separators=(",", ":"))
    return _b64(hashlib.sha256(members.encode("ascii")).digest())


def kid(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The key's id: its RFC 7638 JWK thumbprint (SHA-256, base64url)."""
    return _thumbprint(raw_public(key))


def public_jwk(key: Ed25519PrivateKey | Ed25519PublicKey) -> dict[str, str]:
    """The public half of ``key`` as a JWK (RFC 8037 OKP), named by its thumbprint."""
    raw = raw_public(key)
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": _b64(raw),
        "kid": _thumbprint(raw),
        "use": "sig",
        "alg": ALGORITHM,
    }


def key_set(keys: PlatformKeys) -> dict[str, list[dict[str, str]]]:
    """Every key the platform's signatures may be checked with: the current one first."""
    return {"keys": [public_jwk(key) for key in keys.signing_public_keys]}


def header(key: Ed25519PrivateKey, typ: str) -> dict[str, str]:
    """The JWS header of something the platform signs with ``key``."""
    return {"typ": typ, "kid": kid(key)}


@lru_cache(maxsize=8)
def _published(keys: PlatformKeys) -> dict[str, Ed25519PublicKey]:
    return {kid(key): key for key in keys.signing_public_keys}


def verifying_keys(
    keys: PlatformKeys | Ed25519PrivateKey, token: str
) -> tuple[Ed25519PublicKey, ...]:
    """The keys that may have signed ``token``: the published one its header names (none when it
    names another), or, for a JWS made before headers named their key, every published key.
    Given only a private key, its public half is the one key published."""
    published = (
        {kid(keys): keys.public_key()} if isinstance(keys, Ed25519PrivateKey) else _published(keys)
    )
    named = jwt.get_unverified_header(token).get("kid")
    if named is None:
        return tuple(published.values())
    found = published.get(named) if isinstance(named, str) else None
    return (found,) if found is not None else ()


def decode(token: str, keys: PlatformKeys | Ed25519PrivateKey, **options: Any) -> dict[str, Any]:
    """``jwt.decode`` of an EdDSA JWS with the platform's key that signed it (``options`` as
    PyJWT takes them); a JWS under an unpublished key is ``jwt.InvalidSignatureError``."""
    candidates = verifying_keys(keys, token)
    if not candidates:
        raise jwt.InvalidSignatureError("Signed with a key the platform does not publish")
    for key in candidates[:-1]:
        try:
            claims: dict[str, Any] = jwt.decode(token, key, algorithms=[ALGORITHM], **options)
        except jwt.InvalidSignatureError:
            continue
        return claims
    last: dict[str, Any] = jwt.decode(token, candidates[-1], algorithms=[ALGORITHM], **options)
    return last


# The platform as a client of OpenID Providers signs its private_key_jwt assertions with a key
# of its own, published apart: this set says what the platform signs *as itself* and verifiers
# of receipts and alerts must not find a client-authentication key in it (nor the reverse).
CLIENT_PATH = "/.well-known/oidc-client-jwks.json"
CLIENT_ALGORITHM = "RS256"


def client_jwk(keys: PlatformKeys) -> dict[str, str] | None:
    """The public half of the OpenID client key as a JWK, named by its RFC 7638 thumbprint."""
    if keys.oidc_client_key is None:
        return None
    from joserfc.jwk import RSAKey

    key = RSAKey.import_key(keys.oidc_client_key.public_key())
    public = {str(name): str(value) for name, value in key.as_dict(private=False).items()}
    return {**public, "kid": key.thumbprint(), "use": "sig", "alg": CLIENT_ALGORITHM}


def client_key_set(keys: PlatformKeys) -> dict[str, list[dict[str, str]]]:
    jwk = client_jwk(keys)
    return {"keys": [jwk] if jwk else []}
