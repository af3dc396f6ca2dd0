"""Envelope encryption of visitor attributes.

Each visitor has one random 256-bit data key (DEK). Attribute values are encrypted with it
(AES-256-GCM, a fresh random 96-bit nonce per message) and the DEK itself is stored only wrapped
by a platform master key (AES-256-GCM again). The wrapped form names the master key by its id, so
several master keys can coexist: rotating the master key re-wraps every DEK with the new one
(:meth:`Keyring.rewrap`) and never touches the attribute ciphertexts.

Every attribute ciphertext is bound to a caller-chosen ``context`` (associated data such as
``b"visitor:<uuid>:passport"``), so a ciphertext copied to another visitor or field fails to
decrypt instead of revealing a value in the wrong place.

Crypto-shredding: the wrapped DEK is the only way to any of a visitor's ciphertexts. Deleting it
makes every one of them unreadable for good, including copies left in backups and in rows that
are kept (the access log), without having to find and overwrite each of them.

Random nonces are safe here because one DEK encrypts a single visitor's attributes, far fewer
than the 2**32 messages after which a repeated 96-bit nonce becomes a concern.

Errors never carry key material or plaintext; they say what failed, not with what.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from omotenashi.security.keys import MasterKey

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16

WRAPPED_KEY_VERSION = 1
CIPHERTEXT_VERSION = 1

_WRAPPED_BLOB_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES
_MAX_KEY_ID_BYTES = 255


class EncryptionError(Exception):
    """Base of every failure of envelope encryption."""


class DecryptionError(EncryptionError):
    """A ciphertext or wrapped key is malformed, tampered with, or read under the wrong context
    or key. Deliberately says nothing about which, beyond a short reason."""


class UnknownMasterKeyError(EncryptionError):
    """A wrapped data key names a master key the keyring does not hold."""

    def __init__(self, master_key_id: str) -> None:
        self.master_key_id = master_key_id
        super().__init__(f"no master key with id {master_key_id!r} in the keyring")


def _encode_key_id(key_id: str) -> bytes:
    encoded = key_id.encode("utf-8")
    if not 0 < len(encoded) <= _MAX_KEY_ID_BYTES:
        raise ValueError(f"a master key id must be 1 to {_MAX_KEY_ID_BYTES} bytes of UTF-8")
    return encoded


def _wrapped_header(key_id: bytes) -> bytes:
    return bytes((WRAPPED_KEY_VERSION, len(key_id))) + key_id


@dataclass(frozen=True)
class WrappedKey:
    """A visitor's data key encrypted under the master key ``master_key_id``.

    ``blob`` is the nonce followed by the AES-GCM ciphertext and tag; it is not secret, but it is
    the one thing to delete to shred the visitor's data.
    """

    master_key_id: str
    blob: bytes

    def __post_init__(self) -> None:
        _encode_key_id(self.master_key_id)
        if len(self.blob) != _WRAPPED_BLOB_BYTES:
            raise ValueError(f"a wrapped key blob must be {_WRAPPED_BLOB_BYTES} bytes")

    def to_bytes(self) -> bytes:
        """Version byte, key id length byte, key id (UTF-8), nonce, ciphertext with tag."""
        return _wrapped_header(_encode_key_id(self.master_key_id)) + self.blob

    @classmethod
    def from_bytes(cls, data: bytes) -> WrappedKey:
        if len(data) < 2 or data[0] != WRAPPED_KEY_VERSION:
            raise DecryptionError("unsupported or malformed wrapped key")
        id_end = 2 + data[1]
        if len(data) != id_end + _WRAPPED_BLOB_BYTES:
            raise DecryptionError("malformed wrapped key")
        try:
            key_id = data[2:id_end].decode("utf-8")
            return cls(key_id, bytes(data[id_end:]))
        except ValueError:
            raise DecryptionError("malformed wrapped key") from None

    def __repr__(self) -> str:
        return f"WrappedKey(master_key_id={self.master_key_id!r})"


class DataKey:
    """One visitor's data key. Holds its material privately and never shows it."""

    __slots__ = ("_aead", "_material")

    def __init__(self, material: bytes) -> None:
        if len(material) != KEY_BYTES:
            raise ValueError(f"a data key must be {KEY_BYTES} bytes")
        self._material = bytes(material)
        self._aead = AESGCM(self._material)

    @classmethod
    def generate(cls) -> DataKey:
        return cls(os.urandom(KEY_BYTES))

    def encrypt(self, plaintext: bytes, *, context: bytes) -> bytes:
        """Version byte, nonce, ciphertext with tag. ``context`` must be given again to decrypt."""
        header = bytes((CIPHERTEXT_VERSION,))
        nonce = os.urandom(NONCE_BYTES)
        return header + nonce + self._aead.encrypt(nonce, plaintext, _aad(header, context))

    def decrypt(self, ciphertext: bytes, *, context: bytes) -> bytes:
        if len(ciphertext) < 1 + NONCE_BYTES + TAG_BYTES or ciphertext[0] != CIPHERTEXT_VERSION:
            raise DecryptionError("unsupported or malformed ciphertext")
        header = ciphertext[:1]
        nonce = ciphertext[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, ciphertext[1 + NONCE_BYTES :], _aad(header, context))
        except InvalidTag:
            raise DecryptionError(
                "the ciphertext does not authenticate under this key and context"
            ) from None

    def encrypt_json(self, value: object, *, context: bytes) -> bytes:
        """Encrypt ``value`` as compact UTF-8 JSON."""
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return self.encrypt(text.encode("utf-8"), context=context)

    def decrypt_json(self, ciphertext: bytes, *, context: bytes) -> Any:
        plaintext = self.decrypt(ciphertext, context=context)
        try:
            return json.loads(plaintext)
        except ValueError:
            # ``from None``: a JSONDecodeError carries the whole plaintext in its ``doc``.
            raise DecryptionError("the decrypted value is not JSON") from None

    def __repr__(self) -> str:
        return "DataKey(<hidden>)"


