"""The rotating QR code as a public specification: what a terminal vendor's reader must parse,
with test vectors. The vectors are literal text, checked against the code that makes and
verifies codes (tests/developers/test_qr_spec.py), so the page cannot drift from behaviour.

The format is defined in :mod:`omotenashi.carriers.service` (server) and ``static/pass.js``
(the phone, offline); the constants below are read from there, never restated.
"""

from __future__ import annotations

from dataclasses import dataclass

from omotenashi.carriers.service import (
    QR2_MAC_BYTES,
    QR2_PREFIX,
    QR2_VERSION,
    QR_MAC_BYTES,
    QR_PREFIX,
    QR_SECRET_BYTES,
    QR_STEP_SECONDS,
    QR_VERSION,
)

STEP_SECONDS = QR_STEP_SECONDS
# A code is accepted in its own step and the next: at most two steps.
VALID_STEPS = 2


@dataclass(frozen=True)
class Field:
    name: str
    offset: int
    length: int
    value: str


LAYOUT = (
    Field("carrier_id", 0, 16, "UUID bytes, RFC 9562 order (as in its text form)"),
    Field("step", 16, 4, f"floor(unix_seconds / {QR_STEP_SECONDS}), unsigned big-endian"),
    Field(
        "mac",
        20,
        QR_MAC_BYTES,
        f'HMAC-SHA256(device_secret, "{QR_VERSION}" ‖ carrier_id ‖ step)[0:{QR_MAC_BYTES}]',
    ),
)
TEXT = f'"{QR_PREFIX}" ‖ base32(carrier_id ‖ step ‖ mac)  (RFC 4648, A–Z 2–7, no padding)'
BODY_BYTES = sum(field.length for field in LAYOUT)
TEXT_CHARS = len(QR_PREFIX) + BODY_BYTES * 8 // 5

VECTOR_SECRET_HEX = bytes(range(QR_SECRET_BYTES)).hex()
VECTOR_CARRIER_ID = "6f1c2a3e-4b5d-4e6f-8a7b-9c0d1e2f3a4b"


@dataclass(frozen=True)
class Vector:
    unix_time: int
    step: int
    code: str


VECTORS = (
    Vector(1764806400, 58826880, "OM1.N4OCUPSLLVHG7CT3TQGR4LZ2JMBYDIEAEB5CP3OSHVRDWBGK"),
    Vector(1764806429, 58826880, "OM1.N4OCUPSLLVHG7CT3TQGR4LZ2JMBYDIEAEB5CP3OSHVRDWBGK"),
    Vector(1764806430, 58826881, "OM1.N4OCUPSLLVHG7CT3TQGR4LZ2JMBYDIEBWVYE5C7IRVQUMK2X"),
    Vector(2000000000, 66666666, "OM1.N4OCUPSLLVHG7CT3TQGR4LZ2JMB7SQFKKZMVC6UFQTVOE7MN"),
)


@dataclass(frozen=True)
class Check:
    """What the platform answers for vector ``vector``'s code scanned at ``unix_time``."""

    vector: int
    unix_time: int
    answer: str


# Scanned in this order, against one device holding the vectors' secret.
CHECKS = (
    Check(0, 1764806405, "accepted"),  # in its own step
    Check(0, 1764806406, "qr_replayed"),  # the same code again: single use (409)
    Check(0, 1764806459, "qr_replayed"),  # still used, in the next step
    Check(2, 1764806489, "accepted"),  # a code of the previous step is still good
    Check(2, 1764806490, "carrier_not_found"),  # two steps later: expired (404)
    Check(3, 1764806430, "carrier_not_found"),  # from the future: refused
)


# --- Version 2: the carrier id sealed to the platform's QR key, a fresh key per code ---------

LAYOUT2 = (
    Field("E", 0, 33, "a fresh ephemeral P-256 public key, compressed (SEC 1)"),
    Field("step", 33, 4, f"floor(unix_seconds / {QR_STEP_SECONDS}), unsigned big-endian"),
    Field(
        "sealed",
        37,
        16,
        f'carrier_id XOR HKDF-SHA256(ECDH(eph, qr_key), salt="", info="{QR2_VERSION}" ‖ E ‖ '
        "step)[0:16]",
    ),
    Field(
        "mac",
        53,
        QR2_MAC_BYTES,
        f'HMAC-SHA256(device_secret, "{QR2_VERSION}" ‖ E ‖ step ‖ carrier_id)[0:{QR2_MAC_BYTES}]',
    ),
)
TEXT2 = f'"{QR2_PREFIX}" ‖ base32(E ‖ step ‖ sealed ‖ mac)  (RFC 4648, A–Z 2–7, no padding)'
BODY2_BYTES = sum(field.length for field in LAYOUT2)
TEXT2_CHARS = len(QR2_PREFIX) + BODY2_BYTES * 8 // 5

# The vectors' platform QR key (its private scalar, so an implementation can be checked end to
# end; the platform's own key is derived from its derivation key and never shown).
VECTOR2_PLATFORM_SCALAR = "6465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f80818284"
VECTOR2_PLATFORM_KEY = (
    "044800937136ea0c464a63222bfc4101b965e4cbb243bfd3a6fd5160373610a5121ab950c182de8e42d2c6e6"
    "00a0c79c7eea9e68ebb145b295d49996fc183f0f2e"
)


@dataclass(frozen=True)
class Vector2:
    unix_time: int
    ephemeral_scalar: int
    code: str


# Same device secret and carrier id as version 1. The same phone at the same second gives two
# codes with nothing in common but the version and the time step.
VECTORS2 = (
    Vector2(
        1764806400,
        4103,
        "OM2.AMRCC6H52YYUSSFRCAKHZHQWKP5WN2Z6C3USRBYJBZHWHMKZTQTRGA4BUCAOT5VNUGMFMFNIPPXQRGXTBFZMCW5AIHVRDVVI4DJHYYYD",
    ),
    Vector2(
        1764806400,
        8199,
        "OM2.AKWG3CHVLOIFHIZHE3A37XC3R2JQNEDTYYCUNJFKJ6NZZKWLPIU6AA4BUCAFR42FY3FD7MPJ7Z3TOU2YDRIKS3T4RYMD3AKYXXCZ6UL4",
    ),
    Vector2(
        1764806430,
        12295,
        "OM2.AJPXC2B5QY3PPX2K4JEFWUKODTO6OVJWTDGAEJLMH32L5VEVYVBGQA4BUCATOK2KUVRLPL5RZWNA2OKJPEUILCM2T4OIUDKWJSSR6HGF",
    ),
)
