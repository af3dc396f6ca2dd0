"""The servicer's webhook API: endpoints, their secrets, the delivery log and replays."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from omotenashi.deps import Session, platform_keys
from omotenashi.webhooks import service
from omotenashi.webhooks.dependencies import WebhookAdmin, allow_loopback
from omotenashi.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from omotenashi.webhooks.schemas import (
    DeliveryOut,
    EndpointCreated,
    EndpointIn,
    EndpointOut,
    EventTypeOut,
)

public = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
router = APIRouter(prefix="/v1/servicer", tags=["webhooks"])


def delivery_out(delivery: WebhookDelivery, event: WebhookEvent) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.id,
        event_id=event.id,
        webhook_id=service.message_id(event),
        type=event.type,
        endpoint_id=delivery.endpoint_id,
        state=delivery.state,
        attempts=delivery.attempts,
        created_at=delivery.created_at,
        last_attempt_at=delivery.last_attempt_at,
        next_attempt_at=delivery.next_attempt_at,
        last_status=delivery.last_status,
        last_error=delivery.last_error,
        delivered_at=delivery.delivered_at,
    )


def _out(endpoint: WebhookEndpoint) -> EndpointOut:
    return EndpointOut.model_validate(endpoint)


@public.get("/event-types", response_model=list[EventTypeOut], summary="Every webhook event type")
async def event_types() -> list[EventTypeOut]:
    """Public: the events an endpoint can subscribe to, and what each tells."""
    return [EventTypeOut(type=name, description=text) for name, text in service.EVENT_TYPES.items()]


@router.get("/webhooks", response_model=list[EndpointOut], summary="My webhook endpoints")
async def list_endpoints(admin: WebhookAdmin, session: Session) -> list[EndpointOut]:
    """List your webhook endpoints with their events and whether they are enabled."""
    return [_out(e) for e in await service.endpoints(session, admin.servicer_id, live=admin.live)]


@router.post(
    "/webhooks",
    response_model=EndpointCreated,
    status_code=201,
    summary="Register a webhook endpoint (its secret is shown once)",
)
async def create_endpoint(
    body: EndpointIn,
    admin: WebhookAdmin,
    session: Session,
    request: Request,
    loopback: Annotated[bool, Depends(allow_loopback)],
) -> EndpointCreated:
    """Events are POSTed as JSON signed per Standard Webhooks 1.0 (`webhook-id`,
    `webhook-timestamp`, `webhook-signature`); verify with the secret returned here."""
    endpoint, secret = await service.create_endpoint(
        session,
        platform_keys(request),
        admin.servicer_id,
        url=body.url,
        events=body.events,
        description=body.description,
        actor=admin.actor,
        allow_loopback=loopback,
        live=body.live if admin.live is None else admin.live,
    )
    return EndpointCreated(endpoint=_out(endpoint), secret=secret)


@router.delete("/webhooks/{endpoint_id}", status_code=204, summary="Delete a webhook endpoint")
async def delete_endpoint(
    endpoint_id: uuid.UUID, admin: WebhookAdmin, session: Session
) -> Response:
    """Delete a webhook endpoint; nothing more is delivered to it."""
    await service.delete_endpoint(
        session, admin.servicer_id, endpoint_id, actor=admin.actor, live=admin.live
    )
    return Response(status_code=204)


@router.post(
    "/webhooks/{endpoint_id}/rotate",
    response_model=EndpointCreated,
    summary="Rotate an endpoint's secret (the old one keeps signing for 24 hours)",
)
async def rotate_secret(
    endpoint_id: uuid.UUID, admin: WebhookAdmin, session: Session, request: Request
) -> EndpointCreated:
    """For 24 hours each delivery carries two signatures, by the new secret and the old, so a
    receiver can switch to the new one without losing an event."""
    endpoint, secret = await service.rotate_secret(
        session,
        platform_keys(request),
        admin.servicer_id,
        endpoint_id,
        actor=admin.actor,
        live=admin.live,
    )
    return EndpointCreated(endpoint=_out(endpoint), secret=secret)


@router.post(
    "/webhooks/{endpoint_id}/enable",
    response_model=EndpointOut,
    summary="Enable an endpoint again after it was disabled for failing",
)
async def enable_endpoint(
    endpoint_id: uuid.UUID, admin: WebhookAdmin, session: Session
) -> EndpointOut:
    """Enable an endpoint again after it was disabled for failing, once it answers again."""
    found = await service.enable_endpoint(
        session, admin.servicer_id, endpoint_id, actor=admin.actor, live=admin.live
    )
    return _out(found)


@router.get(
    "/webhooks/{endpoint_id}/deliveries",
    response_model=list[DeliveryOut],
    summary="An endpoint's delivery log, newest first",
)
async def deliveries(
    endpoint_id: uuid.UUID,
    admin: WebhookAdmin,
    session: Session,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[DeliveryOut]:
    """Read an endpoint's delivery log, newest first, with each attempt's response status, to find
    why deliveries fail."""
    rows = await service.deliveries(
        session, admin.servicer_id, endpoint_id=endpoint_id, limit=limit, live=admin.live
    )
    return [delivery_out(d, e) for d, e, _ in rows]


@router.post(
    "/webhook-deliveries/{delivery_id}/replay",
    response_model=DeliveryOut,
    status_code=202,
    summary="Send a delivery again now, with the same webhook-id",
)
async def replay(delivery_id: uuid.UUID, admin: WebhookAdmin, session: Session) -> DeliveryOut:
    """Deliver an event again now, with the same `webhook-id` (after fixing your endpoint)."""
    delivery = await service.replay(session, admin.servicer_id, delivery_id, live=admin.live)
    event = await session.get(WebhookEvent, delivery.event_id)
    assert event is not None
    return delivery_out(delivery, event)
