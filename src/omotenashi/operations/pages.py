"""The operator's console: headline counts, servicers and their purposes to approve or suspend,
terminals the platform suspended and why, and the audit log with the state of its chain."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import web
from omotenashi.auth.dependencies import ForOperators, PageStaff
from omotenashi.deps import Session
from omotenashi.operations import audit_labels, service
from omotenashi.security import audit
from omotenashi.servicers import service as servicers
from omotenashi.servicers.categories import PURPOSE_STATES, SERVICER_STATES, category_label
from omotenashi.servicers.models import ServicerState
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.staff import service as staff
from omotenashi.text import Text

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
operator_forms = web.form_router(ForOperators)
operator_pages = web.page_router(ForOperators)


@operator_pages.get("/operator", response_class=HTMLResponse)
async def console(request: Request, session: Session) -> Response:
    language = web.request_language(request)
    listing = await servicers.listing(session)
    context = {
        "headlines": await service.headlines(session, datetime.now(UTC)),
        "servicers": [
            {
                "id": s.id,
                "name": s.name,
                "name_ja": s.name_ja,
                "category": category_label(str(s.category), language.code),
                "state": str(s.state),
                "purposes": [
                    (p.purpose, PURPOSES[PurposeKey(p.purpose)].label(language.code), str(p.state))
                    for p in s.purposes
                ],
            }
            for s in listing
        ],
        "suspended": [
            (t.label, t.servicer_name, web.when(t.at, language))
            for t in await service.suspended_terminals(session)
        ],
        "servicer_states": SERVICER_STATES,
        "purpose_states": PURPOSE_STATES,
    }
    entries = await audit.recent(session, limit=50)
    names = await staff.display_names(session, audit_labels.staff_ids(e.actor for e in entries))
    context["entries"] = [
        (
            e.id,
            web.when(e.at, language),
            audit_labels.actor(e.actor, names, language.code),
            audit_labels.action(e.action, language.code),
            audit_labels.target(e.target, language.code),
        )
        for e in entries
    ]
    # Last: the walk over the whole chain detaches what it read from the session.
    context["chain"] = await audit.verify(session)
    return web.render(request, "operator/console.html", context)


@operator_forms.post("/operator/servicers/{servicer_id}/state", response_class=HTMLResponse)
async def set_state(
    servicer_id: uuid.UUID,
    session: Session,
    me: PageStaff,
    state: Annotated[ServicerState, Form()],
    reason: Annotated[Text, Form(max_length=500)] = "",
) -> Response:
    await servicers.set_state(session, servicer_id, state, reason, actor=me.actor)
    return web.redirect("/operator#servicers")


@operator_forms.post(
    "/operator/servicers/{servicer_id}/purposes/{purpose}", response_class=HTMLResponse
)
async def decide_purpose(
    servicer_id: uuid.UUID,
    purpose: PurposeKey,
    session: Session,
    me: PageStaff,
    approve: Annotated[bool, Form()],
) -> Response:
    await servicers.decide_purpose(session, servicer_id, purpose, approve=approve, actor=me.actor)
    return web.redirect("/operator#servicers")


router.include_router(operator_forms)
router.include_router(operator_pages)
