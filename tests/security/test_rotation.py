"""Master key rotation end to end through the services: data keys are re-wrapped under the new
key, sealed values stay byte for byte, and everything derived from the (unrotated) derivation
key keeps working: pairwise subject ids, card lookups, staff TOTP, sealed device secrets."""

from __future__ import annotations

import dataclasses
import os
import re
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from tests.factories import approved_servicer, platform_keys
from tests.factories.visitors import make_visitor

import omotenashi
from omotenashi import db
from omotenashi.auth import email_codes
from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.consent import service as consent
from omotenashi.mail import service as mail
from omotenashi.privacy import service as privacy
from omotenashi.resolve import service as resolve
from omotenashi.security.audit import AuditEntry
from omotenashi.security.encryption import Keyring, UnknownMasterKeyError
from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor, VisitorAttribute

NOW = datetime(2026, 11, 23, 14, 2, tzinfo=UTC)
PROFILE = {
    "name": {"surname": "NGUYEN", "given_names": "LAN"},
    "nationality": "VN",
    "passport": {
        "document_type": "P",
        "number": "C1234567",
        "issuing_state": "VNM",
        "expiry_date": "2031-05-01",
    },
    "allergens": ["peanut"],
}
IDM = "0123456789ABCDEF"


def _new_master() -> MasterKey:
    return MasterKey.from_material(os.urandom(32))


def _rotated(before: PlatformKeys) -> PlatformKeys:
    """The keys after a rotation, as `keys rotate` or the README's procedure leave them."""
    return dataclasses.replace(
        before,
        master=_new_master(),
        previous_masters=(before.master,),
        derivation_key=before.derivation,
    )


def _finished(rotated: PlatformKeys) -> PlatformKeys:
    """The keys once the old master key has been removed after a complete re-wrap."""
    return dataclasses.replace(rotated, previous_masters=())


async def _rewrap_everything(session: AsyncSession, keyring: Keyring, batch: int) -> int:
    rewrapped, after = 0, None
    while True:
        done = await visitors.rewrap_data_keys(session, keyring, after=after, limit=batch)
        rewrapped += done.rewrapped
        if done.last_id is None:
            return rewrapped
        after = done.last_id


async def _sealed_values(session: AsyncSession, visitor_id: uuid.UUID) -> dict[str, bytes]:
    rows = await session.execute(
        select(VisitorAttribute.key, VisitorAttribute.sealed_value).where(
            VisitorAttribute.visitor_id == visitor_id,
            VisitorAttribute.sealed_value.is_not(None),
        )
    )
    return {key: bytes(value) for key, value in rows.all()}


async def test_rewrapped_profiles_read_without_the_old_key_and_sealed_values_stay_byte_identical(
    session: AsyncSession,
) -> None:
    before = platform_keys()
    ids = [(await make_visitor(session, before.keyring, **PROFILE)).id for _ in range(3)]
    sealed_before = {visitor_id: await _sealed_values(session, visitor_id) for visitor_id in ids}
    assert all(sealed_before.values())
    rotated = _rotated(before)

    await _rewrap_everything(session, rotated.keyring, batch=1000)

    after = _finished(rotated)
    for visitor_id in ids:
        assert await visitors.read_profile(session, after.keyring, visitor_id) == PROFILE
        assert await _sealed_values(session, visitor_id) == sealed_before[visitor_id]
        visitor = await session.get(Visitor, visitor_id)
        assert visitor is not None
        await session.refresh(visitor)
        assert visitor.master_key_id == after.master.key_id
        with pytest.raises(UnknownMasterKeyError):
            await visitors.read_profile(session, Keyring(before.master), visitor_id)
    use = await visitors.master_key_use(session, after.master.key_id)
    assert use.counts.get(before.master.key_id, 0) == 0
    assert use.on_current >= 3


