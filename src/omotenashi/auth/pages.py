"""Signing visitors in on the pages: a passkey first, an e-mail code as the fallback.

A first e-mail sign-in creates the visitor, in the language the page was shown in, and goes on to
the registration wizard. Passkey ceremonies are JSON calls from the page's script; they carry the
CSRF token in a header.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Body, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from omotenashi import web
from omotenashi.auth import email_codes, oidc, passkeys
from omotenashi.auth import service as auth
from omotenashi.auth.dependencies import PageVisitor, page_principal
from omotenashi.auth.errors import CodeNotAcceptedError, PasskeyNotAcceptedError
from omotenashi.deps import Session, client_address, platform_keys
from omotenashi.errors import ValidationFailedError
from omotenashi.i18n.markers import N_
from omotenashi.security import ratelimit
from omotenashi.text import Text
from omotenashi.visitors import service as visitors

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
forms = web.form_router()

# A person who mistypes their address asks again; a script sending mail to strangers is stopped,
# per address and per network address.
CODE_LIMIT = ratelimit.Limit(per_minute=3, burst=5)
CODE_LIMIT_PER_CLIENT = ratelimit.Limit(per_minute=10, burst=20)

WRONG_ADDRESS = N_("Please check the e-mail address.")
WRONG_CODE = N_("That code is not right or has expired. Check it, or ask for a new one.")
PASSKEY_FAILED = N_("Your passkey could not be used. Try again, or sign in with an e-mail code.")


def relying_party(request: Request) -> passkeys.RelyingParty:
    """Passkeys belong to the host name the pages are served from, at this exact origin."""
    site = urlsplit(web.site_url(request))
    return passkeys.RelyingParty(
        id=site.hostname or "localhost", origin=f"{site.scheme}://{site.netloc}"
    )


def _offers(request: Request) -> dict[str, Any]:
    """The OpenID Providers this deployment lets visitors sign in with (none unless set up)."""
    language = web.request_language(request).code
    return {"providers": oidc.offered(oidc.directory_of(request.app.state), language)}


async def _sign_in_page(
    request: Request, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    response = web.render(request, "auth/signin.html", context | _offers(request), status=status)
    web.allow_forms_to(response, await oidc.form_targets(oidc.directory_of(request.app.state)))
    return response


def _signed_in(request: Request, started: auth.Started, to: str) -> Response:
    response = web.redirect(to)
    web.start_session(request, response, started)
    return response


@router.get("/signin", response_class=HTMLResponse)
async def sign_in_page(request: Request, session: Session, next: str | None = None) -> Response:
    if isinstance(await page_principal(request, session), auth.VisitorPrincipal):
        return web.redirect(web.safe_next(next))
    return await _sign_in_page(request, {"next": web.safe_next(next)})


@forms.post("/signin/email", response_class=HTMLResponse)
async def send_code(
    request: Request,
    session: Session,
    email: Annotated[Text, Form(max_length=320)] = "",
    next: Annotated[Text, Form(max_length=500)] = "/me",
) -> Response:
    language = web.request_language(request)
    context: dict[str, Any] = {"next": web.safe_next(next), "email": email}
    try:
        address = email_codes.normalise(email)
    except ValidationFailedError:
        context["error"] = WRONG_ADDRESS
        return await _sign_in_page(request, context, status=422)
    account = hashlib.sha256(address.encode()).hexdigest()[:32]
    limits = request.app.state.rate_limit_engine
    sender = client_address(request)
    await ratelimit.enforce(limits, f"email-code-from:{sender}", CODE_LIMIT_PER_CLIENT)
    await ratelimit.enforce(limits, f"email-code:{account}", CODE_LIMIT)
    await email_codes.send_code(session, platform_keys(request).derivation, address, language.code)
    return web.render(request, "auth/code.html", {**context, "email": address})


@forms.post("/signin/code", response_class=HTMLResponse)
async def check_code(
    request: Request,
    session: Session,
    email: Annotated[Text, Form(max_length=320)] = "",
    code: Annotated[Text, Form(max_length=20)] = "",
    next: Annotated[Text, Form(max_length=500)] = "/me",
) -> Response:
    keys = platform_keys(request)
    try:
        verified = await email_codes.verify_code(session, keys.derivation, email, code)
    except (CodeNotAcceptedError, ValidationFailedError):
        context = {"next": web.safe_next(next), "email": email, "error": WRONG_CODE}
        return web.render(request, "auth/code.html", context, status=422)
    visitor_id, to = verified.visitor_id, web.safe_next(next)
    if visitor_id is None:
        # A 429 rolls the request back, code included: it still works after the wait.
        await ratelimit.enforce(
            request.app.state.rate_limit_engine,
            visitors.registrations_from(client_address(request)),
            visitors.REGISTRATIONS_PER_ADDRESS,
        )
        language = web.request_language(request)
        visitor = await visitors.create_visitor(session, keys.keyring, language=language.code)
        await email_codes.link(session, visitor.id, verified)
        # Offered as the contact address on "about you", where the visitor may change or clear it.
        await visitors.update_profile(
            session, keys.keyring, visitor.id, {"email": email_codes.normalise(email)}
        )
        response = _signed_in(
            request, await auth.start_visitor_session(session, visitor.id), "/register"
        )
        # After the wizard, back to what the visitor opened before signing up (a menu, a request).
        if to != "/me":
            web.remember_return(request, response, to)
        return response
    return _signed_in(request, await auth.start_visitor_session(session, visitor_id), to)


@forms.post("/signin/passkey/options")
async def passkey_options(request: Request, session: Session) -> JSONResponse:
    ceremony = await passkeys.authentication_options(session, relying_party(request))
    return JSONResponse({"challenge_id": str(ceremony.challenge_id), "options": ceremony.options})


@forms.post("/signin/passkey")
async def passkey_sign_in(
    request: Request,
    session: Session,
    challenge_id: Annotated[uuid.UUID, Body()],
    credential: Annotated[dict[str, Any], Body()],
    next: Annotated[Text, Body(max_length=500)] = "/me",
) -> JSONResponse:
    language = web.request_language(request)
    try:
        visitor_id = await passkeys.authenticate(
            session, relying_party(request), challenge_id, credential
        )
    except PasskeyNotAcceptedError:
        message = web.gettext(language, PASSKEY_FAILED)
        return JSONResponse({"error": message}, status_code=401)
    started = await auth.start_visitor_session(session, visitor_id)
    response = JSONResponse({"next": web.safe_next(next)})
    web.start_session(request, response, started)
    return response


@forms.post("/passkeys/options")
async def new_passkey_options(request: Request, session: Session, me: PageVisitor) -> JSONResponse:
    ceremony = await passkeys.registration_options(
        session, relying_party(request), me.visitor_id, display_name="Omotenashi Cloud"
    )
    return JSONResponse({"challenge_id": str(ceremony.challenge_id), "options": ceremony.options})


@forms.post("/passkeys")
async def add_passkey(
    request: Request,
    session: Session,
    me: PageVisitor,
    challenge_id: Annotated[uuid.UUID, Body()],
    credential: Annotated[dict[str, Any], Body()],
    label: Annotated[Text, Body(max_length=100)] = "",
) -> JSONResponse:
    language = web.request_language(request)
    try:
        await passkeys.register(
            session,
            relying_party(request),
            me.visitor_id,
            challenge_id,
            credential,
            label or web.gettext(language, N_("My phone")),
        )
    except PasskeyNotAcceptedError:
        return JSONResponse({"error": web.gettext(language, PASSKEY_FAILED)}, status_code=400)
    return JSONResponse({"next": "/me"}, status_code=201)


@forms.post("/signout")
async def sign_out(request: Request, session: Session) -> Response:
    principal = await page_principal(request, session)
    if principal is not None:
        await auth.end(session, principal.session_id)
    response = web.redirect("/")
    web.end_session(response)
    # The offline copy of "My pass" and the phone's QR secret go with the session.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


router.include_router(forms)
