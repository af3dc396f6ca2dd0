"""A servicer's API clients and terminals on its console: create, rotate, revoke; a secret is
shown once."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import text, web
from omotenashi.auth.dependencies import ForServicerAdmins, PageStaff
from omotenashi.clients import service
from omotenashi.clients.errors import InvalidApiClientError
from omotenashi.clients.models import ClientKind
from omotenashi.deps import Session
from omotenashi.i18n.markers import N_
from omotenashi.servicers import console
from omotenashi.servicers import service as servicers

# Every route here is a servicer administrator's form.
router = APIRouter(include_in_schema=False)
admin_forms = web.form_router(ForServicerAdmins)

LABEL_NEEDED = N_("Give it a name of 1 to 100 characters, such as “Front desk 2”.")


@admin_forms.post("/console/clients", response_class=HTMLResponse)
async def create_client(
    request: Request,
    session: Session,
    me: PageStaff,
    kind: Annotated[ClientKind, Form()],
    # Plain text here and in the forms below: the services' rules (unstorable text included)
    # speak beside the fields.
    label: Annotated[str, Form(max_length=200)] = "",
    location: Annotated[str, Form(max_length=200)] = "",
    purposes: Annotated[list[str] | None, Form()] = None,
    sandbox: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    servicer_id = console.servicer_of(me)
    try:
        client, secret = await service.create_client(
            session,
            servicer_id,
            kind=kind,
            label=label,
            scopes=service.kind_scopes(await servicers.get(session, servicer_id), kind),
            purposes=(purposes or []) if kind is ClientKind.terminal else [],
            location=location.strip() or None,
            actor=me.actor,
            live=not sandbox,
        )
    except InvalidApiClientError as problem:
        unstorable = any(error.code == text.CODE for error in problem.fields)
        error = text.BESIDE_THE_FIELD if unstorable else LABEL_NEEDED
        return await console.render(request, session, servicer_id, 422, error=error)
    return web.render(request, "console/secret.html", {"client": client, "secret": secret})


@admin_forms.post("/console/clients/{client_id}/rotate", response_class=HTMLResponse)
async def rotate(
    client_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    servicer_id = console.servicer_of(me)
    secret = await service.rotate_secret(session, servicer_id, client_id, actor=me.actor)
    client = await service.get(session, servicer_id, client_id)
    return web.render(request, "console/secret.html", {"client": client, "secret": secret})


@admin_forms.post("/console/clients/{client_id}/revoke", response_class=HTMLResponse)
async def revoke(client_id: uuid.UUID, session: Session, me: PageStaff) -> Response:
    await service.revoke(session, console.servicer_of(me), client_id, actor=me.actor)
    return web.redirect("/console")


router.include_router(admin_forms)
