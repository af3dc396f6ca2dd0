from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from tests.factories.visitors import make_visitor
from tests.mailbox import Mail

from omotenashi import db, i18n, jobs
from omotenashi.carriers import service
from omotenashi.carriers.errors import (
    CarrierNotFoundError,
    InvalidCarrierError,
    QrReplayedError,
)
from omotenashi.carriers.models import Carrier, CarrierKind
from omotenashi.errors import AppError
from omotenashi.privacy import service as privacy
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import MasterKey
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor

IDM = "0123456789ABCDEF"
UID = "04A224B2C35E80"
# The start of a 30-second step, so that offsets below land in known steps.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def master() -> MasterKey:
    return MasterKey.from_material(os.urandom(32))


@pytest.fixture(scope="module")
def keyring(master: MasterKey) -> Keyring:
    return Keyring(master)


@pytest.fixture(scope="module")
def keys(master: MasterKey) -> service.CarrierKeys:
    return service.CarrierKeys(master)


async def make_card(
    session: AsyncSession,
    keys: service.CarrierKeys,
    visitor: Visitor,
    raw_id: str = IDM,
    kind: CarrierKind = CarrierKind.ic_card,
) -> Carrier | None:
    return await service.link_card(session, keys, visitor.id, kind, raw_id, "Suica")


async def make_phone(
    session: AsyncSession, keys: service.CarrierKeys, visitor: Visitor
) -> tuple[Carrier, bytes]:
    return await service.register_device(session, keys, visitor.id, "My phone")


