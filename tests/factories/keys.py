"""Platform keys as a production deployment holds them."""

from __future__ import annotations

import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from omotenashi.security.keys import MasterKey, PlatformKeys


def platform_keys() -> PlatformKeys:
    """Fresh keys, as a production deployment would hold them (no database password)."""
    return PlatformKeys(
        master=MasterKey.from_material(os.urandom(32)), signing_key=Ed25519PrivateKey.generate()
    )
