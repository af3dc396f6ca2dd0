"""Pairwise pseudonymous subject identifiers (OpenID Connect Core §8.1).

The same visitor has a different, stable id at every servicer; without the platform's key
nobody can link two of them or turn one back into the visitor.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from omotenashi.security.keys import MasterKey


@lru_cache(maxsize=8)
def pairwise_key(root: MasterKey) -> bytes:
    """Derived once per process from the platform's derivation key (``PlatformKeys.derivation``,
    never the rotating master key: every servicer's subject ids must stay as they are)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"omotenashi pairwise subject v1"
    ).derive(root.material)


def subject_id(key: bytes, servicer_id: uuid.UUID, visitor_id: uuid.UUID) -> str:
    digest = hmac.new(key, servicer_id.bytes + visitor_id.bytes, hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode().lower()
