"""Verifying the platform's webhooks (Standard Webhooks 1.0, through its maintained library).

    verifier = WebhookVerifier(os.environ["OMOTENASHI_WEBHOOK_SECRET"])   # whsec_...
    event = verifier.verify(raw_body, request.headers)   # raises WebhookVerificationError
    if event.type == "consent_request.answered": ...

Pass the body exactly as received (bytes). While a secret is being rotated, give the verifier
both the new and the old one: a delivery signed with either is accepted. A delivery is retried
with the same ``webhook-id``: use ``event.id`` to act on each event once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

__all__ = ["WebhookEvent", "WebhookVerificationError", "WebhookVerifier"]


@dataclass(frozen=True)
class WebhookEvent:
    id: str  # the webhook-id header: the same on every retry of one event
    type: str  # e.g. "consent.granted", "consent_request.answered"
    timestamp: str  # when the event happened (RFC 3339, UTC)
    data: dict[str, Any]  # ids, and ``subject``: the visitor as this servicer knows them

    @property
    def subject(self) -> str | None:
        value = self.data.get("subject")
        return str(value) if value is not None else None


class WebhookVerifier:
    """Checks a delivery's signature and age (five minutes either way) with any of ``secrets``."""

    def __init__(self, *secrets: str) -> None:
        if not secrets:
            raise ValueError("give at least one whsec_ secret")
        self._webhooks = [Webhook(secret) for secret in secrets]

    def verify(self, body: bytes, headers: Mapping[str, str]) -> WebhookEvent:
        plain = {name.lower(): value for name, value in headers.items()}
        failure = WebhookVerificationError("No matching signature found")
        for webhook in self._webhooks:
            try:
                parsed = webhook.verify(body, plain)
            except WebhookVerificationError as exc:
                failure = exc
                continue
            return WebhookEvent(
                id=plain["webhook-id"],
                type=str(parsed["type"]),
                timestamp=str(parsed["timestamp"]),
                data=dict(parsed["data"]),
            )
        raise failure
