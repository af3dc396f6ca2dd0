"""The servicer's console (its state and purposes; its clients' and staff's forms are served by
``clients`` and ``staff``), and joining: an organisation applies with its first administrator."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import web
from omotenashi.auth.dependencies import ForServicerAdmins, PageStaff
from omotenashi.deps import Session, client_address, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.security import ratelimit
from omotenashi.servicers import console as console_page
from omotenashi.servicers import service
from omotenashi.servicers.categories import (
    category_label,
)
from omotenashi.servicers.errors import InvalidServicerError
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.errors import (
    EnrolmentLinkNotValidError,
)

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
admin_forms = web.form_router(ForServicerAdmins)
admin_pages = web.page_router(ForServicerAdmins)
forms = web.form_router()

EMAIL_NEEDED = N_("Give a valid e-mail address.")
PASSWORD_TOO_SHORT = N_("Use at least 12 characters.")


@admin_pages.get("/console", response_class=HTMLResponse)
async def console(request: Request, session: Session, me: PageStaff) -> Response:
    return await console_page.render(request, session, console_page.servicer_of(me))


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
        errors = console_page.field_errors(problem, JOIN_MESSAGES, language)
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
