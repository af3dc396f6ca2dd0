from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.payments import RULES, merchant, tap, terminal, visitor

from omotenashi.carriers import service as carriers
from omotenashi.carriers.errors import CarrierNotFoundError
from omotenashi.consent.models import ConsentRequest
from omotenashi.payments import ledger, service
from omotenashi.payments.errors import (
    AmountOverLimitError,
    CaptureExceedsHoldError,
    HoldNotOpenError,
    InsufficientFundsError,
    InvalidAmountError,
    PaymentConsentRequiredError,
    RefundExceedsChargeError,
    UnsupportedCurrencyError,
    WalletLimitError,
)
from omotenashi.payments.models import OperationKind, PaymentEvent, PaymentOperation
from omotenashi.privacy import service as privacy
from omotenashi.resolve.touchpoint import PurposeNotForTerminalError
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import ServicerCategory


async def _transfers(session: AsyncSession) -> int:
    return int(await session.scalar(sa.text("SELECT count(*) FROM ledger_transfers")) or 0)


async def _clean(session: AsyncSession) -> None:
    result = await ledger.verify(session)
    assert result.clean, ledger.describe(result)


async def test_a_korean_visitor_pays_in_cash_pays_by_tap_and_is_refunded(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, keys, language="ko")
    desk = await terminal(session, hotel)
    till = await terminal(session, restaurant)

    top_up = await service.top_up_cash(
        session, keys, RULES, desk, tap(), 10_000, actor="staff:desk"
    )
    assert top_up.kind is OperationKind.cash_top_up
    assert top_up.expires_at is not None  # each top-up usable for 180 days by default
    charged = await service.charge(session, keys, RULES, till, tap(), 3_200)
    assert charged.fee == 96  # 3 %
    assert charged.subject is not None
    assert str(minji) not in charged.subject
    refunded = await service.refund(session, restaurant.id, charged.id, 1_200, actor="staff:x")

    view = await service.wallet(session, minji)
    assert view.balance.available == 8_000
    assert [p.kind for p in view.history] == [
        OperationKind.refund,
        OperationKind.charge,
        OperationKind.cash_top_up,
    ]
    assert refunded.original_id == charged.id
    events = (await session.scalars(sa.select(PaymentEvent.kind))).all()
    assert sorted(events) == ["charge.succeeded", "refund.succeeded"]
    await _clean(session)


@pytest.mark.parametrize(
    ("amount", "currency", "error"),
    [
        (0, "JPY", InvalidAmountError),
        (-100, "JPY", InvalidAmountError),
        (10.5, "JPY", InvalidAmountError),
        ("100", "JPY", InvalidAmountError),
        (True, "JPY", InvalidAmountError),
        (50_001, "JPY", AmountOverLimitError),
        (100, "USD", UnsupportedCurrencyError),
    ],
)
async def test_bad_amounts_are_refused_before_anything_is_written(
    session: AsyncSession, keys: PlatformKeys, amount: object, currency: str, error: type
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, keys)
    till = await terminal(session, restaurant)
    before = await _transfers(session)
    with pytest.raises(error):
        await service.charge(session, keys, RULES, till, tap(), amount, currency=currency)
    with pytest.raises(error):
        await service.top_up_cash(
            session, keys, RULES, till, tap(), amount, currency=currency, actor="staff:x"
        )
    assert await _transfers(session) == before


async def test_a_charge_over_the_balance_is_refused_and_writes_nothing(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, keys)
    till = await terminal(session, restaurant)
    with pytest.raises(InsufficientFundsError):
        await service.charge(session, keys, RULES, till, tap(), 100)  # no wallet yet
    await service.top_up_cash(session, keys, RULES, till, tap(), 1_000, actor="staff:x")
    before = await _transfers(session)
    with pytest.raises(InsufficientFundsError):
        await service.charge(session, keys, RULES, till, tap(), 1_001)
    assert await _transfers(session) == before
    await service.charge(session, keys, RULES, till, tap(), 1_000)
    await _clean(session)


