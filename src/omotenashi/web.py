"""Shared pieces of the HTML side: templates, the visitor's language, rendering, CSRF and the
session cookie. Who is signed in is auth's to say (``omotenashi.auth.dependencies``): the kernel
imports no domain."""

from __future__ import annotations

import functools
import secrets
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request, params
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from omotenashi import i18n
from omotenashi.errors import ForbiddenError
from omotenashi.i18n.markers import N_
from omotenashi.japan import JST
from omotenashi.middleware import CONTENT_SECURITY_POLICY

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
LANGUAGE_COOKIE = "lang"
SESSION_COOKIE = "omotenashi_session"
STAFF_COOKIE = "omotenashi_staff"  # apart from a visitor's, so a shared tablet mixes nothing
CSRF_COOKIE = "omotenashi_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
JAPAN = JST  # the same zone, under the name older pages use
ONE_YEAR = 365 * 24 * 3600
# What was just done, said once on the next page in its language: the cookie holds only a key.
NOTICE_COOKIE = "omotenashi_notice"
NOTICES = {
    "saved": N_("Saved."),
    "stopped": N_("Done: they can no longer see your data."),
    "shared_less": N_("Done: they now see less of your data."),
    "downloaded": N_("Downloaded: one file with everything we hold about you."),
}


def template_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["languages"] = i18n.LANGUAGES
    return environment


def request_language(request: Request) -> i18n.Language:
    """?lang= first (a visitor's explicit choice), then the cookie, then Accept-Language."""
    cached = getattr(request.state, "language", None)
    if isinstance(cached, i18n.Language):
        return cached
    language = i18n.negotiate(
        request.query_params.get("lang"),
        request.cookies.get(LANGUAGE_COOKIE),
        accept_language=request.headers.get("accept-language"),
    )
    request.state.language = language
    return language


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template`` in the visitor's language; remember an explicit ?lang= choice."""
    language = request_language(request)
    translations = i18n.translations(language.code)
    notice = NOTICES.get(request.cookies.get(NOTICE_COOKIE, ""))
    environment: Environment = request.app.state.templates
    page = environment.get_template(template).render(
        {
            "request": request,
            "language": language,
            "csrf_token": csrf_token(request),
            "signed_in": getattr(request.state, "visitor", None) is not None,
            "staff": getattr(request.state, "staff", None),
            "gettext": translations.gettext,
            "ngettext": translations.ngettext,
            "_": translations.gettext,
            # Every number a page shows, in the language's own digits ("Step ३ of ७").
            "number": functools.partial(i18n.number, language.code),
            # A sentence whose only digits are the number put in it ("%(num)d passkeys").
            "in_digits": functools.partial(i18n.digits, language.code),
            "numbering": i18n.numbering_system(language.code),
            "notice": translations.gettext(notice) if notice else None,
            "notices": {key: translations.gettext(text) for key, text in NOTICES.items()},
            **(context or {}),
        }
    )
    response = HTMLResponse(page, status_code=status, headers=headers)
    if getattr(request.state, "visitor", None) or getattr(request.state, "staff", None):
        # Personal pages stay out of shared caches and the back button of a shared tablet.
        response.headers.setdefault("Cache-Control", "no-store")
    _keep_csrf_cookie(request, response)
    if NOTICE_COOKIE in request.cookies:
        response.delete_cookie(NOTICE_COOKIE, path="/")
    response.headers["Content-Language"] = language.code
    response.headers["Vary"] = "Accept-Language, Cookie"
    chosen = request.query_params.get("lang")
    if chosen and i18n.match_tag(chosen) is language:
        response.set_cookie(
            LANGUAGE_COOKIE,
            language.code,
            max_age=ONE_YEAR,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


# --- Signed-in pages: the session secret in an HttpOnly cookie --------------------------------


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


class StartedSession(Protocol):
    """A session just started: its secret, shown once, and when it ends."""

    @property
    def token(self) -> str: ...

    @property
    def expires_at(self) -> datetime: ...


def start_session(
    request: Request, response: Response, started: StartedSession, cookie: str = SESSION_COOKIE
) -> None:
    response.set_cookie(
        cookie,
        started.token,
        expires=started.expires_at,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )


def end_session(response: Response, cookie: str = SESSION_COOKIE) -> None:
    response.delete_cookie(cookie, path="/")


class SignInRequired(Exception):
    """A page needs someone signed in; the app answers with a redirect to the sign-in page."""

    def __init__(self, next_path: str, sign_in_path: str = "/signin") -> None:
        self.next_path = next_path
        self.sign_in_path = sign_in_path


def prefer_japanese(request: Request) -> None:
    """Staff pages speak Japanese unless the person chose another language."""
    if not request.query_params.get("lang") and not request.cookies.get(LANGUAGE_COOKIE):
        request.state.language = i18n.BY_CODE["ja"]


def safe_next(path: str | None, default: str = "/me") -> str:
    """Where to go after signing in: a path on this site only, never another site."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return default
    # Browsers drop tabs and line breaks from URLs: "/\t/evil.example" would become "//evil…".
    if any(character <= " " or character == "\x7f" for character in path):
        return default
    return path


RETURN_COOKIE = "omotenashi_return"


def remember_return(request: Request, response: Response, path: str) -> None:
    """Where a new visitor was going when they signed up, to take them back after registering."""
    response.set_cookie(
        RETURN_COOKIE,
        safe_next(path),
        max_age=24 * 3600,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )


def return_path(request: Request, default: str = "/me") -> str:
    return safe_next(request.cookies.get(RETURN_COOKIE), default)


def site_url(request: Request) -> str:
    """The site's own origin: the configured public URL (behind a proxy), else this request's.
    Passkeys are bound to it and links on QR codes point to it, so a forged Host header cannot
    move them elsewhere where a public URL is set."""
    public: str | None = request.app.state.platform.settings.public_url
    return (public or str(request.base_url)).rstrip("/")


def redirect(url: str, notice: str | None = None) -> RedirectResponse:
    """A 303 to ``url``; with ``notice`` (a key of ``NOTICES``), that page says what was done."""
    response = RedirectResponse(url, status_code=303)
    if notice:
        tell(response, notice)
    return response


def tell(response: Response, notice: str) -> None:
    """Have the next page say ``notice`` (readable by the page's script: it is only a key)."""
    if notice not in NOTICES:
        raise KeyError(notice)
    response.set_cookie(NOTICE_COOKIE, notice, max_age=120, samesite="lax", path="/")


def allow_forms_to(response: Response, origins: list[str]) -> None:
    """Let this page's forms lead to ``origins`` as well as to the site (a sign-in whose answer
    redirects to an OpenID Provider): the page's own CSP, ``form-action`` widened."""
    if origins:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
            "form-action 'self'", "form-action 'self' " + " ".join(origins)
        )


# --- CSRF: a per-browser secret in a SameSite=Strict cookie, repeated in every form ----------


def csrf_token(request: Request) -> str:
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_token", None)
    if not token:
        token = secrets.token_urlsafe(24)
    request.state.csrf_token = token
    return str(token)


def _keep_csrf_cookie(request: Request, response: Response) -> None:
    token = getattr(request.state, "csrf_token", None)
    if token and request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(
            CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request), path="/"
        )