async def test_an_interrupted_rewrap_finishes_when_run_again(session: AsyncSession) -> None:
    before = platform_keys()
    ids = [(await make_visitor(session, before.keyring, **PROFILE)).id for _ in range(5)]
    rotated = _rotated(before)

    first = await visitors.rewrap_data_keys(session, rotated.keyring, limit=2)  # then stopped
    assert first.rewrapped == 2
    assert first.last_id is not None
    use = await visitors.master_key_use(session, rotated.master.key_id)
    assert use.counts[before.master.key_id] >= 3

    await _rewrap_everything(session, rotated.keyring, batch=2)  # run again from the start

    use = await visitors.master_key_use(session, rotated.master.key_id)
    assert before.master.key_id not in use.counts
    for visitor_id in ids:
        assert await visitors.read_profile(session, _finished(rotated).keyring, visitor_id)


async def test_a_data_key_under_a_key_the_keyring_lacks_is_counted_and_left_alone(
    session: AsyncSession,
) -> None:
    lost = Keyring(_new_master())
    orphan = (await make_visitor(session, lost, **PROFILE)).id
    orphan_row = await session.get(Visitor, orphan)
    assert orphan_row is not None
    stored = orphan_row.data_key
    keys = platform_keys()
    known = (await make_visitor(session, keys.keyring, **PROFILE)).id
    rotated = _rotated(keys)

    unknown, after = 0, None
    while True:
        done = await visitors.rewrap_data_keys(session, rotated.keyring, after=after, limit=1)
        unknown += done.unknown_key
        if done.last_id is None:
            break
        after = done.last_id

    assert unknown >= 1
    await session.refresh(orphan_row)
    assert orphan_row.data_key == stored
    assert await visitors.read_profile(session, lost, orphan) == PROFILE
    assert await visitors.read_profile(session, _finished(rotated).keyring, known) == PROFILE


async def test_a_finished_rewrap_is_one_audit_entry_with_counts_and_key_ids_only(
    session: AsyncSession,
) -> None:
    before = platform_keys()
    await make_visitor(session, before.keyring, **PROFILE)
    rotated = _rotated(before)
    rewrapped = await _rewrap_everything(session, rotated.keyring, batch=1000)
    use = await visitors.master_key_use(session, rotated.master.key_id)

    await visitors.record_rewrap(
        session, use, rewrapped=rewrapped, unknown_key=0, unreadable=0, actor="cli:keys-rewrap"
    )

    entry = await session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    assert entry is not None
    assert (entry.actor, entry.action) == ("cli:keys-rewrap", "visitor.data_keys_rewrapped")
    assert entry.target == f"master_key:{rotated.master.key_id}"
    assert entry.details["rewrapped"] == rewrapped >= 1
    assert "NGUYEN" not in str(entry.details)


