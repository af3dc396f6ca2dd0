"""The QR specification's test vectors, checked against the code that makes and checks codes:
what the developer page promises a reader vendor is what the platform does."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers import service as carriers
from omotenashi.carriers.errors import CarrierNotFoundError, QrReplayedError
from omotenashi.carriers.models import Carrier, CarrierKind
from omotenashi.developers import qr_spec
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.visitors import service as visitors

SECRET = bytes.fromhex(qr_spec.VECTOR_SECRET_HEX)
CARRIER = uuid.UUID(qr_spec.VECTOR_CARRIER_ID)


def _at(unix_time: int) -> datetime:
    return datetime.fromtimestamp(unix_time, UTC)


@pytest.mark.parametrize("vector", qr_spec.VECTORS)
def test_each_vector_is_the_code_the_platform_makes(vector: qr_spec.Vector) -> None:
    assert carriers.qr_payload(CARRIER, SECRET, _at(vector.unix_time)) == vector.code
    assert carriers.qr_step(_at(vector.unix_time)) == vector.step
    assert len(vector.code) == qr_spec.TEXT_CHARS


def test_the_layout_adds_up_to_the_body() -> None:
    assert [f.offset for f in qr_spec.LAYOUT] == [0, 16, 20]
    assert qr_spec.BODY_BYTES == 30


async def test_the_checks_are_what_the_platform_answers_in_order(
    session: AsyncSession, platform: Platform
) -> None:
    keys = carriers.CarrierKeys.from_platform(platform.keys)
    visitor = await visitors.create_visitor(session, Keyring(platform.keys.master), language="en")
    session.add(
        Carrier(
            id=CARRIER,
            visitor_id=visitor.id,
            kind=CarrierKind.qr_device,
            label="Spec phone",
            sealed_secret=keys.seal_secret(CARRIER, SECRET),
            master_key_id=keys.master_key_id,
        )
    )
    await session.flush()
    for check in qr_spec.CHECKS:
        code = qr_spec.VECTORS[check.vector].code
        try:
            await carriers.verify_qr(session, keys, code, _at(check.unix_time))
            answer = "accepted"
        except QrReplayedError as refused:
            answer = refused.code
        except CarrierNotFoundError as refused:
            answer = refused.code
        assert answer == check.answer, check


@pytest.mark.parametrize("vector", qr_spec.VECTORS2)
def test_each_version_2_vector_is_the_code_the_platform_makes(vector: qr_spec.Vector2) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    ephemeral = ec.derive_private_key(vector.ephemeral_scalar, ec.SECP256R1())
    made = carriers.qr2_payload(
        CARRIER,
        SECRET,
        bytes.fromhex(qr_spec.VECTOR2_PLATFORM_KEY),
        _at(vector.unix_time),
        ephemeral,
    )
    assert made == vector.code
    assert len(made) == qr_spec.TEXT2_CHARS
    platform = ec.derive_private_key(int(qr_spec.VECTOR2_PLATFORM_SCALAR, 16), ec.SECP256R1())
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    point = platform.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    assert point.hex() == qr_spec.VECTOR2_PLATFORM_KEY


def test_version_2_codes_carry_no_stable_identifier() -> None:
    first, second, _ = (v.code for v in qr_spec.VECTORS2)
    # Version 1 shows the id's base32 at the start of every code; version 2 nowhere.
    in_clear = base64.b32encode(CARRIER.bytes).decode()[:24]
    assert qr_spec.VECTORS[0].code[4:].startswith(in_clear)
    assert in_clear not in first
    # Apart from the version and the time step, two codes of one phone share no run of 4.
    body1, body2 = first[4:], second[4:]
    shared = {body1[i : i + 4] for i in range(len(body1) - 3)} & {
        body2[i : i + 4] for i in range(len(body2) - 3)
    }
    step_chars = body1[52:60]
    assert all(run in step_chars for run in shared), shared