def _aad(header: bytes, context: bytes) -> bytes:
    if not context:
        raise ValueError("a context is required to bind the ciphertext to its place")
    return header + context


class Keyring:
    """The master keys the platform can unwrap data keys with: the current one, which wraps every
    new or re-wrapped data key, and older ones still needed until rotation has finished."""

    __slots__ = ("_current", "_keys")

    def __init__(self, current: MasterKey, previous: Iterable[MasterKey] = ()) -> None:
        keys: dict[str, MasterKey] = {}
        for key in (current, *previous):
            _encode_key_id(key.key_id)
            if len(key.material) != KEY_BYTES:
                raise ValueError(f"master key {key.key_id!r} is not {KEY_BYTES} bytes")
            known = keys.get(key.key_id)
            if known is not None and known.material != key.material:
                raise ValueError(f"two different master keys share the id {key.key_id!r}")
            keys[key.key_id] = key
        self._current = current
        self._keys = keys

    @property
    def current_key_id(self) -> str:
        return self._current.key_id

    def new_data_key(self) -> tuple[DataKey, WrappedKey]:
        """A fresh data key for a new visitor, and its wrapped form to store."""
        data_key = DataKey.generate()
        return data_key, self._wrap(data_key)

    def unwrap(self, wrapped: WrappedKey) -> DataKey:
        master = self._keys.get(wrapped.master_key_id)
        if master is None:
            raise UnknownMasterKeyError(wrapped.master_key_id)
        header = _wrapped_header(_encode_key_id(master.key_id))
        nonce, sealed = wrapped.blob[:NONCE_BYTES], wrapped.blob[NONCE_BYTES:]
        try:
            material = AESGCM(master.material).decrypt(nonce, sealed, header)
        except InvalidTag:
            raise DecryptionError("the wrapped key does not authenticate") from None
        return DataKey(material)

    def rewrap(self, wrapped: WrappedKey) -> WrappedKey:
        """The same data key wrapped by the current master key; the data stays as it is."""
        return self._wrap(self.unwrap(wrapped))

    def needs_rewrap(self, wrapped: WrappedKey) -> bool:
        return wrapped.master_key_id != self._current.key_id

    def _wrap(self, data_key: DataKey) -> WrappedKey:
        header = _wrapped_header(_encode_key_id(self._current.key_id))
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self._current.material).encrypt(nonce, data_key._material, header)
        return WrappedKey(self._current.key_id, nonce + sealed)

    def __repr__(self) -> str:
        previous = tuple(key_id for key_id in self._keys if key_id != self._current.key_id)
        return f"Keyring(current={self._current.key_id!r}, previous={previous!r})"
