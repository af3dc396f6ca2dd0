"""The platform's secrets: generated once into the data directory on the embedded default,
taken from the environment in production (where a missing one stops the start).

Two roles, one kind of key
    The *master key* wraps every visitor's data key; it can be rotated, older master keys staying
    on the keyring (unwrap only) until every data key is re-wrapped. The *derivation key* is the
    root every HKDF-derived key comes from (pairwise subject ids, card lookup hashes, staff TOTP
    and e-mail code keys, sealed mail and device secrets). Those values are stored or handed out
    and cannot be recomputed, so the derivation key never changes: by default it is the master
    key, and the first rotation pins it to the material of the first master key.

The token-signing key
    Signs access tokens, consent receipts and alerts (EdDSA). When it is replaced, the public
    halves of the retired ones stay (``previous_signing_keys``): published in the JWKS and
    accepted, for as long as anything they signed is kept.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from omotenashi.config import Settings

if TYPE_CHECKING:
    from omotenashi.security.encryption import Keyring


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
    previous_masters: tuple[MasterKey, ...] = ()
    """Older master keys, kept only to unwrap data keys not yet re-wrapped."""
    derivation_key: MasterKey | None = None
    """The stable root of every derived key; None: the master key is the root."""
    previous_signing_keys: tuple[bytes, ...] = ()
    """Raw public halves of retired token-signing keys, kept to check what they signed."""
    oidc_client_key: rsa.RSAPrivateKey | None = None
    """Signs the platform's client assertions (private_key_jwt) to OpenID Providers: RSA, since
    RS256 is the one algorithm every provider accepts. Apart from the signing key on purpose."""

    @property
    def signing_public_keys(self) -> tuple[Ed25519PublicKey, ...]:
        """The signing key's public half, then the retired ones: every key that verifies."""
        current = self.signing_key.public_key()
        current_raw = current.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        retired = dict.fromkeys(raw for raw in self.previous_signing_keys if raw != current_raw)
        return (current, *(Ed25519PublicKey.from_public_bytes(raw) for raw in retired))

    @property
    def derivation(self) -> MasterKey:
        """The root to derive keys from (HKDF); unchanged when the master key rotates."""
        return self.derivation_key or self.master

    @cached_property
    def keyring(self) -> Keyring:
        """The current master key and the older ones, to wrap and unwrap visitor data keys."""
        from omotenashi.security.encryption import Keyring

        return Keyring(self.master, self.previous_masters)

    def __repr__(self) -> str:
        previous = tuple(key.key_id for key in self.previous_masters)
        return (
            f"PlatformKeys(master={self.master!r}, previous_masters={previous!r}, "
            f"derivation={self.derivation.key_id!r})"
        )


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


_PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z ]+)-----.+?-----END \1-----", re.DOTALL)


