"""Who may act for a travel agency, declared once: on the API, a staff member administering the
agency, signed in, or the agency's back-end holding an access token with ``partners:invite``;
on the pages, a signed-in administrator of an approved travel agency."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials

from omotenashi.auth import service as auth
from omotenashi.auth.dependencies import PageStaff, session_bearer
from omotenashi.auth.errors import NotSignedInError
from omotenashi.auth.service import StaffPrincipal
from omotenashi.clients import service as clients
from omotenashi.clients.dependencies import client_credentials
from omotenashi.clients.tokens import verify_access_token
from omotenashi.deps import Session, bearer_token, platform_keys
from omotenashi.partners import service
from omotenashi.staff import service as staff
from omotenashi.staff.errors import RoleRequiredError
from omotenashi.staff.models import Role

INVITE_SCOPE = "partners:invite"


@dataclass(frozen=True)
class Inviter:
    servicer_id: uuid.UUID
    actor: str  # how the audit log names them


async def agency_caller(
    request: Request,
    session: Session,
    _staff: Annotated[HTTPAuthorizationCredentials | None, Security(session_bearer)],
    _client: Annotated[str | None, Security(client_credentials, scopes=[INVITE_SCOPE])],
) -> Inviter:
    token = bearer_token(request)
    if token is None:
        raise NotSignedInError("Send a staff session or an access token as Authorization: Bearer.")
    if token.startswith("eyJ"):  # a JWT: an API client's access token
        claims = verify_access_token(platform_keys(request), token)
        caller = await clients.authorize(session, claims, INVITE_SCOPE)
        inviter = Inviter(servicer_id=caller.servicer_id, actor=f"api_client:{caller.id}")
    else:
        principal = await auth.authenticate(session, token)
        if not isinstance(principal, auth.StaffPrincipal) or principal.staff.servicer_id is None:
            raise RoleRequiredError()
        staff.require(principal.staff, Role.servicer_admin, servicer_id=principal.staff.servicer_id)
        inviter = Inviter(servicer_id=principal.staff.servicer_id, actor=principal.actor)
    await service.agency(session, inviter.servicer_id)
    return inviter


AgencyCaller = Annotated[Inviter, Depends(agency_caller)]


async def page_agency_admin(me: PageStaff, session: Session) -> StaffPrincipal:
    """A signed-in administrator of an approved travel agency (others: 403)."""
    if me.staff.servicer_id is None:
        raise RoleRequiredError()
    staff.require(me.staff, Role.servicer_admin, servicer_id=me.staff.servicer_id)
    await service.agency(session, me.staff.servicer_id)
    return me


PageAgencyAdmin = Annotated[StaffPrincipal, Depends(page_agency_admin)]
ForAgencyAdmins = Depends(page_agency_admin)
