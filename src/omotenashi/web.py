"""Shared pieces of the HTML side: templates, the visitor's language, and rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from omotenashi import i18n

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
LANGUAGE_COOKIE = "lang"
ONE_YEAR = 365 * 24 * 3600


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
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """Render ``template`` in the visitor's language; remember an explicit ?lang= choice."""
    language = request_language(request)
    translations = i18n.translations(language.code)
    environment: Environment = request.app.state.templates
    page = environment.get_template(template).render(
        {
            "request": request,
            "language": language,
            "gettext": translations.gettext,
            "ngettext": translations.ngettext,
            "_": translations.gettext,
            **(context or {}),
        }
    )
    response = HTMLResponse(page, status_code=status)
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
