"""Card top-up through the Stripe adapter, against a local server answering in Stripe's
documented shapes (the real one cannot be reached here)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.payments import RULES, merchant, tap, terminal, visitor

from omotenashi.payments import cards, ledger, service
from omotenashi.payments.errors import ProviderSignatureError, WalletLimitError
from omotenashi.payments.models import CardTopUpState, OperationKind
from omotenashi.payments.provider import StripeProvider
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import ServicerCategory

SECRET_KEY = "sk_test_omotenashi"
WEBHOOK_SECRET = "whsec_" + "c2VjcmV0LWZvci10ZXN0cw=="


class FakeStripe(BaseHTTPRequestHandler):
    """``POST /v1/checkout/sessions`` as Stripe answers it (the fields we read, and a few)."""

    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        FakeStripe.received.append(
            {"path": self.path, "form": form, "headers": dict(self.headers.items())}
        )
        if self.headers.get("Authorization") != f"Bearer {SECRET_KEY}":
            self._answer(401, {"error": {"type": "invalid_request_error", "message": "key"}})
            return
        session_id = f"cs_test_{uuid.uuid4().hex}"
        self._answer(
            200,
            {
                "id": session_id,
                "object": "checkout.session",
                "mode": "payment",
                "amount_total": int(form["line_items[0][price_data][unit_amount]"]),
                "currency": form["line_items[0][price_data][currency]"],
                "client_reference_id": form["client_reference_id"],
                "metadata": {"top_up_id": form["metadata[top_up_id]"]},
                "payment_status": "unpaid",
                "status": "open",
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
            },
        )

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def fake_stripe() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStripe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeStripe.received = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _completed(session_id: str, amount: int, top_up_id: str) -> bytes:
    return json.dumps(
        {
            "id": f"evt_{uuid.uuid4().hex}",
            "object": "event",
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "id": session_id,
                    "object": "checkout.session",
                    "amount_total": amount,
                    "currency": "jpy",
                    "payment_status": "paid",
                    "payment_intent": f"pi_{uuid.uuid4().hex}",
                    "metadata": {"top_up_id": top_up_id},
                }
            },
        }
    ).encode()


def _signed(payload: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    timestamp = at or int(time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


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

    payload = _completed(hosted.session_id, 20_000, top_up_id)
    event = stripe.verify(payload, _signed(payload))
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
    payload = _completed("cs_test_1", 100, "x")
    with pytest.raises(ProviderSignatureError):
        stripe.verify(payload, _signed(payload, secret="whsec_other"))
    with pytest.raises(ProviderSignatureError):
        stripe.verify(payload + b" ", _signed(payload))
    with pytest.raises(ProviderSignatureError):
        stripe.verify(payload, _signed(payload, at=int(time.time()) - 3600))
    with pytest.raises(ProviderSignatureError):
        stripe.verify(payload, "garbage")
    other = json.dumps({"id": "evt_1", "type": "charge.refunded", "data": {"object": {}}})
    assert stripe.verify(other.encode(), _signed(other.encode())) is None


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
