"""The statements that scope webhook rows to a servicer: every read of them starts here."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from omotenashi.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent


def endpoints_of(servicer_id: uuid.UUID, live: bool | None = None) -> sa.Select[WebhookEndpoint]:
    """The servicer's endpoints; of one mode when ``live`` is given (an API client's: live, or
    its sandbox), both for its signed-in administrators."""
    query = sa.select(WebhookEndpoint).where(WebhookEndpoint.servicer_id == servicer_id)
    return query if live is None else query.where(WebhookEndpoint.live == live)


def deliveries_of(
    servicer_id: uuid.UUID, live: bool | None = None
) -> sa.Select[WebhookDelivery, WebhookEvent, WebhookEndpoint]:
    """Deliveries with their event and endpoint, of the servicer's own endpoints only (of one
    mode when ``live`` is given)."""
    query = (
        sa.select(WebhookDelivery, WebhookEvent, WebhookEndpoint)
        .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookEndpoint.servicer_id == servicer_id)
    )
    return query if live is None else query.where(WebhookDelivery.live == live)


def subscribed(event_type: str, live: bool = True) -> sa.Select[WebhookEndpoint]:
    """Enabled endpoints that asked for ``event_type`` (of any servicer: narrow it further), of
    the event's mode: a live event reaches live endpoints only, a sandbox event sandbox ones."""
    return sa.select(WebhookEndpoint).where(
        WebhookEndpoint.disabled_at.is_(None),
        sa.literal(event_type) == sa.any_(WebhookEndpoint.events),
        WebhookEndpoint.live == live,
    )
