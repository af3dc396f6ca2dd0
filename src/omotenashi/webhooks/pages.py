"""The console's webhook page (Japanese first): endpoints, their secrets, the delivery log with
each answer's status and a replay button. Every form is CSRF-checked by the router."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import web
from omotenashi.auth.dependencies import ForServicerAdmins
from omotenashi.deps import Session, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.webhooks import service
from omotenashi.webhooks.dependencies import ConsoleAdmin, allow_loopback
from omotenashi.webhooks.errors import InvalidEndpointError
from omotenashi.webhooks.models import DeliveryState

PATH = "/console/webhooks"
# Reading the page needs an administrator; changing anything also a CSRF token.
router = web.page_router(ForServicerAdmins)
forms = web.form_router(ForServicerAdmins)

STATES = {
    DeliveryState.pending: N_("Waiting to retry"),
    DeliveryState.succeeded: N_("Delivered"),
    DeliveryState.failed: N_("Given up"),
}
NOT_VALID = N_("Give an https address of a public server, and choose at least one event.")


async def _page(
    request: Request, session: Session, me: ConsoleAdmin, status: int = 200, **extra: object
) -> Response:
    assert me.staff.servicer_id is not None
    servicer_id = me.staff.servicer_id
    context = {
        "endpoints": await service.endpoints(session, servicer_id),
        "deliveries": await service.deliveries(session, servicer_id, limit=100),
        "event_types": list(service.EVENT_TYPES),
        "states": STATES,
        "language": web.request_language(request),
        "when": web.when,
        "error": None,
        "secret": None,
        **extra,
    }
    return web.render(request, "console/webhooks.html", context, status=status)


@router.get(PATH, response_class=HTMLResponse)
async def webhooks_page(request: Request, session: Session, me: ConsoleAdmin) -> Response:
    return await _page(request, session, me)


@forms.post(PATH, response_class=HTMLResponse)
async def add_endpoint(
    request: Request,
    session: Session,
    me: ConsoleAdmin,
    loopback: Annotated[bool, Depends(allow_loopback)],
    url: Annotated[str, Form(max_length=2000)] = "",
    description: Annotated[str, Form(max_length=200)] = "",
    events: Annotated[list[str] | None, Form()] = None,
    sandbox: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    assert me.staff.servicer_id is not None
    try:
        endpoint, secret = await service.create_endpoint(
            session,
            platform_keys(request),
            me.staff.servicer_id,
            url=url,
            events=events or [],
            description=description,
            actor=me.actor,
            allow_loopback=loopback,
            live=not sandbox,
        )
    except InvalidEndpointError:
        return await _page(request, session, me, 422, error=NOT_VALID)
    return await _page(request, session, me, secret=(endpoint, secret))


@forms.post(PATH + "/{endpoint_id}/rotate", response_class=HTMLResponse)
async def rotate(
    endpoint_id: uuid.UUID, request: Request, session: Session, me: ConsoleAdmin
) -> Response:
    assert me.staff.servicer_id is not None
    endpoint, secret = await service.rotate_secret(
        session, platform_keys(request), me.staff.servicer_id, endpoint_id, actor=me.actor
    )
    return await _page(request, session, me, secret=(endpoint, secret))


@forms.post(PATH + "/{endpoint_id}/enable", response_class=HTMLResponse)
async def enable(endpoint_id: uuid.UUID, session: Session, me: ConsoleAdmin) -> Response:
    assert me.staff.servicer_id is not None
    await service.enable_endpoint(session, me.staff.servicer_id, endpoint_id, actor=me.actor)
    return web.redirect(PATH)


@forms.post(PATH + "/{endpoint_id}/delete", response_class=HTMLResponse)
async def delete(endpoint_id: uuid.UUID, session: Session, me: ConsoleAdmin) -> Response:
    assert me.staff.servicer_id is not None
    await service.delete_endpoint(session, me.staff.servicer_id, endpoint_id, actor=me.actor)
    return web.redirect(PATH)


@forms.post(PATH + "/deliveries/{delivery_id}/replay", response_class=HTMLResponse)
async def replay(delivery_id: uuid.UUID, session: Session, me: ConsoleAdmin) -> Response:
    assert me.staff.servicer_id is not None
    await service.replay(session, me.staff.servicer_id, delivery_id)
    return web.redirect(PATH)
