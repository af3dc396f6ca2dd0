"""A local server answering in Stripe's documented shapes (the real one cannot be reached
here), and Stripe's webhook events, signed as Stripe signs them."""

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

import pytest

SECRET_KEY = "sk_test_omotenashi"
WEBHOOK_SECRET = "whsec_" + "c2VjcmV0LWZvci10ZXN0cw=="


class FakeStripe(BaseHTTPRequestHandler):
    """``POST /v1/checkout/sessions`` and ``POST /v1/refunds`` as Stripe answers them (the
    fields we read, and a few), a refund's answer replayed for its Idempotency-Key as Stripe
    does."""

    received: ClassVar[list[dict[str, Any]]] = []
    refunds: ClassVar[dict[str, dict[str, Any]]] = {}  # by Idempotency-Key
    failures: ClassVar[int] = 0  # refunds to answer with an API error before succeeding

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        FakeStripe.received.append(
            {"path": self.path, "form": form, "headers": dict(self.headers.items())}
        )
        if self.headers.get("Authorization") != f"Bearer {SECRET_KEY}":
            self._answer(401, {"error": {"type": "invalid_request_error", "message": "key"}})
            return
        if self.path == "/v1/refunds":
            self._refund(form)
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

    def _refund(self, form: dict[str, str]) -> None:
        key = self.headers.get("Idempotency-Key", "")
        if key not in FakeStripe.refunds and FakeStripe.failures:
            FakeStripe.failures -= 1
            self._answer(500, {"error": {"type": "api_error", "message": "Try again."}})
            return
        FakeStripe.refunds.setdefault(
            key,
            {
                "id": f"re_{uuid.uuid4().hex}",
                "object": "refund",
                "amount": int(form["amount"]),
                "currency": "jpy",
                "payment_intent": form["payment_intent"],
                "metadata": {"top_up_id": form.get("metadata[top_up_id]", "")},
                "status": "succeeded",
            },
        )
        self._answer(200, FakeStripe.refunds[key])

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
    FakeStripe.received, FakeStripe.refunds, FakeStripe.failures = [], {}, 0
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def completed(session_id: str, amount: int, top_up_id: str) -> bytes:
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


def signed(payload: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    timestamp = at or int(time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"
