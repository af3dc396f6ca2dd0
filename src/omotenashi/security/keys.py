"""The platform's secrets: generated once into the data directory on the embedded default,
taken from the environment in production (where a missing one stops the start)."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from omotenashi.config import Settings


class MissingSecretError(Exception):
    """A production secret is not configured; the message says which and how to make one."""


@dataclass(frozen=True)
class MasterKey:
    """Wraps every visitor's data key. ``key_id`` lets several keys coexist during rotation."""

    key_id: str
    material: bytes = b""

    @classmethod
    def from_material(cls, material: bytes) -> MasterKey:
        if len(material) != 32:
            raise ValueError("the master key must be 32 bytes")
        return cls(hashlib.sha256(material).hexdigest()[:16], material)

    def __repr__(self) -> str:
        return f"MasterKey(key_id={self.key_id!r})"


@dataclass(frozen=True)
class PlatformKeys:
    master: MasterKey
    signing_key: Ed25519PrivateKey
    database_password: str | None = None
    vapid_key: ec.EllipticCurvePrivateKey | None = None
    """P-256 key identifying the platform to push services (RFC 8292 VAPID)."""

    def __repr__(self) -> str:
        return f"PlatformKeys(master={self.master!r})"


def _decode_master(text: str, origin: str) -> MasterKey:
    try:
        return MasterKey.from_material(base64.b64decode(text.strip(), validate=True))
    except ValueError as exc:
        raise MissingSecretError(
            f"{origin} is not a base64-encoded 32-byte key; make one with "
            "`python -c 'import os,base64;print(base64.b64encode(os.urandom(32)).decode())'`."
        ) from exc


def _decode_signing_key(text: str, origin: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(text.encode(), password=None)
    except ValueError as exc:
        raise MissingSecretError(
            f"{origin} is not a PEM Ed25519 private key; make one with "
            "`openssl genpkey -algorithm ed25519`."
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise MissingSecretError(f"{origin} must be an Ed25519 key.")
    return key


def _decode_vapid_key(text: str, origin: str) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(text.encode(), password=None)
    except ValueError as exc:
        raise MissingSecretError(
            f"{origin} is not a PEM P-256 private key; make one with "
            "`openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt`."
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise MissingSecretError(f"{origin} must be a P-256 (prime256v1) key.")
    return key


def _read_or_create(path: Path, make: str) -> str:
    """Read a secret file, creating it (0600, in a 0700 directory) the first time."""
    if path.exists():
        return path.read_text()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(make)
    return make


def _new_signing_pem() -> str:
    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def new_vapid_pem() -> str:
    return (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def keys_dir(settings: Settings) -> Path:
    return settings.data_path / "keys"


def load_keys(settings: Settings) -> PlatformKeys:
    if settings.embedded:
        folder = keys_dir(settings)
        master = _read_or_create(
            folder / "master.key", base64.b64encode(secrets.token_bytes(32)).decode()
        )
        signing = _read_or_create(folder / "token-signing.pem", _new_signing_pem())
        password = _read_or_create(folder / "postgres-password", secrets.token_urlsafe(24))
        vapid = _read_or_create(folder / "vapid.pem", new_vapid_pem())
        return PlatformKeys(
            master=_decode_master(master, str(folder / "master.key")),
            signing_key=_decode_signing_key(signing, str(folder / "token-signing.pem")),
            database_password=password.strip(),
            vapid_key=_decode_vapid_key(vapid, str(folder / "vapid.pem")),
        )
    if settings.master_key is None:
        raise MissingSecretError(
            "OMOTENASHI_MASTER_KEY is not set; with an explicit database URL every secret "
            "comes from the environment (see README, 'Production')."
        )
    if settings.token_signing_key is None:
        raise MissingSecretError(
            "OMOTENASHI_TOKEN_SIGNING_KEY is not set; with an explicit database URL every "
            "secret comes from the environment (see README, 'Production')."
        )
    master_key = _decode_master(settings.master_key.get_secret_value(), "OMOTENASHI_MASTER_KEY")
    signing_key = _decode_signing_key(
        settings.token_signing_key.get_secret_value(), "OMOTENASHI_TOKEN_SIGNING_KEY"
    )
    if settings.vapid_private_key is None:
        raise MissingSecretError(
            "OMOTENASHI_VAPID_PRIVATE_KEY is not set; with an explicit database URL every "
            "secret comes from the environment (see README, 'Production')."
        )
    return PlatformKeys(
        master=master_key,
        signing_key=signing_key,
        vapid_key=_decode_vapid_key(
            settings.vapid_private_key.get_secret_value(), "OMOTENASHI_VAPID_PRIVATE_KEY"
        ),
    )
