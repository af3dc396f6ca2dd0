"""The card payment provider: an interface, and its adapter for Stripe.

A card top-up is a Stripe PaymentIntent that the visitor confirms on Stripe's own hosted page
(a Checkout Session in ``payment`` mode creates and confirms the intent; Stripe's scripts
never run on our pages, whose Content-Security-Policy allows only our own). The wallet is
credited only when Stripe's webhook, its signature verified, says the intent succeeded.

Stripe's shapes, as documented: requests are form-encoded with bracketed keys
(``metadata[top_up_id]=…``), authenticated with ``Authorization: Bearer sk_…`` and made
idempotent with ``Idempotency-Key``; a webhook's ``Stripe-Signature`` header is
``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the endpoint's whsec_ secret>``
(several ``v1`` when secrets roll), and a timestamp more than 5 minutes off is refused.
A refund is ``POST /v1/refunds`` naming the ``payment_intent`` and the ``amount``, answered
with a Refund object (``id`` ``re_…``, ``status`` ``pending``, ``requires_action``,
``succeeded``, ``failed`` or ``canceled``); the same ``Idempotency-Key`` within 24 hours gets the
first answer again, never a second refund.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from omotenashi import tls
from omotenashi.config import Settings
from omotenashi.payments.errors import (
    CardPaymentsUnavailableError,
    CardRefundFailedError,
    ProviderSignatureError,
)

SIGNATURE_TOLERANCE_S = 300


@dataclass(frozen=True)
class HostedPayment:
    """Where to send the visitor to pay, and the provider's id for it."""

    session_id: str
    url: str


@dataclass(frozen=True)
class PaidEvent:
    """A verified webhook event saying a payment succeeded."""

    event_id: str
    session_id: str | None
    payment_intent: str | None
    amount: int
    currency: str
    metadata: dict[str, str]


@dataclass(frozen=True)
class CardRefund:
    """A refund the provider accepted (made, or on its way to the card)."""

    refund_id: str
    status: str


class PaymentProvider(Protocol):
    async def start(
        self, *, amount: int, top_up_id: str, success_url: str, cancel_url: str
    ) -> HostedPayment: ...

    async def refund(self, *, payment_intent: str, amount: int, top_up_id: str) -> CardRefund:
        """Give ``amount`` of the payment back to the card, once per top-up however often it
        is asked; :class:`CardRefundFailedError` when the provider did not."""
        ...

    def verify(self, payload: bytes, signature: str, now: float | None = None) -> PaidEvent | None:
        """The event, if it is a success we act on; None for any other verified event;
        :class:`ProviderSignatureError` if it does not verify."""
        ...


class StripeProvider:
    def __init__(
        self, secret_key: str, webhook_secret: str | None, api_base: str, timeout: float = 20
    ) -> None:
        self._secret_key = secret_key
        self._webhook_secret = webhook_secret
        self._api_base = api_base.rstrip("/")
        self._timeout = timeout

    async def start(
        self, *, amount: int, top_up_id: str, success_url: str, cancel_url: str
    ) -> HostedPayment:
        form = {
            "mode": "payment",
            "success_url": success_url,
            "cancel_url": cancel_url,
            "line_items[0][quantity]": "1",
            "line_items[0][price_data][currency]": "jpy",
            "line_items[0][price_data][unit_amount]": str(amount),
            "line_items[0][price_data][product_data][name]": "Omotenashi wallet top-up",
            "client_reference_id": top_up_id,
            "metadata[top_up_id]": top_up_id,
            "payment_intent_data[metadata][top_up_id]": top_up_id,
        }
        async with httpx.AsyncClient(timeout=self._timeout, verify=tls.trusted()) as http:
            answer = await http.post(
                f"{self._api_base}/v1/checkout/sessions",
                data=form,
                headers={
                    "Authorization": f"Bearer {self._secret_key}",
                    "Idempotency-Key": f"top-up-{top_up_id}",
                },
            )
        if answer.status_code >= 400:
            raise CardPaymentsUnavailableError(
                "The card payment provider refused to start the payment; try again later."
            )
        body = answer.json()
        return HostedPayment(session_id=str(body["id"]), url=str(body["url"]))

    async def refund(self, *, payment_intent: str, amount: int, top_up_id: str) -> CardRefund:
        form = {
            "payment_intent": payment_intent,
            "amount": str(amount),
            "metadata[top_up_id]": top_up_id,
            "metadata[reason]": "wallet_limit",
        }
        try:
            async with httpx.AsyncClient(timeout=self._timeout, verify=tls.trusted()) as http:
                answer = await http.post(
                    f"{self._api_base}/v1/refunds",
                    data=form,
                    headers={
                        "Authorization": f"Bearer {self._secret_key}",
                        "Idempotency-Key": f"refund-top-up-{top_up_id}",
                    },
                )
        except httpx.HTTPError as exc:
            raise CardRefundFailedError("The payment provider could not be reached.") from exc
        body = (
            answer.json()
            if answer.headers.get("content-type", "").startswith("application/json")
            else {}
        )
        if answer.status_code >= 400 or body.get("status") in ("failed", "canceled"):
            raise CardRefundFailedError("The payment provider did not refund the card payment.")
        return CardRefund(refund_id=str(body["id"]), status=str(body.get("status", "")))

    def verify(self, payload: bytes, signature: str, now: float | None = None) -> PaidEvent | None:
        if not self._webhook_secret:
            raise ProviderSignatureError("No webhook secret is configured.")
        parts: dict[str, list[str]] = {}
        for item in signature.split(","):
            key, _, value = item.strip().partition("=")
            parts.setdefault(key, []).append(value)
        try:
            timestamp = int(parts["t"][0])
        except (KeyError, ValueError) as exc:
            raise ProviderSignatureError() from exc
        if abs((now or time.time()) - timestamp) > SIGNATURE_TOLERANCE_S:
            raise ProviderSignatureError("The webhook's timestamp is too old.")
        expected = hmac.new(
            self._webhook_secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
        ).hexdigest()
        if not any(hmac.compare_digest(expected, given) for given in parts.get("v1", [])):
            raise ProviderSignatureError()
        return _paid(json.loads(payload))


def _paid(event: dict[str, Any]) -> PaidEvent | None:
    """A paid Checkout Session (``checkout.session.completed`` with ``payment_status`` paid) or
    a succeeded PaymentIntent; nothing else moves money here."""
    kind = event.get("type")
    thing = event.get("data", {}).get("object", {})
    if kind == "checkout.session.completed" and thing.get("payment_status") == "paid":
        return PaidEvent(
            event_id=str(event["id"]),
            session_id=str(thing["id"]),
            payment_intent=thing.get("payment_intent"),
            amount=int(thing["amount_total"]),
            currency=str(thing["currency"]),
            metadata=dict(thing.get("metadata") or {}),
        )
    return None


def provider(settings: Settings) -> PaymentProvider:
    """The configured provider; without a key, card top-up is not available (and says so)."""
    if settings.stripe_secret_key is None:
        raise CardPaymentsUnavailableError(
            "Card top-up is not available: no payment provider is configured."
        )
    secret = settings.stripe_webhook_secret
    return StripeProvider(
        settings.stripe_secret_key.get_secret_value(),
        secret.get_secret_value() if secret else None,
        settings.stripe_api_base,
    )