class CsrfError(ForbiddenError):
    code = "csrf_failed"
    title = "This form has expired; reload the page and try again"


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request whose form field (or header, for scripts) does not
    repeat the browser's CSRF cookie, or that comes from another site."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise CsrfError()
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get(CSRF_FIELD) or "")
    if not cookie or not sent or not secrets.compare_digest(cookie.encode(), sent.encode()):
        raise CsrfError()


CsrfChecked = Depends(check_csrf)


# --- Routers by who may call: each carries its checks, so no page handler repeats them --------


def page_router(*dependencies: params.Depends) -> APIRouter:
    """Pages (kept out of the API's OpenAPI document) whose every route takes
    ``dependencies``, such as ``PageStaffOf(Role.operator)``."""
    return APIRouter(include_in_schema=False, dependencies=list(dependencies))


def form_router(*dependencies: params.Depends) -> APIRouter:
    """Pages that change something: CSRF is checked first, then ``dependencies``."""
    return page_router(CsrfChecked, *dependencies)


# --- Showing values in the visitor's language --------------------------------------------------


def when(value: datetime, language: i18n.Language) -> str:
    """A moment in Japan time, in the visitor's words and digits, to the minute."""
    return i18n.moment_text(language.code, value.astimezone(JST))


def day(value: date, language: i18n.Language) -> str:
    return i18n.date_text(language.code, value)


def gettext(language: i18n.Language, message: str) -> str:
    """``message`` (marked with ``N_``) in ``language``."""
    return i18n.translations(language.code).gettext(message)
