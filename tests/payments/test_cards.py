"""Card top-up through the Stripe adapter, against a local server answering in Stripe's
documented shapes (the real one cannot be reached here)."""

from __future__ import annotations

import json
import time
import uuid

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.payments import RULES, merchant, tap, terminal, visitor
from tests.payments.stripe_server import (
    SECRET_KEY,
    WEBHOOK_SECRET,
    FakeStripe,
    completed,
    signed,
)

from omotenashi.payments import cards, ledger, service
from omotenashi.payments.errors import (
    CardRefundFailedError,
    ProviderSignatureError,
    WalletLimitError,
)
from omotenashi.payments.models import CardTopUpState, OperationKind
from omotenashi.payments.provider import StripeProvider
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import ServicerCategory


async def test_a_card_top_up_is_credited_once_when_stripes_signed_webhook_says_paid(
    session: AsyncSession, keys: PlatformKeys, fake_stripe: str
) -> None:
    stripe = StripeProvider(SECRET_KEY, WEBHOOK_SECRET, fake_stripe)
    minji = await visitor(session, keys)
    hosted = await cards.start(
        session, RULES, stripe, minji, 20_000, site_url="https://omotenashi.example"
    )
    assert hosted.url.startswith("https://checkout.stripe.com/")
    (sent,) = FakeStripe.received
    assert sent["path"] == "/v1/checkout/sessions"
    assert sent["form"]["line_items[0][price_data][unit_amount]"] == "20000"
    assert sent["form"]["line_items[0][price_data][currency]"] == "jpy"
    assert sent["headers"]["Idempotency-Key"].startswith("top-up-")
    top_up_id = sent["form"]["metadata[top_up_id]"]
    assert (await service.wallet(session, minji)).balance.available == 0  # not before paid

    payload = completed(hosted.session_id, 20_000, top_up_id)
    event = stripe.verify(payload, signed(payload))
    assert event is not None
    credited = await cards.paid(session, RULES, event)
    assert credited is not None
    assert credited.state is CardTopUpState.credited
    again = await cards.paid(session, RULES, event)  # Stripe delivers again
    assert again is not None
    view = await service.wallet(session, minji)
    assert view.balance.available == 20_000
    assert [p.kind for p in view.history] == [OperationKind.card_top_up]
    assert (await ledger.verify(session)).clean


def test_a_webhook_that_does_not_verify_is_refused() -> None:
    stripe = StripeProvider(SECRET_KEY, WEBHOOK_SECRET, "http://unused")
    payload = completed("cs_test_1", 100, "x")
    with pytest.raises(ProviderSignatureError):
        stripe.verify(payload, signed(payload, secret="whsec_other"))
    with pytest.raises(ProviderSignatureError):
        stripe.verify(payload + b" ", signed(payload))
    with pytest.raises(ProviderSignatureError):
        stripe.verify(payload, signed(payload, at=int(time.time()) - 3600))
    with pytest.raises(ProviderSignatureError):
        stripe.verify(payload, "garbage")
    other = json.dumps({"id": "evt_1", "type": "charge.refunded", "data": {"object": {}}})
    assert stripe.verify(other.encode(), signed(other.encode())) is None


async def test_a_card_top_up_above_the_wallet_limit_is_refused_before_paying(
    session: AsyncSession, keys: PlatformKeys, fake_stripe: str
) -> None:
    stripe = StripeProvider(SECRET_KEY, WEBHOOK_SECRET, fake_stripe)
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    minji = await visitor(session, keys)
    await service.top_up_cash(
        session, keys, RULES, await terminal(session, hotel), tap(), 40_000, actor="x"
    )
    with pytest.raises(WalletLimitError):
        await cards.start(session, RULES, stripe, minji, 10_001, site_url="https://x")
    assert FakeStripe.received == []


async def test_without_a_key_card_top_up_says_plainly_it_is_not_available(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.post(
        "/v1/payments/webhooks/stripe", content=b"{}", headers={"stripe-signature": "t=1,v1=x"}
    )
    assert answer.status_code == 404
    assert answer.json()["code"] == "card_top_up_unavailable"


async def _paid_past_the_limit(
    session: AsyncSession, keys: PlatformKeys, stripe: StripeProvider
) -> tuple[uuid.UUID, bytes]:
    """Minji starts a ¥10,000 card top-up with ¥40,000 in her wallet, then pays ¥5,000 in cash
    at the hotel before the card payment's webhook arrives."""
    hotel = await merchant(session, "Hotel Ueno", ServicerCategory.hotel)
    minji = await visitor(session, keys)
    desk = await terminal(session, hotel)
    await service.top_up_cash(session, keys, RULES, desk, tap(), 40_000, actor="x")
    hosted = await cards.start(session, RULES, stripe, minji, 10_000, site_url="https://x")
    top_up_id = FakeStripe.received[-1]["form"]["metadata[top_up_id]"]
    await service.top_up_cash(session, keys, RULES, desk, tap(), 5_000, actor="x")
    return minji, completed(hosted.session_id, 10_000, top_up_id)


async def test_a_card_payment_the_full_wallet_cannot_take_is_refunded_to_the_card_once(
    session: AsyncSession, keys: PlatformKeys, fake_stripe: str
) -> None:
    stripe = StripeProvider(SECRET_KEY, WEBHOOK_SECRET, fake_stripe)
    minji, payload = await _paid_past_the_limit(session, keys, stripe)
    event = stripe.verify(payload, signed(payload))
    assert event is not None
    refused = await cards.paid(session, RULES, event, provider=stripe)
    assert refused is not None
    assert refused.state is CardTopUpState.refunded
    again = await cards.paid(session, RULES, event, provider=stripe)  # Stripe delivers again
    assert again is not None
    assert again.refund_id == refused.refund_id
    asked = [r for r in FakeStripe.received if r["path"] == "/v1/refunds"]
    assert len(asked) == 1
    assert asked[0]["form"]["payment_intent"] == event.payment_intent
    assert asked[0]["form"]["amount"] == "10000"
    assert asked[0]["headers"]["Idempotency-Key"] == f"refund-top-up-{refused.id}"
    assert (await service.wallet(session, minji)).balance.available == 45_000  # untouched
    assert await cards.refunded_recently(session, minji) == [10_000]
    assert (await ledger.verify(session)).clean


async def test_a_refund_the_provider_fails_is_made_on_the_next_delivery_and_only_then(
    session: AsyncSession, keys: PlatformKeys, fake_stripe: str
) -> None:
    stripe = StripeProvider(SECRET_KEY, WEBHOOK_SECRET, fake_stripe)
    _, payload = await _paid_past_the_limit(session, keys, stripe)
    event = stripe.verify(payload, signed(payload))
    assert event is not None
    FakeStripe.failures = 1
    async with session.begin_nested():  # the webhook's transaction, rolled back by its error
        with pytest.raises(CardRefundFailedError):
            await cards.paid(session, RULES, event, provider=stripe)
    assert FakeStripe.refunds == {}
    done = await cards.paid(session, RULES, event, provider=stripe)
    assert done is not None
    assert done.state is CardTopUpState.refunded
    assert len(FakeStripe.refunds) == 1
