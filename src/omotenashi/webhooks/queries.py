"""The statements that scope webhook rows to a servicer: every read of them starts here."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from omotenashi.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent


def endpoints_of(servicer_id: uuid.UUID) -> sa.Select[WebhookEndpoint]:
    return sa.select(WebhookEndpoint).where(WebhookEndpoint.servicer_id == servicer_id)


def deliveries_of(
    servicer_id: uuid.UUID,
) -> sa.Select[WebhookDelivery, WebhookEvent, WebhookEndpoint]:
    """Deliveries with their event and endpoint, of the servicer's own endpoints only."""
    return (
        sa.select(WebhookDelivery, WebhookEvent, WebhookEndpoint)
        .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookEndpoint.servicer_id == servicer_id)
    )


def subscribed(event_type: str) -> sa.Select[WebhookEndpoint]:
    """Enabled endpoints that asked for ``event_type`` (of any servicer: narrow it further)."""
    return sa.select(WebhookEndpoint).where(
        WebhookEndpoint.disabled_at.is_(None),
        sa.literal(event_type) == sa.any_(WebhookEndpoint.events),
    )
