"""The servicer's console: its state and purposes, its API clients and terminals (create,
rotate, revoke; a secret is shown once), and its staff (add, with the authenticator set-up shown
once; disable)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, text, web
from omotenashi.auth.dependencies import ForServicerAdmins, PageStaff
from omotenashi.clients import service as clients
from omotenashi.clients.errors import InvalidApiClientError
from omotenashi.clients.models import ClientKind
from omotenashi.deps import Session, client_address, platform_keys
from omotenashi.errors import AppError
from omotenashi.i18n.markers import N_
from omotenashi.security import ratelimit
from omotenashi.servicers import service
from omotenashi.servicers.categories import (
    CLIENT_KINDS,
    PURPOSE_STATES,
    SERVICER_STATES,
    STAFF_ROLES,
    category_label,
)
from omotenashi.servicers.errors import InvalidServicerError
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.errors import (
    CannotDisableSelfError,
    EnrolmentLinkNotValidError,
    InvalidStaffError,
    StaffExistsError,
)
from omotenashi.staff.models import Role

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
admin_forms = web.form_router(ForServicerAdmins)
admin_pages = web.page_router(ForServicerAdmins)
forms = web.form_router()

LABEL_NEEDED = N_("Give it a name of 1 to 100 characters, such as “Front desk 2”.")
EMAIL_NEEDED = N_("Give a valid e-mail address.")
PASSWORD_TOO_SHORT = N_("Use at least 12 characters.")
STAFF_MESSAGES = {
    "display_name": N_("Give the staff member's name."),
    "email": EMAIL_NEEDED,
    "password": PASSWORD_TOO_SHORT,
}
STAFF_TAKEN = N_("This e-mail address is already registered.")
NOT_YOURSELF = N_("You cannot disable your own account.")


def _field_errors(
    problem: AppError, messages: Mapping[str, str], language: i18n.Language
) -> dict[str, str]:
    """The message of each field ``problem`` names (``purposes[0]`` as ``purposes``), in the
    page's language; fields without a message of their own are left to the page. Text that
    cannot be stored is said to be that, whatever the field."""
    found: dict[str, str] = {}
    for error in problem.fields:
        field = error.field.split("[")[0]
        if field in messages:
            message = text.BESIDE_THE_FIELD if error.code == text.CODE else messages[field]
            found.setdefault(field, web.gettext(language, message))
    return found


def _admin(me: PageStaff) -> uuid.UUID:
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


async def _console(
    request: Request, session: Session, servicer_id: uuid.UUID, status: int = 200, **extra: object
) -> Response:
    language = web.request_language(request)
    servicer = await service.get(session, servicer_id)
    context = {
        "servicer": servicer,
        "category": category_label(str(servicer.category), language.code),
        "purposes": [
            (PURPOSES[PurposeKey(p.purpose)].label(language.code), str(p.state))
            for p in servicer.purposes
        ],
        "approved_purposes": [
            (p.purpose, PURPOSES[PurposeKey(p.purpose)].label(language.code))
            for p in servicer.purposes
            if str(p.state) == "approved"
        ],
        "clients": await clients.list_clients(session, servicer_id),
        # A terminal's purposes by name: its stored keys are never shown.
        "purpose_names": {
            key.value: purpose.label(language.code) for key, purpose in PURPOSES.items()
        },
        "members": await staff.list_staff(session, servicer_id),
        "servicer_states": SERVICER_STATES,
        "purpose_states": PURPOSE_STATES,
        "client_kinds": CLIENT_KINDS,
        "staff_roles": STAFF_ROLES,
        "error": None,
        "staff_error": None,
        "staff_form": {},
        "staff_errors": {},
        **extra,
    }
    return web.render(request, "console/console.html", context, status=status)


@admin_pages.get("/console", response_class=HTMLResponse)
async def console(request: Request, session: Session, me: PageStaff) -> Response:
    return await _console(request, session, _admin(me))


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
) -> Response:
    servicer_id = _admin(me)
    try:
        client, secret = await clients.create_client(
            session,
            servicer_id,
            kind=kind,
            label=label,
            scopes=clients.KIND_SCOPES[kind],
            purposes=(purposes or []) if kind is ClientKind.terminal else [],
            location=location.strip() or None,
            actor=me.actor,
        )
    except InvalidApiClientError as problem:
        unstorable = any(error.code == text.CODE for error in problem.fields)
        error = text.BESIDE_THE_FIELD if unstorable else LABEL_NEEDED
        return await _console(request, session, servicer_id, 422, error=error)
    return web.render(request, "console/secret.html", {"client": client, "secret": secret})


@admin_forms.post("/console/clients/{client_id}/rotate", response_class=HTMLResponse)
async def rotate(
    client_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    servicer_id = _admin(me)
    secret = await clients.rotate_secret(session, servicer_id, client_id, actor=me.actor)
    client = await clients.get(session, servicer_id, client_id)
    return web.render(request, "console/secret.html", {"client": client, "secret": secret})


@admin_forms.post("/console/clients/{client_id}/revoke", response_class=HTMLResponse)
async def revoke(client_id: uuid.UUID, session: Session, me: PageStaff) -> Response:
    await clients.revoke(session, _admin(me), client_id, actor=me.actor)
    return web.redirect("/console")


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
    servicer_id = _admin(me)
    language = web.request_language(request)
    try:
        enrolment = await staff.create_user(
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
        errors, status = _field_errors(problem, STAFF_MESSAGES, language), 422
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
    return await _console(
        request, session, servicer_id, status, staff_form=typed, staff_errors=errors
    )


@admin_forms.post("/console/staff/{staff_id}/disable", response_class=HTMLResponse)
async def disable_staff(
    staff_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    servicer_id = _admin(me)
    try:
        await staff.disable(session, servicer_id, staff_id, by=me.staff, actor=me.actor)
    except CannotDisableSelfError:
        return await _console(request, session, servicer_id, 409, staff_error=NOT_YOURSELF)
    return web.redirect("/console")


# --- Joining: an organisation applies, with its first administrator --------------------------

JOIN_MESSAGES = {
    "name": N_("Give the organisation's name."),
    "name_ja": N_("Give the organisation's name in Japanese."),
    "contact_email": EMAIL_NEEDED,
    "municipality_code": N_("Use the 6-digit local government code, or leave it empty."),
    "purposes": N_("Choose at least one purpose."),
    "email": EMAIL_NEEDED,
    "password": PASSWORD_TOO_SHORT,
    "display_name": N_("Give your name, so that colleagues recognise you."),
}
LINK_GONE = N_("This link no longer works")
LINK_GONE_DETAIL = N_(
    "It has expired, or the account has already signed in. Sign in as usual, or apply again."
)


def _join_context(
    request: Request, form: dict[str, str], errors: dict[str, str]
) -> dict[str, object]:
    language = web.request_language(request)
    return {
        "categories": [(str(c), category_label(str(c), language.code)) for c in ServicerCategory],
        "purposes": [(str(key), p.label(language.code)) for key, p in PURPOSES.items()],
        "form": form,
        "errors": errors,
    }


@router.get("/join", response_class=HTMLResponse)
async def join_page(request: Request) -> Response:
    web.prefer_japanese(request)
    return web.render(request, "console/join.html", _join_context(request, {}, {}))


@forms.post("/join", response_class=HTMLResponse)
async def join(
    request: Request,
    session: Session,
    name: Annotated[str, Form(max_length=200)] = "",
    name_ja: Annotated[str, Form(max_length=200)] = "",
    category: Annotated[ServicerCategory, Form()] = ServicerCategory.hotel,
    contact_email: Annotated[str, Form(max_length=320)] = "",
    municipality_code: Annotated[str, Form(max_length=6)] = "",
    purposes: Annotated[list[PurposeKey] | None, Form()] = None,
    admin_name: Annotated[str, Form(max_length=200)] = "",
    admin_email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    web.prefer_japanese(request)
    language = web.request_language(request)
    await ratelimit.enforce(
        request.app.state.rate_limit_engine,
        service.applications_from(client_address(request)),
        service.APPLICATIONS_PER_ADDRESS,
    )
    try:
        await staff.join(
            session,
            platform_keys(request).derivation,
            organisation={
                "name": name,
                "name_ja": name_ja,
                "category": category,
                "contact_email": contact_email.strip().lower(),
                "municipality_code": municipality_code.strip() or None,
                "purposes": {purpose: "" for purpose in purposes or []},
            },
            email=admin_email,
            display_name=admin_name,
            password=password,
            language=language.code,
            site=web.site_url(request),
        )
    except InvalidServicerError as problem:
        errors = _field_errors(problem, JOIN_MESSAGES, language)
    else:
        # The same page whatever the platform already holds; the e-mail tells the rest.
        return web.render(request, "console/applied.html", {"email": admin_email.strip()})
    typed: dict[str, str] = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    typed.pop("password", None)  # never sent back into a page
    return web.render(request, "console/join.html", _join_context(request, typed, errors), 422)


@router.get("/join/enrol/{token}", response_class=HTMLResponse)
async def finish_joining(token: str, request: Request, session: Session) -> Response:
    """The link e-mailed to a new administrator: the authenticator set-up of their account."""
    web.prefer_japanese(request)
    language = web.request_language(request)
    try:
        enrolment = await staff.enrolment_from_link(
            session, platform_keys(request).derivation, token
        )
    except EnrolmentLinkNotValidError:
        context = {
            "title": web.gettext(language, LINK_GONE),
            "detail": web.gettext(language, LINK_GONE_DETAIL),
        }
        return web.render(request, "error.html", context, 404)
    return web.render(
        request,
        "console/joined.html",
        {"totp_uri": enrolment.totp_uri, "email": enrolment.user.email},
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


router.include_router(admin_forms)
router.include_router(admin_pages)
router.include_router(forms)
