"""The counter: a tablet at a hotel desk, a shop till or a restaurant. Staff scan the visitor's
QR code (or read their IC card), pick the purpose and see what the visitor shared, labelled in
Japanese, with the language to serve them in. When consent is missing, the tablet shows the
tap-to-consent code and updates by itself when the visitor answers on their phone."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, web
from omotenashi.auth import oidc
from omotenashi.auth.dependencies import ForServicerStaff, PageStaff
from omotenashi.carriers.errors import CarrierNotFoundError, QrReplayedError
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import QR_PREFIXES
from omotenashi.clients import service as clients
from omotenashi.clients.errors import ApiClientNotFoundError
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.consent import requests as consent_requests
from omotenashi.consent.models import ConsentRequest
from omotenashi.deps import Session, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.resolve import register_card, touchpoint
from omotenashi.resolve.service import Resolution
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.text import Text
from omotenashi.visitors import catalogue, display, validity

# The counter is for a servicer's own people; its forms check CSRF first.
router = APIRouter(include_in_schema=False)
counter_pages = web.page_router(ForServicerStaff)
counter_forms = web.form_router(ForServicerStaff)

DESK_COOKIE = "omotenashi_desk"
# The purpose last looked up at this tablet's desk, as "<terminal id> <purpose>": a hotel desk
# checks guests in all day, and should not start from another purpose on every load.
PURPOSE_COOKIE = "omotenashi_desk_purpose"
NOBODY = N_("No visitor has this card or code. Ask them to show the code on their phone again.")
USED = N_("This code was already used. Ask the visitor to wait for the next code (30 seconds).")
SUSPENDED = N_("This desk's terminal was suspended for unusual use. Call your administrator.")
WRONG_PURPOSE = N_("This desk is not set up for that purpose.")
VERIFIED = N_("verified by %(provider)s on %(date)s")


async def _desk(request: Request, session: Session, me: Any) -> AuthenticatedClient | None:
    chosen = request.cookies.get(DESK_COOKIE)
    if not chosen or me.staff.servicer_id is None:
        return None
    try:
        return await clients.desk_terminal(session, me.staff.servicer_id, uuid.UUID(chosen))
    except (ValueError, ApiClientNotFoundError):
        return None


def _purposes(desk: AuthenticatedClient, language: i18n.Language) -> list[tuple[str, str]]:
    return [(p, PURPOSES[PurposeKey(p)].label(language.code)) for p in desk.purposes]


def _chosen_purpose(request: Request, desk: AuthenticatedClient) -> str | None:
    """The purpose last used at this desk; else the desk's first everyday purpose (emergency
    look-ups are rare, and never the one a desk starts from when it has another)."""
    terminal, _, purpose = request.cookies.get(PURPOSE_COOKIE, "").partition(" ")
    if terminal == str(desk.id) and purpose in desk.purposes:
        return purpose
    everyday = [p for p in desk.purposes if p != PurposeKey.emergency.value]
    return next(iter(everyday or desk.purposes), None)


def _remember_purpose(
    request: Request, response: Response, desk: AuthenticatedClient, purpose: PurposeKey
) -> None:
    response.set_cookie(
        PURPOSE_COOKIE,
        f"{desk.id} {purpose.value}",
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def _verified_marks(
    request: Request, resolution: Resolution, language: i18n.Language
) -> dict[str, str]:
    """Attribute key → "verified by <provider> on <day>", for each value an OpenID Provider
    vouched for: the clerk can tell a verified name from a typed one."""
    providers = oidc.directory_of(request.app.state)
    marks = {}
    for key, found in resolution.verification.items():
        if not found:
            continue
        day = datetime.fromisoformat(found["verified_at"]).astimezone(web.JAPAN).date()
        marks[key] = web.gettext(language, VERIFIED) % {
            "provider": oidc.provider_name(providers, found["verified_by"], language.code),
            "date": web.day(day, language),
        }
    return marks


def _resolution_context(
    request: Request, resolution: Resolution, language: i18n.Language
) -> dict[str, Any]:
    spoken = i18n.match_tag(resolution.language) or i18n.DEFAULT
    return {
        "resolution": resolution,
        "shown": display.shown(resolution.attributes, language.code),
        "verified": _verified_marks(request, resolution, language),
        "speaks_native": spoken.native_name,
        "speaks_here": display.language_name(spoken.code, language.code),
        "purpose_label": PURPOSES[resolution.purpose].label(language.code),
        "missing": [catalogue.get(key).label(language.code) for key in resolution.missing],
        # An expired passport, or one expiring before departure, is named to the clerk.
        "passport_warning": validity.warning(
            resolution.attributes, datetime.now(web.JAPAN).date(), language.code
        ),
        "register": register_card.fields(resolution)
        if resolution.purpose is PurposeKey.hotel_check_in
        else None,
    }


def _asked_context(request: Request, asked: ConsentRequest) -> dict[str, Any]:
    url = f"{web.site_url(request)}{consent_requests.answer_path(asked)}"
    return {"asked": asked, "answer_url": url}


@counter_pages.get("/counter", response_class=HTMLResponse)
async def counter(request: Request, session: Session, me: PageStaff) -> Response:
    language = web.request_language(request)
    desk = await _desk(request, session, me)
    if desk is None:
        assert me.staff.servicer_id is not None
        terminals = await clients.live_terminals(session, me.staff.servicer_id)
        return web.render(request, "counter/desk.html", {"terminals": terminals})
    page = {
        "desk": desk,
        "purposes": _purposes(desk, language),
        "chosen_purpose": _chosen_purpose(request, desk),
    }
    return web.render(request, "counter/counter.html", page)


@counter_forms.post("/counter/desk", response_class=HTMLResponse)
async def choose_desk(
    request: Request,
    session: Session,
    me: PageStaff,
    terminal: Annotated[uuid.UUID | None, Form()] = None,
) -> Response:
    response = web.redirect("/counter")
    if terminal is None:
        response.delete_cookie(DESK_COOKIE, path="/")
        return response
    assert me.staff.servicer_id is not None
    await clients.desk_terminal(session, me.staff.servicer_id, terminal)
    response.set_cookie(
        DESK_COOKIE,
        str(terminal),
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@counter_forms.post("/counter/resolve", response_class=HTMLResponse)
async def resolve(
    request: Request,
    session: Session,
    me: PageStaff,
    purpose: Annotated[PurposeKey, Form()],
    carrier: Annotated[Text, Form(max_length=256)] = "",
) -> Response:
    language = web.request_language(request)
    desk = await _desk(request, session, me)
    if desk is None:
        return web.redirect("/counter")
    presented = carrier.strip().replace(" ", "")
    kind = (
        CarrierKind.qr_device if presented.upper().startswith(QR_PREFIXES) else CarrierKind.ic_card
    )
    problem: str | None = None
    outcome: Any = None
    try:
        outcome = await touchpoint.resolve_at_touchpoint(
            session,
            platform_keys(request),
            desk,
            touchpoint.Presented(kind, presented),
            purpose,
        )
    except CarrierNotFoundError:
        problem = NOBODY
    except QrReplayedError:
        problem = USED
    except (touchpoint.PurposeNotForTerminalError, PurposeNotApprovedError):
        problem = WRONG_PURPOSE
    if isinstance(outcome, touchpoint.TerminalSuspended):
        problem = SUSPENDED
    if problem is not None or outcome is None:
        context = {"problem": problem or NOBODY}
    elif isinstance(outcome, touchpoint.ConsentAsked):
        context = _asked_context(request, outcome.request)
    else:
        context = _resolution_context(request, outcome, language)
    if request.headers.get("hx-request") == "true":
        response = web.render(request, "counter/result.html", context)
    else:
        # Without JavaScript the whole counter comes back, with the answer under the form.
        page = {
            "desk": desk,
            "purposes": _purposes(desk, language),
            "chosen_purpose": purpose.value,
            "result": context,
        }
        response = web.render(request, "counter/counter.html", {**page, **context})
    _remember_purpose(request, response, desk, purpose)
    return response


@counter_pages.get("/counter/requests/{request_id}", response_class=HTMLResponse)
async def answer(
    request_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    """Polled by the waiting counter: the request until the visitor answers, then what they
    allowed."""
    desk = await _desk(request, session, me)
    if desk is None:
        return Response(status_code=204)
    outcome = await touchpoint.resolve_answered(session, platform_keys(request), desk, request_id)
    if isinstance(outcome, ConsentRequest):
        return web.render(request, "counter/result.html", _asked_context(request, outcome))
    if isinstance(outcome, touchpoint.TerminalSuspended):
        return web.render(request, "counter/result.html", {"problem": SUSPENDED})
    return web.render(
        request,
        "counter/result.html",
        _resolution_context(request, outcome, web.request_language(request)),
    )


@counter_forms.post("/counter/register-card.pdf")
async def register_card_pdf(request: Request, me: PageStaff) -> Response:
    """The guest register card as a PDF, from the fields the counter already shows."""
    form = await request.form()
    card = register_card.from_form({k: v for k, v in form.items() if isinstance(v, str)})
    return Response(
        register_card.pdf(card),
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="guest-register.pdf"',
            "Cache-Control": "no-store",
        },
    )


router.include_router(counter_pages)
router.include_router(counter_forms)
