"""The console's sandbox pages (Japanese first): the servicer's test visitors, each with its
test IC card, a QR simulator showing the rotating code its phone would, and the consent
requests waiting for it, answered with a button. Every form is CSRF-checked by the router."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from omotenashi import web
from omotenashi.auth.dependencies import ForServicerAdmins
from omotenashi.deps import Session, platform_keys
from omotenashi.sandbox import service
from omotenashi.sandbox.dependencies import ConsoleAdmin
from omotenashi.sandbox.errors import InvalidSandboxVisitorError, SandboxFullError
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import PurposeState
from omotenashi.servicers.purposes import PURPOSES, PurposeKey

PATH = "/console/sandbox"
router = web.page_router(ForServicerAdmins)
forms = web.form_router(ForServicerAdmins)


def _servicer(me: ConsoleAdmin) -> uuid.UUID:
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


async def _page(request: Request, session: Session, me: ConsoleAdmin, status: int) -> Response:
    found = await service.list_visitors(session, platform_keys(request), _servicer(me))
    context = {"visitors": found, "failed": status != 200}
    return web.render(request, "console/sandbox.html", context, status=status)


@router.get(PATH, response_class=HTMLResponse)
async def sandbox_page(request: Request, session: Session, me: ConsoleAdmin) -> Response:
    return await _page(request, session, me, 200)


@forms.post(PATH, response_class=HTMLResponse)
async def create_visitor(
    request: Request,
    session: Session,
    me: ConsoleAdmin,
    label: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        made = await service.create_visitor(
            session,
            platform_keys(request),
            _servicer(me),
            label=label,
            language=web.request_language(request).code,
            actor=me.actor,
        )
    except (InvalidSandboxVisitorError, SandboxFullError):
        return await _page(request, session, me, 422)
    return web.redirect(f"{PATH}/{made.id}")


@router.get(PATH + "/{visitor_id}", response_class=HTMLResponse)
async def simulator(
    visitor_id: uuid.UUID, request: Request, session: Session, me: ConsoleAdmin
) -> Response:
    servicer_id = _servicer(me)
    language = web.request_language(request)
    visitor = await service.get_visitor(session, platform_keys(request), servicer_id, visitor_id)
    waiting = await service.pending_requests(session, servicer_id, visitor_id)
    servicer = await servicers.get(session, servicer_id)
    context = {
        "visitor": visitor,
        "waiting": waiting,
        "purpose_names": {key.value: p.label(language.code) for key, p in PURPOSES.items()},
        "approved_purposes": [
            (p.purpose, PURPOSES[PurposeKey(p.purpose)].label(language.code))
            for p in servicer.purposes
            if p.state is PurposeState.approved
        ],
    }
    return web.render(request, "console/sandbox_visitor.html", context)


@router.get(PATH + "/{visitor_id}/qr")
async def simulator_code(
    visitor_id: uuid.UUID, request: Request, session: Session, me: ConsoleAdmin
) -> JSONResponse:
    """The code the simulated phone shows now, fetched by the page's script as it rotates."""
    payload, expires_in = await service.qr_code(
        session, platform_keys(request), _servicer(me), visitor_id
    )
    return JSONResponse(
        {"payload": payload, "expires_in": expires_in}, headers={"Cache-Control": "no-store"}
    )


@forms.post(PATH + "/{visitor_id}/requests/{request_id}/{answer}", response_class=HTMLResponse)
async def answer_request(
    visitor_id: uuid.UUID,
    request_id: uuid.UUID,
    answer: Literal["accept", "decline"],
    request: Request,
    session: Session,
    me: ConsoleAdmin,
) -> Response:
    await service.answer(
        session, platform_keys(request), _servicer(me), request_id, accept=answer == "accept"
    )
    return web.redirect(f"{PATH}/{visitor_id}")


@forms.post(PATH + "/{visitor_id}/grant", response_class=HTMLResponse)
async def grant(
    visitor_id: uuid.UUID,
    request: Request,
    session: Session,
    me: ConsoleAdmin,
    purpose: Annotated[PurposeKey, Form()],
) -> Response:
    await service.grant(session, platform_keys(request), _servicer(me), visitor_id, purpose)
    return web.redirect(f"{PATH}/{visitor_id}")