def _decode_previous_signing_keys(text: str, origin: str) -> tuple[bytes, ...]:
    """Retired signing keys as PEM blocks one after the other: public keys, or the retired
    private keys themselves (only their public halves are kept)."""
    found = []
    for number, block in enumerate(_PEM_BLOCK.finditer(text), start=1):
        where = f"{origin} (key {number})"
        pem = block.group(0)
        key: object
        try:
            if "PRIVATE" in block.group(1):
                key = serialization.load_pem_private_key(pem.encode(), password=None)
            else:
                key = serialization.load_pem_public_key(pem.encode())
        except ValueError as exc:
            raise MissingSecretError(f"{where} is not a PEM Ed25519 key.") from exc
        if isinstance(key, Ed25519PrivateKey):
            key = key.public_key()
        if not isinstance(key, Ed25519PublicKey):
            raise MissingSecretError(f"{where} must be an Ed25519 key.")
        found.append(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    if text.strip() and not found:
        raise MissingSecretError(f"{origin} holds no PEM key.")
    return tuple(found)


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


def _write_secret(path: Path, text: str) -> None:
    """Write a new secret file (0600, in a 0700 directory); an existing file is an error."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _read_or_create(path: Path, make: str) -> str:
    """Read a secret file, creating it (0600, in a 0700 directory) the first time."""
    if path.exists():
        return path.read_text()
    _write_secret(path, make)
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


def new_oidc_client_pem() -> str:
    return (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def _decode_oidc_client_key(text: str, origin: str) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(text.encode(), password=None)
    except ValueError as exc:
        raise MissingSecretError(
            f"{origin} is not a PEM RSA private key; make one with "
            "`openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`."
        ) from exc
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 2048:
        raise MissingSecretError(f"{origin} must be an RSA key of 2048 bits or more.")
    return key


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


MASTER_FILE = "master.key"
PREVIOUS_MASTERS_DIR = "master-previous"
DERIVATION_FILE = "derivation.key"
PREVIOUS_SIGNING_DIR = "token-signing-previous"
OIDC_CLIENT_FILE = "oidc-client.pem"


def _new_master_text() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def _decode_previous_masters(text: str, origin: str) -> tuple[MasterKey, ...]:
    keys = []
    for number, item in enumerate(text.split(","), start=1):
        if item.strip():
            keys.append(_decode_master(item, f"{origin} (key {number})"))
    return tuple(keys)


def _checked_derivation(
    derivation: MasterKey | None, previous: tuple[MasterKey, ...], missing: str
) -> MasterKey | None:
    """Refuse previous master keys without a derivation key: the current master key would then
    be the root, and every derived value (pairwise ids, card hashes, staff codes) would change."""
    if previous and derivation is None:
        raise MissingSecretError(
            f"{missing}: with previous master keys, the derivation key must be the first master "
            "key ever used, or pairwise ids, card hashes and staff sign-in codes stop matching "
            "(see README, 'Rotating the master key')."
        )
    return derivation


def _embedded_previous_masters(folder: Path) -> tuple[MasterKey, ...]:
    directory = folder / PREVIOUS_MASTERS_DIR
    if not directory.is_dir():
        return ()
    return tuple(
        _decode_master(path.read_text(), str(path)) for path in sorted(directory.glob("*.key"))
    )


def _embedded_previous_signing_keys(folder: Path) -> tuple[bytes, ...]:
    directory = folder / PREVIOUS_SIGNING_DIR
    if not directory.is_dir():
        return ()
    return tuple(
        raw
        for path in sorted(directory.glob("*.pem"))
        for raw in _decode_previous_signing_keys(path.read_text(), str(path))
    )


def _embedded_derivation(folder: Path) -> MasterKey | None:
    path = folder / DERIVATION_FILE
    return _decode_master(path.read_text(), str(path)) if path.exists() else None


def _with_keyring(keys: PlatformKeys) -> PlatformKeys:
    """The keys, their keyring built now, so that a bad set of master keys stops the start."""
    try:
        keys.keyring  # noqa: B018 - built for its checks
    except ValueError as exc:
        raise MissingSecretError(f"The master keys cannot be used together: {exc}.") from None
    return keys


def load_keys(settings: Settings) -> PlatformKeys:
    if settings.embedded:
        folder = keys_dir(settings)
        master = _read_or_create(folder / MASTER_FILE, _new_master_text())
        signing = _read_or_create(folder / "token-signing.pem", _new_signing_pem())
        password = _read_or_create(folder / "postgres-password", secrets.token_urlsafe(24))
        vapid = _read_or_create(folder / "vapid.pem", new_vapid_pem())
        oidc_client_pem = _read_or_create(folder / OIDC_CLIENT_FILE, new_oidc_client_pem())
        previous = _embedded_previous_masters(folder)
        keys = PlatformKeys(
            master=_decode_master(master, str(folder / MASTER_FILE)),
            signing_key=_decode_signing_key(signing, str(folder / "token-signing.pem")),
            database_password=password.strip(),
            vapid_key=_decode_vapid_key(vapid, str(folder / "vapid.pem")),
            previous_masters=previous,
            derivation_key=_checked_derivation(
                _embedded_derivation(folder), previous, f"{folder / DERIVATION_FILE} is missing"
            ),
            previous_signing_keys=_embedded_previous_signing_keys(folder),
            oidc_client_key=_decode_oidc_client_key(
                oidc_client_pem, str(folder / OIDC_CLIENT_FILE)
            ),
        )
        return _with_keyring(keys)
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
    previous = (
        _decode_previous_masters(
            settings.previous_master_keys.get_secret_value(), "OMOTENASHI_PREVIOUS_MASTER_KEYS"
        )
        if settings.previous_master_keys is not None
        else ()
    )
    derivation = (
        _decode_master(settings.derivation_key.get_secret_value(), "OMOTENASHI_DERIVATION_KEY")
        if settings.derivation_key is not None
        else None
    )
    previous_signing = (
        _decode_previous_signing_keys(
            settings.previous_token_signing_keys.get_secret_value(),
            "OMOTENASHI_PREVIOUS_TOKEN_SIGNING_KEYS",
        )
        if settings.previous_token_signing_keys is not None
        else ()
    )
    if settings.oidc_client_key is not None:
        oidc_client: rsa.RSAPrivateKey | None = _decode_oidc_client_key(
            settings.oidc_client_key.get_secret_value(), "OMOTENASHI_OIDC_CLIENT_KEY"
        )
    elif settings.mynumber_issuer or settings.oidc_issuer:
        raise MissingSecretError(
            "OMOTENASHI_OIDC_CLIENT_KEY is not set, but an OpenID Provider is configured: the "
            "platform signs its client assertions with it (see README, 'Identity from an "
            "OpenID Provider')."
        )
    else:
        oidc_client = None
    keys = PlatformKeys(
        master=master_key,
        signing_key=signing_key,
        vapid_key=_decode_vapid_key(
            settings.vapid_private_key.get_secret_value(), "OMOTENASHI_VAPID_PRIVATE_KEY"
        ),
        previous_masters=previous,
        derivation_key=_checked_derivation(
            derivation, previous, "OMOTENASHI_DERIVATION_KEY is not set"
        ),
        previous_signing_keys=previous_signing,
        oidc_client_key=oidc_client,
    )
    return _with_keyring(keys)


@dataclass(frozen=True)
class RotatedFiles:
    previous: MasterKey
    current: MasterKey
    derivation_pinned: bool
    """True when this rotation wrote the derivation key (the first rotation)."""


def rotate_embedded_master(settings: Settings) -> RotatedFiles:
    """Make a new master key file, keeping the old one under ``master-previous/<key id>.key``
    and, on the first rotation, as ``derivation.key`` so derived values stay as they are.

    Written in an order that leaves a usable directory if interrupted: the old key is saved
    twice over before ``master.key`` is replaced (atomically)."""
    folder = keys_dir(settings)
    master_path = folder / MASTER_FILE
    old_text = _read_or_create(master_path, _new_master_text())
    old = _decode_master(old_text, str(master_path))
    pinned = False
    if not (folder / DERIVATION_FILE).exists():
        _write_secret(folder / DERIVATION_FILE, old_text)
        pinned = True
    kept = folder / PREVIOUS_MASTERS_DIR / f"{old.key_id}.key"
    if not kept.exists():
        _write_secret(kept, old_text)
    new_text = _new_master_text()
    staged = folder / f"{MASTER_FILE}.new"
    staged.unlink(missing_ok=True)
    _write_secret(staged, new_text)
    os.replace(staged, master_path)
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return RotatedFiles(old, _decode_master(new_text, str(master_path)), pinned)
