"""Partners' pages: the agency's console (upload travellers, follow and withdraw invitations,
print a link and its QR code) and the traveller's invitation (see what the agency supplied,
correct or remove each item, confirm; then a passkey and the pass, on their own pages)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from omotenashi import i18n, web
from omotenashi.auth import service as auth
from omotenashi.deps import Session, platform_keys
from omotenashi.errors import FieldError
from omotenashi.i18n.markers import N_
from omotenashi.partners import service
from omotenashi.partners.api import MAX_FILE
from omotenashi.partners.dependencies import ForAgencyAdmins, PageAgencyAdmin
from omotenashi.partners.errors import InvalidAnswerError, InvitationNotFoundError
from omotenashi.partners.formats import UnreadableFileError, guess_format
from omotenashi.partners.models import OPEN_STATES, Invitation, InvitationState
from omotenashi.text import Text
from omotenashi.visitors import catalogue

router = APIRouter(include_in_schema=False)
agency_pages = web.page_router(ForAgencyAdmins)
agency_forms = web.form_router(ForAgencyAdmins)
forms = web.form_router()

STATES = {
    InvitationState.sent: N_("Sent"),
    InvitationState.opened: N_("Opened"),
    InvitationState.accepted: N_("Accepted"),
    InvitationState.expired: N_("Expired"),
    InvitationState.withdrawn: N_("Withdrawn"),
}
FILE_NEEDED = N_("Choose a .csv, .json or .xml file of travellers.")
FILE_TOO_LARGE = N_("The file is larger than 64 MiB; split it in two.")
CHECK_FIELD = N_("Please check this.")

# What the traveller may correct, part by part, in the order shown.
PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    "name": (("surname", N_("Surname")), ("given_names", N_("Given names"))),
    "home_address": (
        ("lines", N_("Street address")),
        ("locality", N_("City")),
        ("region", N_("Region")),
        ("postal_code", N_("Postal code")),
        ("country", N_("Country (2 letters)")),
    ),
    "passport": (
        ("number", N_("Passport number")),
        ("issuing_state", N_("Issuing state (3 letters)")),
        ("expiry_date", N_("Expiry date")),
    ),
    "stay": (
        ("arrival", N_("Arrival")),
        ("departure", N_("Departure")),
        ("lodging_municipality", N_("Local government code of your lodging")),
    ),
}
DATES = {"date_of_birth", "passport.expiry_date", "stay.arrival", "stay.departure"}


# --- The agency's console ---------------------------------------------------------------


async def _console(
    request: Request,
    session: Session,
    me: PageAgencyAdmin,
    status: int = 200,
    **extra: object,
) -> Response:
    web.prefer_japanese(request)
    servicer_id = me.staff.servicer_id
    assert servicer_id is not None
    agency = await service.agency(session, servicer_id)
    counts = await service.counts(session, servicer_id)
    context = {
        "agency": agency,
        "counts": counts,
        "pending": counts["sent"] + counts["opened"],
        "invitations": await service.listing(session, servicer_id, limit=200),
        "imports": await service.imports(session, servicer_id),
        "states": {str(k): v for k, v in STATES.items()},
        "open_states": {str(s) for s in OPEN_STATES},
        "result": None,
        "error": None,
        **extra,
    }
    return web.render(request, "partners/console.html", context, status=status)


@agency_pages.get("/partners/console", response_class=HTMLResponse)
async def console(request: Request, session: Session, me: PageAgencyAdmin) -> Response:
    return await _console(request, session, me)


@agency_forms.post("/partners/console/imports", response_class=HTMLResponse)
async def upload(
    request: Request,
    session: Session,
    me: PageAgencyAdmin,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    assert me.staff.servicer_id is not None
    if file is None or not file.filename:
        return await _console(request, session, me, 422, error=FILE_NEEDED)
    data = await file.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        return await _console(request, session, me, 413, error=FILE_TOO_LARGE)
    try:
        form = guess_format(file.filename, file.content_type)
        result = await service.import_travellers(
            session, platform_keys(request), me.staff.servicer_id, data, form, actor=me.actor
        )
    except UnreadableFileError as problem:
        return await _console(request, session, me, 422, error=problem.message)
    return await _console(request, session, me, result=result)


@agency_forms.post("/partners/console/invitations/{invitation_id}/withdraw")
async def withdraw(invitation_id: uuid.UUID, session: Session, me: PageAgencyAdmin) -> Response:
    assert me.staff.servicer_id is not None
    await service.withdraw(session, me.staff.servicer_id, invitation_id, actor=me.actor)
    return web.redirect("/partners/console")


@agency_pages.get(
    "/partners/console/invitations/{invitation_id}/print", response_class=HTMLResponse
)
async def print_invitation(
    invitation_id: uuid.UUID, request: Request, session: Session, me: PageAgencyAdmin
) -> Response:
    """The link and its QR code, to hand to the traveller: nothing of their data."""
    web.prefer_japanese(request)
    assert me.staff.servicer_id is not None
    try:
        invitation = await service.of_agency(session, me.staff.servicer_id, invitation_id)
    except InvitationNotFoundError:
        return web.redirect("/partners/console")
    if invitation.state not in OPEN_STATES or invitation.minor:
        return web.redirect("/partners/console")
    token = service.LinkMaker(platform_keys(request).derivation).token(invitation.id)
    link = web.site_url(request) + service.invitation_path(token)
    return web.render(
        request,
        "partners/print.html",
        {
            "invitation": invitation,
            "link": link,
            "agency": await service.agency(session, me.staff.servicer_id),
        },
    )


# --- The traveller's invitation ------------------------------------------------------------


def _speak(request: Request, invitation: Invitation) -> None:
    """The invitation speaks the traveller's language unless they chose another."""
    if not request.query_params.get("lang"):
        request.state.language = i18n.BY_CODE.get(invitation.language, i18n.DEFAULT)


