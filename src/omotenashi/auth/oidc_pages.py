"""Signing in with an OpenID Provider, and verifying one's details with it, on the pages.

Two routers, one per kind of caller: ``anyone`` starts a sign-in and receives every provider's
answer; ``visitor`` (signed in) starts a verification of their own details. Each answer is
checked in full by :mod:`omotenashi.auth.oidc`; one that fails a check is refused with a page
in the reader's language, and nobody is signed in.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, web
from omotenashi.auth import oidc
from omotenashi.auth import service as auth
from omotenashi.auth.dependencies import PageVisitor
from omotenashi.deps import Session, client_address, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.security import ratelimit
from omotenashi.text import Text
from omotenashi.visitors import service as visitors

anyone = web.page_router()
anyone_forms = web.form_router()
visitor = web.form_router()

CALLBACK = "/signin/oidc/callback"
BROWSER_COOKIE = "omotenashi_oidc"

REFUSED = {
    oidc.Refusal.state: N_(
        "This sign-in was not started in this browser, has expired, or was already used. "
        "Nothing was changed. Please start again."
    ),
    oidc.Refusal.provider: N_(
        "The identity provider did not sign you in (you may have cancelled). "
        "Nothing was changed. You can try again, or sign in another way."
    ),
    oidc.Refusal.token: N_(
        "The identity provider would not confirm this sign-in: it may have expired or been "
        "used already. Nothing was changed. Please start again."
    ),
    oidc.Refusal.id_token: N_(
        "The identity provider's answer failed our security checks, so we did not use it. "
        "Nothing was changed. Please start again."
    ),
    oidc.Refusal.unavailable: N_(
        "The identity provider cannot be reached just now. Please try again later, or sign "
        "in another way."
    ),
}
TAKEN = N_(
    "This account at the identity provider already belongs to another visitor. Nothing was changed."
)


def directory(request: Request) -> oidc.ProviderDirectory:
    return oidc.directory_of(request.app.state)


def offered(request: Request) -> list[oidc.Offered]:
    return oidc.offered(directory(request), web.request_language(request).code)


def _redirect_uri(request: Request) -> str:
    return web.site_url(request) + CALLBACK


def refused(request: Request, message: str, status: int = 400) -> Response:
    response = web.render(request, "auth/oidc_refused.html", {"message": message}, status=status)
    response.delete_cookie(BROWSER_COOKIE, path="/signin/oidc")
    return response


async def _begin(
    request: Request,
    session: Session,
    provider: str,
    next_path: str,
    visitor_id: uuid.UUID | None = None,
) -> Response:
    try:
        begun = await oidc.begin(
            session,
            directory(request),
            platform_keys(request),
            provider,
            redirect_uri=_redirect_uri(request),
            next_path=web.safe_next(next_path),
            language=web.request_language(request).code,
            visitor_id=visitor_id,
        )
    except oidc.SignInRefusedError as refusal:
        status = 404 if refusal.reason is oidc.Refusal.provider else 503
        language = web.request_language(request)
        return refused(request, web.gettext(language, REFUSED[refusal.reason]), status)
    response = web.redirect(begun.url)
    response.set_cookie(
        BROWSER_COOKIE,
        begun.browser_secret,
        max_age=int(oidc.AUTHORIZATION_LIFETIME.total_seconds()),
        httponly=True,
        # Lax: the provider sends the browser back with a top-level GET, which carries it.
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/signin/oidc",
    )
    return response


@anyone_forms.post("/signin/oidc/{provider}")
async def start_sign_in(
    provider: str,
    request: Request,
    session: Session,
    next: Annotated[Text, Form(max_length=500)] = "/me",
) -> Response:
    return await _begin(request, session, provider, next)


@visitor.post("/me/verify/{provider}")
async def start_verification(
    provider: str, request: Request, session: Session, me: PageVisitor
) -> Response:
    return await _begin(request, session, provider, "/me", me.visitor_id)


@anyone.get(CALLBACK, response_class=HTMLResponse)
async def provider_answer(request: Request, session: Session) -> Response:
    keys = platform_keys(request)
    answer = {key: value for key, value in request.query_params.items() if len(value) <= 2048}
    try:
        completed = await oidc.complete(
            session,
            directory(request),
            keys,
            answer,
            browser_secret=request.cookies.get(BROWSER_COOKIE),
            redirect_uri=_redirect_uri(request),
        )
    except oidc.SignInRefusedError as refusal:
        oidc.log.info("auth.oidc_refused", reason=str(refusal.reason), detail=refusal.detail)
        # The request's language: the visitor's own, as their browser or choice says.
        message = web.gettext(web.request_language(request), REFUSED[refusal.reason])
        status = 503 if refusal.reason is oidc.Refusal.unavailable else 400
        return refused(request, message, status)
    request.state.language = i18n.match_tag(completed.language) or web.request_language(request)
    root, keyring = keys.derivation, keys.keyring
    response: Response
    try:
        if completed.visitor_id is not None:
            await oidc.link(session, root, completed.visitor_id, completed)
            await oidc.store_verified(session, keyring, completed.visitor_id, completed)
            response = web.redirect("/me", notice="saved")
        else:
            response = await _sign_in(request, session, completed)
    except oidc.IdentityTakenError:
        return refused(request, web.gettext(web.request_language(request), TAKEN), 409)
    response.delete_cookie(BROWSER_COOKIE, path="/signin/oidc")
    return response


async def _sign_in(request: Request, session: Session, completed: oidc.Completed) -> Response:
    keys = platform_keys(request)
    found = await oidc.visitor_of(session, keys.derivation, completed)
    to = web.safe_next(completed.next_path)
    if found is not None:
        await oidc.store_verified(session, keys.keyring, found, completed)
        response = web.redirect(to)
        web.start_session(request, response, await auth.start_visitor_session(session, found))
        return response
    await ratelimit.enforce(
        request.app.state.rate_limit_engine,
        visitors.registrations_from(client_address(request)),
        visitors.REGISTRATIONS_PER_ADDRESS,
    )
    created = await visitors.create_visitor(session, keys.keyring, language=completed.language)
    await oidc.link(session, keys.derivation, created.id, completed)
    await oidc.store_verified(session, keys.keyring, created.id, completed)
    response = web.redirect("/register")
    web.start_session(request, response, await auth.start_visitor_session(session, created.id))
    if to != "/me":
        web.remember_return(request, response, to)
    return response
