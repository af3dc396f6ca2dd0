"""The check a terminal's QR reader can make before it asks the platform: is this a visitor's
rotating code (format OM2 of the QR spec on /developers), well formed and still fresh?

    checked = check_qr(scanned_text)      # raises QrError saying what is wrong
    resolve(..., carrier={"kind": "qr", "payload": checked.text})

It cannot tell who the visitor is (the carrier id is sealed to the platform's key) nor whether
the code was already used (single use is the platform's to decide): it only spares the round
trip for text that is not a code, or a code the platform would refuse as expired. Layout, per
the spec: "OM2." then base32 (RFC 4648, no padding) of E (33 bytes, a compressed P-256 point) ‖
step (4 bytes, big-endian floor(unix_seconds / 30)) ‖ sealed carrier id (16) ‖ MAC (12).
A code is good in its own 30-second step and the next one.
"""

from __future__ import annotations

import base64
import binascii
import time
from dataclasses import dataclass

PREFIX = "OM2."
STEP_SECONDS = 30
VALID_STEPS = 2  # its own step and the next
BODY_BYTES = 33 + 4 + 16 + 12
TEXT_CHARS = len(PREFIX) + BODY_BYTES * 8 // 5  # 108


class QrError(ValueError):
    """The scanned text is not a code the platform would accept; ``reason`` says why."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason  # not_a_code, malformed, expired, from_the_future


@dataclass(frozen=True)
class CheckedQr:
    text: str  # send this, unchanged, as the carrier's payload
    step: int
    valid_until: float  # unix seconds: after this the platform refuses it as expired


def check_qr(text: str, now: float | None = None) -> CheckedQr:
    """``text`` as scanned, checked against the OM2 layout and the clock (``now``, unix s)."""
    text = text.strip()
    if not text.startswith(PREFIX):
        raise QrError("not_a_code", "Not an Omotenashi visitor code (no OM2. prefix).")
    if len(text) != TEXT_CHARS:
        raise QrError("malformed", f"An OM2 code has {TEXT_CHARS} characters, not {len(text)}.")
    try:
        body = base64.b32decode(text[len(PREFIX) :], casefold=False)
    except (binascii.Error, ValueError) as exc:
        raise QrError("malformed", "The code is not base32 (A-Z, 2-7).") from exc
    if len(body) != BODY_BYTES or body[0] not in (2, 3):
        raise QrError("malformed", "The code does not carry a compressed P-256 key.")
    step = int.from_bytes(body[33:37], "big")
    current = int((time.time() if now is None else now) // STEP_SECONDS)
    if step > current:
        raise QrError("from_the_future", "The code is for a later time: check the clock.")
    if current - step >= VALID_STEPS:
        raise QrError("expired", "The code has expired: ask the visitor to show it again.")
    return CheckedQr(text=text, step=step, valid_until=float((step + VALID_STEPS) * STEP_SECONDS))
