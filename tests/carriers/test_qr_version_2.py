"""Version 2 QR codes: the phone's id sealed to the platform, so no code can be linked to
another by anyone who scans them, and still one use per time step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service as carriers
from omotenashi.carriers.errors import CarrierNotFoundError, QrReplayedError
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.visitors import service as visitors


async def test_a_sealed_code_is_recognised_once_and_never_repeats(
    session: AsyncSession, platform: Platform
) -> None:
    keys = carriers.CarrierKeys.from_platform(platform.keys)
    visitor = await visitors.create_visitor(session, Keyring(platform.keys.master), language="vi")
    phone, secret = await carriers.register_device(session, keys, visitor.id, "Phone")
    now = datetime.now(UTC)
    first = carriers.qr2_payload(phone.id, secret, keys.qr_public_key, now)
    again = carriers.qr2_payload(phone.id, secret, keys.qr_public_key, now)

    assert first != again
    assert str(phone.id).replace("-", "").upper() not in first
    assert await carriers.verify_qr(session, keys, first, now) == (phone.id, visitor.id)
    # Another code of the same phone and step is the same use: refused.
    with pytest.raises(QrReplayedError):
        await carriers.verify_qr(session, keys, again, now)
    later = now + timedelta(seconds=carriers.QR_STEP_SECONDS)
    fresh = carriers.qr2_payload(phone.id, secret, keys.qr_public_key, later)
    assert await carriers.verify_qr(session, keys, fresh, later) == (phone.id, visitor.id)


async def test_forged_tampered_and_expired_sealed_codes_are_unknown(
    session: AsyncSession, platform: Platform
) -> None:
    keys = carriers.CarrierKeys.from_platform(platform.keys)
    visitor = await visitors.create_visitor(session, Keyring(platform.keys.master), language="vi")
    phone, secret = await carriers.register_device(session, keys, visitor.id, "Phone")
    now = datetime.now(UTC)
    code = carriers.qr2_payload(phone.id, secret, keys.qr_public_key, now)
    flipped = code[:-1] + ("A" if code[-1] != "A" else "B")
    forged = carriers.qr2_payload(phone.id, b"\x00" * 32, keys.qr_public_key, now)
    other_platform = carriers.CarrierKeys(
        type(platform.keys.derivation).from_material(b"\x01" * 32)
    )
    elsewhere = carriers.qr2_payload(phone.id, secret, other_platform.qr_public_key, now)
    expired = now + timedelta(seconds=2 * carriers.QR_STEP_SECONDS)
    for bad, at in (
        (flipped, now),
        (forged, now),
        (elsewhere, now),
        (code, expired),
        ("OM2." + "A" * 104, now),  # not a point on the curve
    ):
        with pytest.raises(CarrierNotFoundError):
            await carriers.verify_qr(session, keys, bad, at)
