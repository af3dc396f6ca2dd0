"""Staff and operators sign in on the pages with a password and their authenticator's code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import web
from omotenashi.auth import service as auth
from omotenashi.auth.dependencies import page_principal
from omotenashi.auth.limits import staff_sign_in_limits
from omotenashi.deps import Session, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.staff import service
from omotenashi.staff.errors import SignInFailedError
from omotenashi.staff.models import Role
from omotenashi.text import Text

# Routers by who may call: forms check CSRF first.
router = APIRouter(include_in_schema=False)
forms = web.form_router()

SIGN_IN_FAILED = N_("The e-mail, password or code is not right. Check them and try again.")


def home_of(role: Role) -> str:
    return "/operator" if role is Role.operator else "/counter"


@router.get("/staff/signin", response_class=HTMLResponse)
async def sign_in_page(request: Request, next: str | None = None) -> Response:
    web.prefer_japanese(request)
    return web.render(
        request, "staff/signin.html", {"next": web.safe_next(next, ""), "error": None}
    )


@forms.post("/staff/signin", response_class=HTMLResponse)
async def sign_in(
    request: Request,
    session: Session,
    email: Annotated[Text, Form(max_length=320)] = "",
    password: Annotated[Text, Form(max_length=1024)] = "",
    code: Annotated[Text, Form(max_length=10)] = "",
    next: Annotated[Text, Form(max_length=500)] = "",
) -> Response:
    web.prefer_japanese(request)
    try:
        async with staff_sign_in_limits(request, email):
            who = await service.sign_in(
                session,
                platform_keys(request).derivation,
                email=email,
                password=password,
                code=code,
            )
    except SignInFailedError:
        context = {"next": web.safe_next(next, ""), "error": SIGN_IN_FAILED, "email": email}
        return web.render(request, "staff/signin.html", context, status=401)
    started = await auth.start_staff_session(session, who)
    response = web.redirect(web.safe_next(next, home_of(who.role)))
    web.start_session(request, response, started, web.STAFF_COOKIE)
    return response


@forms.post("/staff/signout")
async def sign_out(request: Request, session: Session) -> Response:
    principal = await page_principal(request, session, web.STAFF_COOKIE)
    if principal is not None:
        await auth.end(session, principal.session_id)
    response = web.redirect("/staff/signin")
    web.end_session(response, web.STAFF_COOKIE)
    return response


router.include_router(forms)
