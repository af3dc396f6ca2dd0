"""Tax-free records from the tap to the refund, against the local 免税販売管理システム."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.taxfree import CARD, CART, SENDER_ID, buyer, shop, till
from tests.taxfree.nta_server import FakeNta, confirmation_file

from omotenashi.carriers.models import CarrierKind
from omotenashi.config import Settings
from omotenashi.japan import JST
from omotenashi.payments import ledger
from omotenashi.payments.models import PaymentOperation
from omotenashi.privacy import service as privacy
from omotenashi.runtime import Platform
from omotenashi.security.keys import PlatformKeys
from omotenashi.taxfree import nta, service
from omotenashi.taxfree.errors import InvalidItemsError, NtaNotConfiguredError
from omotenashi.taxfree.models import RecordState, RefundMethod, TaxFreeRecord


def _settings(platform: Platform, url: str) -> Settings:
    return platform.settings.model_copy(update={"nta_test_url": url})


async def _sold(
    session: AsyncSession,
    keys: PlatformKeys,
    *,
    items: list[service.ItemIn] | None = None,
    now: datetime | None = None,
    **shop_options: object,
) -> TaxFreeRecord:
    """Anna taps her card at the shop's tax-free counter and the clerk enters the cart."""
    servicer = await shop(session, keys, **shop_options)  # type: ignore[arg-type]
    await buyer(session, keys)
    counter = await till(session, servicer)
    now = now or datetime.now(UTC)
    found = await service.identify(session, keys, counter, CarrierKind.ic_card, CARD, now)
    return await service.build_record(
        session, keys, servicer.id, found, items or CART, actor="staff:clerk", now=now
    )


async def _states(session: AsyncSession, record_id: uuid.UUID) -> list[str]:
    return [c.to_state.value for c in await service.history(session, record_id)]


async def _accepted(
    session: AsyncSession, platform: Platform, fake_nta: str, **options: object
) -> TaxFreeRecord:
    record = await _sold(session, platform.keys, **options)  # type: ignore[arg-type]
    FakeNta.senders.add(SENDER_ID)
    await service.transmit(
        session, platform.keys, _settings(platform, fake_nta), nta.HttpNta(), record.servicer_id
    )
    await session.refresh(record)
    assert record.state is RecordState.accepted
    return record