async def test_pairwise_subject_ids_are_the_same_after_rotation(session: AsyncSession) -> None:
    before = platform_keys()
    visitor_id = (await make_visitor(session, before.keyring, **PROFILE)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await consent.grant(
        session,
        before,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )

    async def resolved(keys: PlatformKeys) -> resolve.Resolution:
        return await resolve.resolve(
            session,
            keys,
            servicer_id=hotel.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.hotel_check_in,
            now=NOW,
        )

    first = await resolved(before)
    rotated = _rotated(before)
    await _rewrap_everything(session, rotated.keyring, batch=1000)
    again = await resolved(_finished(rotated))

    assert again.subject == first.subject
    assert again.attributes == first.attributes


async def test_cards_and_phones_are_recognised_after_rotation(session: AsyncSession) -> None:
    before = platform_keys()
    visitor_id = (await make_visitor(session, before.keyring, **PROFILE)).id
    card_keys = carriers.CarrierKeys.from_platform(before)
    await carriers.link_card(session, card_keys, visitor_id, CarrierKind.ic_card, IDM, "Suica")
    phone, secret = await carriers.register_device(session, card_keys, visitor_id, "Phone")
    rotated = _finished(_rotated(before))

    after_keys = carriers.CarrierKeys.from_platform(rotated)

    assert await carriers.visitor_by_card(session, after_keys, CarrierKind.ic_card, IDM) == (
        visitor_id
    )
    assert phone.sealed_secret is not None
    assert after_keys.unseal_secret(phone.id, phone.sealed_secret) == secret
    assert await carriers.live_carriers_by_key_id(session) == {before.master.key_id: 2}


async def test_staff_sign_in_with_totp_works_after_rotation(session: AsyncSession) -> None:
    before = platform_keys()
    enrolment = await staff.create_user(
        session,
        before.derivation,
        email="desk@hotel.example.jp",
        display_name="Aiko",
        password="correct horse battery staple",
        role=Role.operator,
        servicer_id=None,
        actor="operator:root",
    )
    totp = pyotp.TOTP(parse_qs(urlparse(enrolment.totp_uri).query)["secret"][0])
    rotated = _finished(_rotated(before))

    now = time.time()
    signed_in = await staff.sign_in(
        session,
        rotated.derivation,
        email="desk@hotel.example.jp",
        password="correct horse battery staple",
        code=totp.at(now),
        at=now,
    )

    assert signed_in.user_id == enrolment.user.id


def test_without_a_pinned_derivation_key_the_master_key_is_the_root() -> None:
    keys = platform_keys()
    assert keys.derivation == keys.master
    rotated = _rotated(keys)
    assert rotated.derivation == keys.master != rotated.master


async def test_a_sign_in_code_sent_before_rotation_is_accepted_after(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = platform_keys()
    sent: list[str] = []

    async def capture(*_: object, to: str, subject: str, body: str) -> None:
        sent.append(body)

    monkeypatch.setattr(mail, "enqueue", capture)
    await email_codes.send_code(session, before.derivation, "lan@example.vn", "vi", now=NOW)
    code = re.search(r"\b(\d{6})\b", sent[-1])
    assert code is not None
    rotated = _finished(_rotated(before))

    verified = await email_codes.verify_code(
        session, rotated.derivation, "lan@example.vn", code.group(1), now=NOW
    )

    assert verified.visitor_id is None  # accepted; nobody signs in with this address yet


def test_outside_the_keys_module_nothing_reaches_for_the_master_key_itself() -> None:
    """Data keys are wrapped with ``keys.keyring`` and every derived key comes from
    ``keys.derivation``; code using ``keys.master`` would break at the first rotation, yet pass
    every test whose keys were never rotated."""
    package = Path(omotenashi.__file__).parent
    uses = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path != package / "security" / "keys.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\.master\b(?!\.key_id)", line)
    ]
    assert uses == []


async def test_a_visitor_in_use_is_skipped_and_rewrapped_by_the_next_run(
    engine: AsyncEngine,
) -> None:
    before = platform_keys()
    rotated = _rotated(before)
    sessions = db.session_factory(engine)
    async with db.session_scope(sessions) as session:
        busy, free = [(await make_visitor(session, before.keyring, **PROFILE)).id for _ in range(2)]

    async def wrapped_under(visitor_id: uuid.UUID) -> str | None:
        async with sessions() as session:
            return await session.scalar(
                select(Visitor.master_key_id).where(Visitor.id == visitor_id)
            )

    try:
        async with sessions() as request, request.begin():  # a request holding the row
            await request.execute(select(Visitor.id).where(Visitor.id == busy).with_for_update())
            async with db.session_scope(sessions) as session:
                await _rewrap_everything(session, rotated.keyring, batch=1000)
            assert await wrapped_under(busy) == before.master.key_id
            assert await wrapped_under(free) == rotated.master.key_id

        async with db.session_scope(sessions) as session:
            await _rewrap_everything(session, rotated.keyring, batch=1000)
        assert await wrapped_under(busy) == rotated.master.key_id
    finally:
        async with db.session_scope(sessions) as session:
            await privacy.erase(session, [busy, free])