def phone_code(carrier_id: uuid.UUID, secret: bytes, at: datetime) -> str:
    """The payload as a phone computes it, written from the documented format alone."""
    step = (int(at.timestamp()) // 30).to_bytes(4, "big")
    mac = hmac.new(secret, b"OM1" + carrier_id.bytes + step, hashlib.sha256).digest()[:10]
    return "OM1." + base64.b32encode(carrier_id.bytes + step + mac).decode()


def _same_error(error: AppError) -> tuple[object, ...]:
    return (type(error), error.code, error.status, error.message, error.fields)


async def test_card_is_stored_only_as_a_keyed_hash(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    card = await make_card(session, keys, visitor, raw_id="01 23 45 67 89 ab cd ef")
    stored = await session.scalar(
        text("SELECT string_agg(row_to_json(c)::text, '') FROM carriers c")
    )
    assert stored is not None
    assert IDM.lower() not in stored.lower()
    assert card.lookup_hash == keys.lookup_hash(CarrierKind.ic_card, bytes.fromhex(IDM))
    found, visitor_id = await service.find_visitor_by_card(
        session, keys, CarrierKind.ic_card, "01:23:45:67:89:AB:CD:EF"
    )
    assert (found.id, visitor_id) == (card.id, visitor.id)


async def test_the_same_card_hashes_differently_under_another_master_key(
    keys: service.CarrierKeys,
) -> None:
    other = service.CarrierKeys(MasterKey.from_material(os.urandom(32)))
    card_id = bytes.fromhex(IDM)
    assert keys.lookup_hash(CarrierKind.ic_card, card_id) != other.lookup_hash(
        CarrierKind.ic_card, card_id
    )


async def test_a_card_someone_holds_stays_theirs_and_they_alone_are_told(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    owner = await make_visitor(session, keyring)
    someone_else = await make_visitor(session, keyring)
    card = await make_card(session, keys, owner)
    assert await make_card(session, keys, someone_else, raw_id=IDM.lower()) is None
    assert await jobs.pending(session, service.TELL_HOLDER_JOB) == 1
    assert await make_card(session, keys, owner) is None  # the holder again: nothing to tell
    assert await jobs.pending(session, service.TELL_HOLDER_JOB) == 1
    assert [c.id for c in await service.list_carriers(session, owner.id)] == [card.id]
    assert await service.list_carriers(session, someone_else.id) == []


async def test_the_holder_is_told_in_their_language_at_their_profile_address(
    session: AsyncSession, platform: Platform, sent_mail: list[Mail]
) -> None:
    keys = service.CarrierKeys.from_platform(platform.keys)
    holder = await visitors.create_visitor(session, platform.keys.keyring, language="th")
    await visitors.update_profile(
        session, platform.keys.keyring, holder.id, {"email": "somchai@example.co.th"}
    )
    card = await service.link_card(session, keys, holder.id, CarrierKind.ic_card, IDM, "Rabbit")
    assert card is not None
    told = await service.tell_holder(session, platform.keys, card.id, site="https://o.example")
    assert told
    (mail,) = sent_mail
    assert mail.to == "somchai@example.co.th"
    thai = i18n.translations("th").gettext
    assert mail.subject == thai(service.HOLDER_SUBJECT)
    assert "Rabbit" in mail.body
    assert "https://o.example/pass#cards" in mail.body
    assert IDM not in mail.body
    nobody = await visitors.create_visitor(session, platform.keys.keyring)
    quiet = await service.link_card(session, keys, nobody.id, CarrierKind.nfc_tag, UID, "Tag")
    assert quiet is not None
    assert not await service.tell_holder(session, platform.keys, quiet.id, site="")  # no address


async def test_a_revoked_card_can_be_linked_again(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    first = await make_visitor(session, keyring)
    second = await make_visitor(session, keyring)
    old = await make_card(session, keys, first)
    await service.revoke(session, first.id, old.id)
    new = await make_card(session, keys, second)
    found, visitor_id = await service.find_visitor_by_card(session, keys, CarrierKind.ic_card, IDM)
    assert (found.id, visitor_id) == (new.id, second.id)


async def test_revoked_card_is_not_found_with_the_same_error_as_an_unknown_card(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    card = await make_card(session, keys, visitor)
    await service.revoke(session, visitor.id, card.id)
    with pytest.raises(CarrierNotFoundError) as revoked:
        await service.find_visitor_by_card(session, keys, CarrierKind.ic_card, IDM)
    with pytest.raises(CarrierNotFoundError) as unknown:
        await service.find_visitor_by_card(session, keys, CarrierKind.ic_card, "FEDCBA9876543210")
    assert _same_error(revoked.value) == _same_error(unknown.value)
    assert revoked.value.code == "carrier_not_found"
    assert revoked.value.status == 404


async def test_erased_visitors_card_is_not_found(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    await make_card(session, keys, visitor, raw_id=UID, kind=CarrierKind.nfc_tag)
    await privacy.erase(session, [visitor.id])
    session.expunge_all()
    with pytest.raises(CarrierNotFoundError):
        await service.find_visitor_by_card(session, keys, CarrierKind.nfc_tag, UID)


@pytest.mark.parametrize(
    ("kind", "raw_id", "field"),
    [
        (CarrierKind.ic_card, "0123456789ABCDE", "idm"),
        (CarrierKind.ic_card, "0123456789ABCDEF00", "idm"),
        (CarrierKind.ic_card, "0123456789ABCDEG", "idm"),
        (CarrierKind.ic_card, "", "idm"),
        (CarrierKind.nfc_tag, "04A224B2C35E", "uid"),
        (CarrierKind.nfc_tag, "04:A2:24:B2:C3:5E:8", "uid"),
        (CarrierKind.qr_device, IDM, "kind"),
    ],
)
async def test_malformed_card_id_names_the_field(
    session: AsyncSession,
    keyring: Keyring,
    keys: service.CarrierKeys,
    kind: CarrierKind,
    raw_id: str,
    field: str,
) -> None:
    visitor = await make_visitor(session, keyring)
    with pytest.raises(InvalidCarrierError) as linking:
        await service.link_card(session, keys, visitor.id, kind, raw_id, "Card")
    with pytest.raises(InvalidCarrierError) as looking_up:
        await service.find_visitor_by_card(session, keys, kind, raw_id)
    assert [f.field for f in linking.value.fields] == [field]
    assert [f.field for f in looking_up.value.fields] == [field]
    assert linking.value.status == 422


@pytest.mark.parametrize("raw_id", ["04A224B2", UID, "04A224B2C35E80112233"])
async def test_nfc_uids_of_4_7_and_10_bytes_are_accepted(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys, raw_id: str
) -> None:
    visitor = await make_visitor(session, keyring)
    tag = await make_card(session, keys, visitor, raw_id=raw_id, kind=CarrierKind.nfc_tag)
    found, _ = await service.find_visitor_by_card(session, keys, CarrierKind.nfc_tag, raw_id)
    assert found.id == tag.id


async def test_qr_is_accepted_within_60_seconds(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    phone, secret = await make_phone(session, keys, visitor)
    payload = service.qr_payload(phone.id, secret, NOW)
    found, visitor_id = await service.verify_qr(session, keys, payload, NOW + timedelta(seconds=59))
    assert (found, visitor_id) == (phone.id, visitor.id)


async def test_qr_is_refused_once_60_seconds_have_passed(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    phone, secret = await make_phone(session, keys, visitor)
    payload = service.qr_payload(phone.id, secret, NOW)
    with pytest.raises(CarrierNotFoundError):
        await service.verify_qr(session, keys, payload, NOW + timedelta(seconds=60))
    # Nor is a code from a step that has not begun (a phone clock running ahead).
    with pytest.raises(CarrierNotFoundError):
        await service.verify_qr(session, keys, payload, NOW - timedelta(seconds=1))


async def test_second_use_of_a_qr_is_refused_as_replayed(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    phone, secret = await make_phone(session, keys, visitor)
    payload = service.qr_payload(phone.id, secret, NOW)
    await service.verify_qr(session, keys, payload, NOW)
    with pytest.raises(QrReplayedError) as caught:
        await service.verify_qr(session, keys, payload, NOW + timedelta(seconds=40))
    assert (caught.value.code, caught.value.status) == ("qr_replayed", 409)
    # The session is still usable: the refusal did not abort the transaction.
    next_step = service.qr_payload(phone.id, secret, NOW + timedelta(seconds=30))
    await service.verify_qr(session, keys, next_step, NOW + timedelta(seconds=40))


async def test_two_servers_accept_a_qr_only_once(
    engine: AsyncEngine, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    sessions = db.session_factory(engine)
    async with sessions() as setup:
        visitor = await make_visitor(setup, keyring)
        phone, secret = await make_phone(setup, keys, visitor)
        await setup.commit()
    payload = service.qr_payload(phone.id, secret, NOW)

    async def scan() -> str:
        async with sessions() as server:
            try:
                await service.verify_qr(server, keys, payload, NOW)
            except QrReplayedError as exc:
                await server.rollback()
                return exc.code
            await server.commit()
            return "accepted"

    try:
        outcomes = await asyncio.gather(scan(), scan())
        assert sorted(outcomes) == ["accepted", "qr_replayed"]
    finally:
        async with sessions() as cleanup:
            await privacy.erase(cleanup, [visitor.id])
            await cleanup.commit()


async def test_qr_of_a_revoked_phone_is_not_found(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    phone, secret = await make_phone(session, keys, visitor)
    await service.revoke(session, visitor.id, phone.id)
    with pytest.raises(CarrierNotFoundError) as revoked:
        await service.verify_qr(session, keys, service.qr_payload(phone.id, secret, NOW), NOW)
    with pytest.raises(CarrierNotFoundError) as unknown:
        await service.find_visitor_by_card(session, keys, CarrierKind.ic_card, "FEDCBA9876543210")
    assert _same_error(revoked.value) == _same_error(unknown.value)


def _flip_last(payload: str) -> str:
    return payload[:-1] + ("A" if payload[-1] != "A" else "B")


async def test_tampered_or_garbled_qr_is_not_found(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    phone, secret = await make_phone(session, keys, visitor)
    other, _ = await make_phone(session, keys, visitor)
    genuine = service.qr_payload(phone.id, secret, NOW)
    body = base64.b32decode(genuine[4:])
    moved_to_other = "OM1." + base64.b32encode(other.id.bytes + body[16:]).decode()
    wrong_secret = service.qr_payload(phone.id, os.urandom(32), NOW)
    for payload in [
        _flip_last(genuine),
        moved_to_other,
        wrong_secret,
        "OM2." + genuine[4:],
        genuine[:-1],
        genuine + "A",
        "OM1." + "!" * 48,
        "OM1.ÄÖÜ",
        "",
        "not a code",
    ]:
        with pytest.raises(CarrierNotFoundError):
            await service.verify_qr(session, keys, payload, NOW)
    found, _ = await service.verify_qr(session, keys, genuine, NOW)
    assert found == phone.id


async def test_payload_computed_offline_from_the_secret_verifies(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    phone, secret = await make_phone(session, keys, visitor)
    shown_at = NOW + timedelta(seconds=17)
    payload = phone_code(phone.id, secret, shown_at)
    assert payload == service.qr_payload(phone.id, secret, shown_at)
    assert len(payload) == 52
    assert re.fullmatch(r"[0-9A-Z $%*+\-./:]+", payload)  # the QR alphanumeric set
    found, visitor_id = await service.verify_qr(
        session, keys, payload.lower(), shown_at + timedelta(seconds=20)
    )
    assert (found, visitor_id) == (phone.id, visitor.id)


async def test_device_secret_is_stored_sealed(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    phone, secret = await make_phone(session, keys, visitor)
    sealed = await session.scalar(
        text("SELECT sealed_secret FROM carriers WHERE id = :id"), {"id": phone.id}
    )
    assert sealed is not None
    assert secret not in sealed
    assert keys.unseal_secret(phone.id, sealed) == secret


async def test_a_visitor_sees_and_revokes_only_their_own_carriers(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    owner = await make_visitor(session, keyring)
    other = await make_visitor(session, keyring)
    card = await make_card(session, keys, owner)
    phone, _ = await make_phone(session, keys, owner)
    assert {c.id for c in await service.list_carriers(session, owner.id)} == {card.id, phone.id}
    assert await service.list_carriers(session, other.id) == []
    with pytest.raises(CarrierNotFoundError):
        await service.revoke(session, other.id, card.id)
    found, _ = await service.find_visitor_by_card(session, keys, CarrierKind.ic_card, IDM)
    assert found.id == card.id
    revoked = await service.revoke(session, owner.id, card.id)
    assert revoked.revoked_at is not None
    assert (await service.revoke(session, owner.id, card.id)).revoked_at == revoked.revoked_at


async def test_a_blank_label_names_the_field(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    with pytest.raises(InvalidCarrierError) as caught:
        await service.register_device(session, keys, visitor.id, "  ")
    assert [f.field for f in caught.value.fields] == ["label"]


async def test_purge_forgets_only_qr_uses_older_than_five_minutes(
    session: AsyncSession, keyring: Keyring, keys: service.CarrierKeys
) -> None:
    visitor = await make_visitor(session, keyring)
    phone, secret = await make_phone(session, keys, visitor)
    await service.verify_qr(session, keys, service.qr_payload(phone.id, secret, NOW), NOW)
    later = NOW + timedelta(seconds=30)
    await service.verify_qr(session, keys, service.qr_payload(phone.id, secret, later), later)
    await session.execute(
        text(
            "UPDATE qr_uses SET used_at = now() - interval '6 minutes' "
            "WHERE carrier_id = :id AND step = :step"
        ),
        {"id": phone.id, "step": service.qr_step(NOW)},
    )
    assert await service.purge_qr_uses(session) >= 1
    left = await session.scalars(
        text("SELECT step FROM qr_uses WHERE carrier_id = :id"), {"id": phone.id}
    )
    assert left.all() == [service.qr_step(later)]