async def test_the_icao_specimen_and_a_cart_of_three_make_the_record(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    bought = datetime(2026, 12, 5, 14, 30, tzinfo=JST)
    record = await _sold(session, keys, now=bought)

    assert record.procedure_id == nta.PROCEDURE_ID
    assert record.spec_version == nta.SPEC_VERSION
    assert len(record.transmission_number) == 17
    assert record.transmission_number.isdigit()
    assert record.transmission_number.startswith("20261205")
    assert record.sender_id == SENDER_ID
    assert record.total == 44_000 + 3 * 2_160 + 1_320_000
    assert record.tax == 4_000 + 480 + 120_000  # 10 % and 8 % inside tax-included prices
    assert record.fee == 12_448  # the shop's disclosed 10 % of the tax
    assert record.deadline == date(2027, 3, 5)  # 90 days from the day after
    assert record.retain_until == date(2033, 12, 5)
    assert record.state is RecordState.built

    shop_row = await service.shop_of(session, record.servicer_id)
    (submitted,) = await service.submissions(session, keys, shop_row, [record])
    shape = nta.purchase_record(submitted)
    assert shape["送信番号"] == record.transmission_number
    assert shape["購入年月日"] == "20261205"
    assert shape["購入者情報"] == {
        "氏名": "ERIKSSON ANNA MARIA",
        "国籍": shape["購入者情報"]["国籍"],
        "生年月日": "19740812",
        "在留資格": shape["購入者情報"]["在留資格"],
        "上陸年月日": shape["購入者情報"]["上陸年月日"],
        "旅券等の種類": "P",
        "旅券等の番号": "L898902C3",
    }
    assert shape["購入者情報"]["国籍"] == "SE"
    assert shape["販売場情報"]["販売場識別符号"] == "0012345"
    assert shape["販売場情報"]["販売者氏名又は名称"] == "Ginza Denki 株式会社"
    assert [(i["品名"], i["数量"], i["単価"], i["販売価額"]) for i in shape["購入品目"]] == [
        ("Rice cooker 炊飯器", 1, 44_000, 44_000),
        ("Green tea 抹茶 100g", 3, 2_160, 6_480),
        ("Wristwatch 腕時計", 1, 1_320_000, 1_320_000),
    ]
    assert shape["購入品目"][2]["識別情報"] == "SN-0042-7781"
    assert "識別情報" not in shape["購入品目"][0]
    # The passport part is not readable in the row: it is sealed under the shop's key.
    assert b"L898902C3" not in record.passport_sealed


async def test_an_item_of_a_million_yen_needs_its_serial(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    with pytest.raises(InvalidItemsError) as raised:
        await _sold(session, keys, items=[service.ItemIn("Camera", 1, 1_000_000)])
    assert [f.field for f in raised.value.fields] == ["items.0.serial"]


async def test_a_rejected_record_is_corrected_and_sent_again(
    session: AsyncSession, platform: Platform, fake_nta: str
) -> None:
    record = await _sold(session, platform.keys)
    FakeNta.senders.add(SENDER_ID)
    FakeNta.require_landing_date = True
    settings = _settings(platform, fake_nta)
    shop_row = await service.shop_of(session, record.servicer_id)
    if service.open_passport(platform.keys, shop_row, record).landing_date is None:
        sent = await service.transmit(
            session, platform.keys, settings, nta.HttpNta(), record.servicer_id
        )
        assert (sent.accepted, sent.rejected) == (0, 1)
        await session.refresh(record)
        assert record.state is RecordState.rejected
        assert record.rejection_reason is not None
        assert "上陸年月日" in record.rejection_reason

        await service.correct(
            session,
            platform.keys,
            record.servicer_id,
            record.id,
            None,
            passport={"landing_date": "2026-12-01", "status_of_residence": "短期滞在"},
            actor="staff:clerk",
        )
        await session.refresh(record)
        assert record.state is RecordState.built
        assert record.rejection_reason is None
    sent = await service.transmit(
        session, platform.keys, settings, nta.HttpNta(), record.servicer_id
    )
    assert (sent.accepted, sent.rejected) == (1, 0)
    await session.refresh(record)
    assert record.state is RecordState.accepted
    assert FakeNta.records[record.transmission_number]["購入者情報"]["上陸年月日"] == "20261201"
    states = await _states(session, record.id)
    assert states[-2:] == ["transmitted", "accepted"]
    assert "rejected" in states or len(states) == 3


async def test_the_history_of_states_cannot_be_rewritten(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    record = await _sold(session, keys)
    with pytest.raises(sa.exc.DBAPIError):
        async with session.begin_nested():
            await session.execute(
                sa.text(
                    "UPDATE tax_free_state_changes SET to_state = 'refunded' WHERE record_id = :r"
                ),
                {"r": record.id},
            )


async def test_a_partial_confirmation_forfeits_the_whole_record(
    session: AsyncSession, platform: Platform, fake_nta: str
) -> None:
    record = await _accepted(session, platform, fake_nta)
    FakeNta.customs[record.transmission_number] = {1: True, 2: False, 3: True}
    applied = await service.pull_confirmations(
        session, platform.keys, _settings(platform, fake_nta), nta.HttpNta(), record.servicer_id
    )
    assert (applied.confirmed, applied.forfeited) == (0, 1)
    await session.refresh(record)
    assert record.state is RecordState.forfeited
    assert (await _states(session, record.id))[-2:] == ["not_confirmed", "forfeited"]
    (change,) = [
        c for c in await service.history(session, record.id) if c.to_state is RecordState.forfeited
    ]
    assert change.reason == service.FORFEIT_NOT_CONFIRMED
    assert await service.refund(session, record.id) is None  # nothing is due
    assert await session.scalar(sa.select(sa.func.count()).select_from(PaymentOperation)) == 0


async def test_a_pending_confirmation_changes_nothing(
    session: AsyncSession, platform: Platform, fake_nta: str
) -> None:
    record = await _accepted(session, platform, fake_nta)
    applied = await service.pull_confirmations(
        session, platform.keys, _settings(platform, fake_nta), nta.HttpNta(), record.servicer_id
    )
    assert (applied.confirmed, applied.forfeited) == (0, 0)
    await session.refresh(record)
    assert record.state is RecordState.accepted


async def test_a_passed_deadline_forfeits_the_record(
    session: AsyncSession, platform: Platform, fake_nta: str
) -> None:
    assert service.deadline_of(datetime(2026, 11, 1, 15, tzinfo=JST)) == date(2027, 1, 30)
    record = await _accepted(session, platform, fake_nta)
    on_the_day = datetime.combine(record.deadline, datetime.min.time(), JST) + timedelta(hours=23)
    assert await service.forfeit_overdue(session, on_the_day) == 0
    assert await service.forfeit_overdue(session, on_the_day + timedelta(hours=2)) == 1
    await session.refresh(record)
    assert record.state is RecordState.forfeited
    (change,) = [
        c for c in await service.history(session, record.id) if c.to_state is RecordState.forfeited
    ]
    assert change.reason == service.FORFEIT_DEADLINE
    # A confirmation arriving afterwards changes nothing.
    late = nta.confirmation_file(
        confirmation_file({record.transmission_number: {1: True, 2: True, 3: True}})
    )
    applied = await service.apply_confirmations(session, late, actor="test")
    assert (applied.confirmed, applied.unknown) == (0, 1)


async def test_a_confirmation_dated_after_the_deadline_forfeits(
    session: AsyncSession, platform: Platform, fake_nta: str
) -> None:
    record = await _accepted(session, platform, fake_nta)
    late = (record.deadline + timedelta(days=1)).isoformat() + "T10:00:00+09:00"
    answers = nta.confirmation_file(
        confirmation_file({record.transmission_number: {1: True, 2: True, 3: True}}, when=late)
    )
    applied = await service.apply_confirmations(session, answers, actor="test")
    assert applied.forfeited == 1


async def test_the_refund_reaches_the_wallet_once_under_retries(
    session: AsyncSession, platform: Platform, fake_nta: str
) -> None:
    record = await _accepted(session, platform, fake_nta)
    answers = nta.confirmation_file(
        confirmation_file({record.transmission_number: {1: True, 2: True, 3: True}})
    )
    applied = await service.apply_confirmations(session, answers, actor="import")
    assert applied.confirmed == 1
    await session.refresh(record)
    assert record.state is RecordState.confirmed

    first = await service.refund(session, record.id)
    again = await service.refund(session, record.id)  # the job retried after a lost answer
    assert first is not None
    assert first.state is RecordState.refunded
    assert again is None
    assert record.visitor_id is not None
    wallet = await ledger.wallet_of(session, record.visitor_id)
    assert wallet is not None
    assert (await ledger.balance(session, wallet)).posted == 124_480 - 12_448
    operations = await session.scalar(sa.select(sa.func.count()).select_from(PaymentOperation))
    assert operations == 1
    assert (await ledger.verify(session)).clean
    assert (await _states(session, record.id))[-2:] == ["confirmed", "refunded"]


async def test_the_refund_to_the_card_is_asked_once_of_the_provider(
    session: AsyncSession, platform: Platform, fake_nta: str, fake_stripe: str
) -> None:
    from tests.payments.stripe_server import SECRET_KEY, FakeStripe

    from omotenashi.payments import provider
    from omotenashi.payments.errors import CardRefundFailedError

    record = await _accepted(session, platform, fake_nta, method=RefundMethod.card)
    record.card_payment = "pi_test_123"
    await session.flush()
    await service.apply_confirmations(
        session,
        nta.confirmation_file(
            confirmation_file({record.transmission_number: {1: True, 2: True, 3: True}})
        ),
        actor="import",
    )
    card = provider.StripeProvider(SECRET_KEY, None, fake_stripe)
    FakeStripe.failures = 1
    with pytest.raises(CardRefundFailedError):
        async with session.begin_nested():
            await service.refund(session, record.id, card=card)
    await session.refresh(record)
    assert record.state is RecordState.confirmed  # still due: the job tries again
    done = await service.refund(session, record.id, card=card)
    assert done is not None
    assert done.state is RecordState.refunded
    assert await service.refund(session, record.id, card=card) is None
    assert len(FakeStripe.refunds) == 1
    (refund,) = FakeStripe.refunds.values()
    assert refund["amount"] == 124_480 - 12_448


async def test_erasure_keeps_the_shop_record_and_nothing_else(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    record = await _sold(session, keys)
    visitor_id = record.visitor_id
    assert visitor_id is not None
    kept = await service.kept_after_erasure(session, visitor_id)
    assert [(k.shop_name, k.until) for k in kept] == [("Ginza Denki 株式会社", record.retain_until)]

    record_id, servicer_id = record.id, record.servicer_id
    await privacy.erase(session, [visitor_id])
    session.expire_all()

    still = await session.get(TaxFreeRecord, record_id)
    assert still is not None
    assert still.visitor_id is None
    shop_row = await service.shop_of(session, servicer_id)
    assert service.open_passport(keys, shop_row, still).passport_number == "L898902C3"
    assert await service.visitor_records(session, visitor_id) == []
    for table in ("visitors", "carriers", "consent_grants"):
        column = "id" if table == "visitors" else "visitor_id"
        left = await session.scalar(
            sa.text(f"SELECT count(*) FROM {table} WHERE {column} = :v"),  # noqa: S608
            {"v": visitor_id},
        )
        assert left == 0, table


async def test_a_shop_without_the_tax_office_connection_gets_the_record_as_a_file(
    session: AsyncSession, platform: Platform
) -> None:
    record = await _sold(session, platform.keys, connected=False)
    with pytest.raises(NtaNotConfiguredError) as raised:
        await service.transmit(
            session, platform.keys, platform.settings, nta.HttpNta(), record.servicer_id
        )
    assert "承認送信事業者" in raised.value.message
    name, content = await service.record_file(session, platform.keys, record.servicer_id, record.id)
    assert name == f"tax-free-{record.transmission_number}.json"
    assert "購入記録情報" in content.decode()
    assert "L898902C3" in content.decode()


async def test_the_tax_office_down_leaves_the_record_to_send_later(
    session: AsyncSession, platform: Platform, fake_nta: str
) -> None:
    from omotenashi.taxfree.errors import NtaUnavailableError

    record = await _sold(session, platform.keys)
    FakeNta.senders.add(SENDER_ID)
    FakeNta.unavailable = True
    with pytest.raises(NtaUnavailableError) as raised:
        await service.transmit(
            session, platform.keys, _settings(platform, fake_nta), nta.HttpNta(), record.servicer_id
        )
    assert "メンテナンス" in raised.value.message
    await session.refresh(record)
    assert record.state is RecordState.built


async def test_reminders_go_14_and_3_days_before_once_each(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    record = await _sold(session, keys)
    fifteen = datetime.combine(record.deadline - timedelta(days=15), datetime.min.time(), JST)
    assert await service.due_reminders(session, fifteen) == 0
    assert await service.due_reminders(session, fifteen + timedelta(days=1)) == 1
    assert await service.due_reminders(session, fifteen + timedelta(days=2)) == 0
    assert await service.due_reminders(session, fifteen + timedelta(days=12)) == 1
    assert await service.due_reminders(session, fifteen + timedelta(days=13)) == 0


async def test_records_go_after_seven_years(session: AsyncSession, keys: PlatformKeys) -> None:
    record = await _sold(session, keys)
    assert await service.purge_expired(session, datetime.now(UTC) + timedelta(days=365)) == 0
    later = datetime.combine(record.retain_until + timedelta(days=1), datetime.min.time(), JST)
    record_id = record.id
    assert await service.purge_expired(session, later) == 1
    session.expire_all()
    assert await session.get(TaxFreeRecord, record_id) is None