def _shown(key: str, value: Any) -> dict[str, Any]:
    """One supplied attribute as the form shows it: its parts' values as text."""
    if key in PARTS:
        parts = value if isinstance(value, dict) else {}
        return {
            part: " | ".join(parts[part])
            if isinstance(parts.get(part), list)
            else parts.get(part) or ""
            for part, _ in PARTS[key]
        }
    if isinstance(value, list):
        return {"": ", ".join(str(v) for v in value)}
    return {"": "" if value is None else str(value)}


def _fields(language: i18n.Language, values: dict[str, Any]) -> list[dict[str, Any]]:
    translate = i18n.translations(language.code).gettext
    return [
        {
            "key": key,
            "label": catalogue.get(key).label(language.code),
            "parts": [
                {
                    "name": f"{key}.{part}" if part else key,
                    "label": translate(PARTS[key][i][1]) if key in PARTS else "",
                    "value": text,
                    "date": (f"{key}.{part}" if part else key) in DATES,
                }
                for i, (part, text) in enumerate(_shown(key, values[key]).items())
            ],
        }
        for key in sorted(values, key=_order)
        if key in catalogue.ATTRIBUTES
    ]


_ORDER = (
    "name",
    "date_of_birth",
    "nationality",
    "email",
    "phone",
    "home_address",
    "passport",
    "stay",
    "preferred_languages",
)


def _order(key: str) -> int:
    return _ORDER.index(key) if key in _ORDER else len(_ORDER)


def answer_from(form: FormData, supplied: list[str]) -> dict[str, object | None]:
    """The traveller's answer: each supplied attribute as corrected, or None if removed."""
    answer: dict[str, object | None] = {}
    for key in supplied:
        if form.get(f"remove.{key}"):
            answer[key] = None
            continue
        if key in PARTS:
            value: dict[str, object] = {}
            for part, _ in PARTS[key]:
                text = str(form.get(f"{key}.{part}", "")).strip()
                if not text:
                    continue
                value[part] = (
                    [line.strip() for line in text.split("|") if line.strip()]
                    if part == "lines"
                    else text
                )
            answer[key] = value or None
        elif key == "preferred_languages":
            tags = [t.strip() for t in str(form.get(key, "")).split(",") if t.strip()]
            answer[key] = tags or None
        else:
            answer[key] = str(form.get(key, "")).strip() or None
    return answer


async def _invitation_page(
    request: Request,
    opened: service.Opened,
    values: dict[str, Any],
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    language = web.request_language(request)
    return web.render(
        request,
        "partners/invitation.html",
        {
            "agency": opened.agency.name,
            "fields": _fields(language, values),
            "minors": [
                {
                    "id": str(minor.id),
                    "name": " ".join(
                        p
                        for p in (
                            minor_values.get("name", {}).get("given_names"),
                            minor_values.get("name", {}).get("surname"),
                        )
                        if p
                    ),
                    "fields": _fields(language, minor_values),
                }
                for minor, minor_values in opened.minors
            ],
            "errors": errors or {},
            "until": web.day(opened.invitation.expires_at.date(), language),
        },
        status=status,
    )


@router.get("/invite/{token}", response_class=HTMLResponse)
async def invitation(token: str, request: Request, session: Session) -> Response:
    opened = await service.open_invitation(session, platform_keys(request).keyring, token)
    _speak(request, opened.invitation)
    response = await _invitation_page(request, opened, opened.values)
    response.headers["Cache-Control"] = "no-store"
    # The link is the secret: it never leaves the site in a Referer (same-origin keeps Origin).
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@forms.post("/invite/{token}", response_class=HTMLResponse)
async def confirm(
    token: str,
    request: Request,
    session: Session,
    minors: Annotated[list[Text] | None, Form()] = None,
) -> Response:
    keyring = platform_keys(request).keyring
    form = await request.form()
    opened = await service.open_invitation(session, keyring, token)
    _speak(request, opened.invitation)
    answer = answer_from(form, opened.invitation.supplied_keys)
    try:
        chosen = [uuid.UUID(m) for m in minors or []]
    except ValueError:
        chosen = []
    try:
        accepted = await service.accept(session, keyring, token, answer, minors=chosen)
    except InvalidAnswerError as problem:
        language = web.request_language(request)
        errors = _errors(problem.fields, language)
        shown = {k: v for k, v in answer.items() if v is not None}
        values = {**opened.values, **shown}
        response = await _invitation_page(request, opened, values, errors=errors, status=422)
        response.headers["Cache-Control"] = "no-store"
        return response
    started = await auth.start_visitor_session(session, accepted.visitor_id)
    response = web.render(request, "partners/confirmed.html", {"agency": opened.agency.name})
    web.start_session(request, response, started)
    return response


def _errors(fields: tuple[FieldError, ...], language: i18n.Language) -> dict[str, str]:
    message = web.gettext(language, CHECK_FIELD)
    return {error.field.split(".")[0].split("[")[0]: message for error in fields}


router.include_router(agency_pages)
router.include_router(agency_forms)
router.include_router(forms)
