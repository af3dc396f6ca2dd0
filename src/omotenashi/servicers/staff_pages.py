"""A servicer's administrator adds and disables its staff on the console."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import web
from omotenashi.auth.dependencies import ForServicerAdmins, PageStaff
from omotenashi.deps import Session, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.servicers import console
from omotenashi.staff import service
from omotenashi.staff.errors import (
    CannotDisableSelfError,
    InvalidStaffError,
    StaffExistsError,
)
from omotenashi.staff.models import Role

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
admin_forms = web.form_router(ForServicerAdmins)

# --- A servicer's staff, on its console: add (the authenticator set-up shown once), disable ----

EMAIL_NEEDED = N_("Give a valid e-mail address.")
PASSWORD_TOO_SHORT = N_("Use at least 12 characters.")
STAFF_MESSAGES = {
    "display_name": N_("Give the staff member's name."),
    "email": EMAIL_NEEDED,
    "password": PASSWORD_TOO_SHORT,
}
STAFF_TAKEN = N_("This e-mail address is already registered.")
NOT_YOURSELF = N_("You cannot disable your own account.")


@admin_forms.post("/console/staff", response_class=HTMLResponse)
async def add_staff(
    request: Request,
    session: Session,
    me: PageStaff,
    display_name: Annotated[str, Form(max_length=200)] = "",
    email: Annotated[str, Form(max_length=320)] = "",
    role: Annotated[Literal["servicer_staff", "servicer_admin"], Form()] = "servicer_staff",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    servicer_id = console.servicer_of(me)
    language = web.request_language(request)
    try:
        enrolment = await service.create_user(
            session,
            platform_keys(request).derivation,
            email=email,
            display_name=display_name,
            password=password,
            role=Role(role),
            servicer_id=servicer_id,
            actor=me.actor,
        )
    except InvalidStaffError as problem:
        errors, status = console.field_errors(problem, STAFF_MESSAGES, language), 422
    except StaffExistsError:
        errors, status = {"email": web.gettext(language, STAFF_TAKEN)}, 409
    else:
        return web.render(
            request,
            "console/staff_added.html",
            {"member": enrolment.user, "totp_uri": enrolment.totp_uri},
            headers={"Cache-Control": "no-store"},
        )
    typed = {"display_name": display_name, "email": email, "role": role}  # never the password
    return await console.render(
        request, session, servicer_id, status, staff_form=typed, staff_errors=errors
    )


@admin_forms.post("/console/staff/{staff_id}/disable", response_class=HTMLResponse)
async def disable_staff(
    staff_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    servicer_id = console.servicer_of(me)
    try:
        await service.disable(session, servicer_id, staff_id, by=me.staff, actor=me.actor)
    except CannotDisableSelfError:
        return await console.render(request, session, servicer_id, 409, staff_error=NOT_YOURSELF)
    return web.redirect("/console")


router.include_router(admin_forms)