async def test_a_top_up_over_the_wallet_limit_is_refused(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    await visitor(session, keys)
    desk = await terminal(session, hotel)
    await service.top_up_cash(session, keys, RULES, desk, tap(), 45_000, actor="staff:x")
    with pytest.raises(WalletLimitError):
        await service.top_up_cash(session, keys, RULES, desk, tap(), 5_001, actor="staff:x")


async def test_a_revoked_card_and_an_erased_visitor_cannot_be_charged(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, keys)
    till = await terminal(session, restaurant)
    await service.top_up_cash(session, keys, RULES, till, tap(), 5_000, actor="staff:x")
    (card,) = await carriers.list_carriers(session, minji)
    await carriers.revoke(session, minji, card.id)
    before = await _transfers(session)
    with pytest.raises(CarrierNotFoundError):
        await service.charge(session, keys, RULES, till, tap(), 100)

    other = await visitor(session, keys, card="0A0B0C0D0E0F1011")
    await service.top_up_cash(
        session, keys, RULES, till, tap("0A0B0C0D0E0F1011"), 5_000, actor="staff:x"
    )
    before = await _transfers(session)
    await privacy.erase(session, [other])
    with pytest.raises(CarrierNotFoundError):
        await service.charge(session, keys, RULES, till, tap("0A0B0C0D0E0F1011"), 100)
    assert await _transfers(session) == before
    await _clean(session)


async def test_without_consent_to_pay_here_a_tap_to_consent_request_is_made(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    shop = await merchant(session, "Drugstore", ServicerCategory.retail)
    minji = await visitor(session, keys)  # allows restaurants only
    till = await terminal(session, shop)
    await service.top_up_cash(session, keys, RULES, till, tap(), 5_000, actor="staff:x")
    with pytest.raises(PaymentConsentRequiredError) as refused:
        await service.charge(session, keys, RULES, till, tap(), 100)
    asked = await session.scalar(
        sa.select(ConsentRequest).where(
            ConsentRequest.id == refused.value.extra["consent_request"]["id"]
        )
    )
    assert asked is not None
    assert asked.visitor_id == minji


async def test_a_terminal_not_set_up_for_payment_cannot_charge(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, keys)
    till = await terminal(session, restaurant)
    elsewhere = type(till)(**{**till.__dict__, "purposes": ("food_service",)})
    with pytest.raises(PurposeNotForTerminalError):
        await service.charge(session, keys, RULES, elsewhere, tap(), 100)


async def test_partial_refunds_add_up_to_the_charge_and_no_further(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, keys)
    till = await terminal(session, restaurant)
    await service.top_up_cash(session, keys, RULES, till, tap(), 5_000, actor="staff:x")
    charged = await service.charge(session, keys, RULES, till, tap(), 3_000)
    await service.refund(session, restaurant.id, charged.id, 1_000)
    await service.refund(session, restaurant.id, charged.id, 1_500)
    with pytest.raises(RefundExceedsChargeError):
        await service.refund(session, restaurant.id, charged.id, 501)
    rest = await service.refund(session, restaurant.id, charged.id)
    assert rest.amount == 500
    with pytest.raises(RefundExceedsChargeError):
        await service.refund(session, restaurant.id, charged.id)
    await _clean(session)


async def test_another_servicer_cannot_refund_a_charge(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    from omotenashi.payments.errors import OperationNotFoundError

    restaurant = await merchant(session, "Sushi Ginza")
    other = await merchant(session, "Ramen Ueno")
    await visitor(session, keys)
    till = await terminal(session, restaurant)
    await service.top_up_cash(session, keys, RULES, till, tap(), 5_000, actor="staff:x")
    charged = await service.charge(session, keys, RULES, till, tap(), 3_000)
    with pytest.raises(OperationNotFoundError):
        await service.refund(session, other.id, charged.id, 1_000)


async def test_a_hotel_deposit_is_held_captured_in_part_and_the_rest_released(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    minji = await visitor(session, keys, pays_at=ServicerCategory.hotel)
    desk = await terminal(session, hotel)
    await service.top_up_cash(session, keys, RULES, desk, tap(), 20_000, actor="staff:x")
    held = await service.hold(session, keys, RULES, desk, tap(), 10_000)
    assert (await service.wallet(session, minji)).balance.available == 10_000
    with pytest.raises(CaptureExceedsHoldError):
        await service.capture(session, RULES, hotel.id, held.id, 10_001)
    captured = await service.capture(session, RULES, hotel.id, held.id, 7_500)
    assert captured.amount == 7_500
    balance = (await service.wallet(session, minji)).balance
    assert (balance.available, balance.held) == (12_500, 0)
    with pytest.raises(HoldNotOpenError):
        await service.release(session, hotel.id, held.id)
    await _clean(session)


async def test_an_expired_hold_is_released_by_the_job(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    minji = await visitor(session, keys, pays_at=ServicerCategory.hotel)
    desk = await terminal(session, hotel)
    await service.top_up_cash(session, keys, RULES, desk, tap(), 20_000, actor="staff:x")
    held = await service.hold(
        session, keys, RULES, desk, tap(), 8_000, expires_in=timedelta(days=1)
    )
    later = datetime.now(UTC) + timedelta(days=2)
    with pytest.raises(HoldNotOpenError):
        await service.capture(session, RULES, hotel.id, held.id, now=later)
    assert await service.release_expired_holds(session, later) == 1
    assert await service.release_expired_holds(session, later) == 0
    assert (await service.wallet(session, minji)).balance.available == 20_000
    await _clean(session)


async def test_tax_lines_must_add_up_to_the_amount(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    restaurant = await merchant(session, "Sushi Ginza")
    await visitor(session, keys)
    till = await terminal(session, restaurant)
    await service.top_up_cash(session, keys, RULES, till, tap(), 5_000, actor="staff:x")
    with pytest.raises(InvalidAmountError):
        await service.charge(session, keys, RULES, till, tap(), 3_000, tax_lines={"10": 100})
    with pytest.raises(InvalidAmountError):
        await service.charge(session, keys, RULES, till, tap(), 3_000, tax_lines={"5": 3_000})
    charged = await service.charge(
        session, keys, RULES, till, tap(), 3_000, tax_lines={"10": 1_000, "8": 2_000}
    )
    assert charged.tax_lines == {"10": 1_000, "8": 2_000}


async def test_erasure_keeps_the_transfers_naming_the_visitor_only_by_pairwise_subject(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    from omotenashi.payments.errors import WalletClosedError

    restaurant = await merchant(session, "Sushi Ginza")
    minji = await visitor(session, keys)
    till = await terminal(session, restaurant)
    await service.top_up_cash(session, keys, RULES, till, tap(), 5_000, actor="staff:x")
    charged = await service.charge(session, keys, RULES, till, tap(), 3_000)
    before = await _transfers(session)
    await privacy.erase(session, [minji])
    assert await _transfers(session) == before
    owner = await session.scalar(
        sa.text("SELECT visitor_id FROM ledger_accounts WHERE kind = 'wallet' AND id = :id"),
        {"id": (await session.get(PaymentOperation, charged.id)).wallet_id},  # type: ignore[union-attr]
    )
    assert owner is None
    kept = await service.operation(session, restaurant.id, charged.id)
    assert kept.subject == charged.subject
    with pytest.raises(WalletClosedError):
        await service.refund(session, restaurant.id, charged.id, 100)
    await _clean(session)
