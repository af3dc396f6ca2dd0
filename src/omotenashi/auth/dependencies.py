"""Who is calling, declared once: the typed dependencies every route takes its caller from.

The JSON API takes the session secret only from ``Authorization: Bearer`` (declared as the
``session`` security scheme, so the OpenAPI document says which operations need it); the pages
carry it in an HttpOnly cookie and check CSRF as a router dependency, so a cookie never
authenticates an API call.

A route names its caller by type (``me: CurrentVisitor``, ``me: PageStaff``); a router whose
every route needs a role carries ``dependencies=[StaffOf(Role.operator)]`` (or
``PageStaffOf(...)``), so no handler checks a role itself.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.params import Depends as DependsMarker
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n, web
from omotenashi.auth import service
from omotenashi.auth.errors import NotSignedInError, WrongPrincipalError
from omotenashi.auth.service import Principal, StaffPrincipal, VisitorPrincipal
from omotenashi.deps import Session
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role

__all__ = [
    "CurrentOperator",
    "CurrentPrincipal",
    "CurrentStaff",
    "CurrentVisitor",
    "ForOperators",
    "ForServicerAdmins",
    "ForServicerStaff",
    "PageOperator",
    "PageStaff",
    "PageStaffOf",
    "PageVisitor",
    "StaffOf",
    "optional_page_visitor",
    "page_principal",
    "page_staff_holding",
    "session_bearer",
]

session_bearer = HTTPBearer(
    scheme_name="session",
    description=(
        "A visitor's or staff member's session secret, from signing in "
        "(`POST /v1/staff/sessions` for staff)."
    ),
    auto_error=False,
)


# --- The JSON API: the session secret as Authorization: Bearer --------------------------------


async def signed_in(
    session: Session,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(session_bearer)],
) -> Principal:
    if credentials is None:
        raise NotSignedInError("Send your session as Authorization: Bearer.")
    return await service.authenticate(session, credentials.credentials)


async def _visitor(principal: Annotated[Principal, Depends(signed_in)]) -> VisitorPrincipal:
    if not isinstance(principal, VisitorPrincipal):
        raise WrongPrincipalError("Only the visitor can do this.")
    return principal


async def _staff(principal: Annotated[Principal, Depends(signed_in)]) -> StaffPrincipal:
    if not isinstance(principal, StaffPrincipal):
        raise WrongPrincipalError("Only staff of a servicer or an operator can do this.")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(signed_in)]
CurrentVisitor = Annotated[VisitorPrincipal, Depends(_visitor)]
CurrentStaff = Annotated[StaffPrincipal, Depends(_staff)]


class _HoldsRole:
    """Signed-in staff holding one of ``roles`` (an operator is checked like any role)."""

    def __init__(self, roles: tuple[Role, ...]) -> None:
        self.roles = roles

    async def __call__(self, principal: CurrentStaff) -> StaffPrincipal:
        staff.require(principal.staff, *self.roles)
        return principal


def StaffOf(*roles: Role) -> DependsMarker:
    """A dependency: the API caller is signed-in staff with one of ``roles``; 401/403 otherwise.
    ``Annotated[StaffPrincipal, StaffOf(Role.servicer_admin)]`` as a parameter, or in a
    router's ``dependencies``."""
    return DependsMarker(_HoldsRole(roles))


CurrentOperator = Annotated[StaffPrincipal, StaffOf(Role.operator)]


# --- The pages: the session secret in an HttpOnly cookie ---------------------------------------


async def page_principal(
    request: Request, session: AsyncSession, cookie: str = web.SESSION_COOKIE
) -> Principal | None:
    """Who is signed in on this browser (as a visitor, or as staff with ``STAFF_COOKIE``)."""
    token = request.cookies.get(cookie)
    if not token:
        return None
    try:
        return await service.authenticate(session, token)
    except NotSignedInError:
        return None


async def optional_page_visitor(request: Request, session: AsyncSession) -> VisitorPrincipal | None:
    """The visitor signed in on this browser, if any, for a page anyone may open: the page
    then speaks their language and knows them."""
    principal = await page_principal(request, session)
    if not isinstance(principal, VisitorPrincipal):
        return None
    request.state.visitor = principal
    if not request.query_params.get("lang") and not request.cookies.get(web.LANGUAGE_COOKIE):
        # No choice made on this browser: the language the visitor registered with.
        request.state.language = i18n.match_tag(principal.language) or i18n.DEFAULT
    return principal


async def page_visitor(request: Request, session: Session) -> VisitorPrincipal:
    principal = await optional_page_visitor(request, session)
    if principal is None:
        raise web.SignInRequired(request.url.path)
    return principal


async def page_staff(request: Request, session: Session) -> StaffPrincipal:
    web.prefer_japanese(request)
    principal = await page_principal(request, session, web.STAFF_COOKIE)
    if not isinstance(principal, StaffPrincipal):
        raise web.SignInRequired(request.url.path, "/staff/signin")
    request.state.staff = principal
    return principal


PageVisitor = Annotated[VisitorPrincipal, Depends(page_visitor)]
PageStaff = Annotated[StaffPrincipal, Depends(page_staff)]


class _PageHoldsRole:
    def __init__(self, roles: tuple[Role, ...]) -> None:
        self.roles = roles

    async def __call__(self, principal: PageStaff) -> StaffPrincipal:
        staff.require(principal.staff, *self.roles)
        return principal


def PageStaffOf(*roles: Role) -> DependsMarker:
    """As :func:`StaffOf`, for a page: signed in on this browser's staff cookie (else to the
    staff sign-in page), holding one of ``roles`` (else 403)."""
    return DependsMarker(_PageHoldsRole(roles))


PageOperator = Annotated[StaffPrincipal, PageStaffOf(Role.operator)]


async def page_staff_holding(
    request: Request, session: AsyncSession, *roles: Role
) -> StaffPrincipal:
    """As ``PageStaffOf(*roles)``, for a long response that takes no request transaction (an
    event stream) and so checks its caller in a short transaction of its own."""
    principal = await page_staff(request, session)
    staff.require(principal.staff, *roles)
    return principal


# The page roles routers admit, by name, so a router reads ``web.page_router(ForOperators)``.
ForOperators = PageStaffOf(Role.operator)
ForServicerAdmins = PageStaffOf(Role.servicer_admin)
ForServicerStaff = PageStaffOf(Role.servicer_staff, Role.servicer_admin)
"""Anyone working for a servicer: counter staff and administrators."""
