"""Who administers a servicer, declared once: a staff member with the administrator role,
signed in, or the servicer's own back-end holding an access token with ``servicer:admin``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials

from omotenashi.auth import service as auth
from omotenashi.auth.dependencies import session_bearer
from omotenashi.auth.errors import NotSignedInError
from omotenashi.clients import service as clients
from omotenashi.clients.dependencies import client_credentials
from omotenashi.clients.errors import SandboxOnlyError
from omotenashi.clients.tokens import verify_access_token
from omotenashi.deps import Session, bearer_token, platform_keys
from omotenashi.staff import service as staff
from omotenashi.staff.errors import RoleRequiredError
from omotenashi.staff.models import Role

ADMIN_SCOPE = "servicer:admin"


@dataclass(frozen=True)
class Administrator:
    servicer_id: uuid.UUID
    actor: str  # how the audit log names them
    # An API client's mode (True: live, False: its sandbox): it reaches rows of that mode only.
    # None for signed-in staff, who see and manage both.
    live: bool | None = None


async def any_mode_administrator(
    request: Request,
    session: Session,
    # Either scheme will do; both are declared, so the OpenAPI document offers both.
    _staff: Annotated[HTTPAuthorizationCredentials | None, Security(session_bearer)],
    _client: Annotated[str | None, Security(client_credentials, scopes=[ADMIN_SCOPE])],
) -> Administrator:
    token = bearer_token(request)
    if token is None:
        raise NotSignedInError("Send a staff session or an access token as Authorization: Bearer.")
    if token.startswith("eyJ"):  # a JWT: an API client's access token
        claims = verify_access_token(platform_keys(request), token)
        caller = await clients.authorize(session, claims, ADMIN_SCOPE)
        return Administrator(
            servicer_id=caller.servicer_id, actor=f"api_client:{caller.id}", live=caller.live
        )
    principal = await auth.authenticate(session, token)
    if not isinstance(principal, auth.StaffPrincipal) or principal.staff.servicer_id is None:
        raise RoleRequiredError()
    staff.require(principal.staff, Role.servicer_admin, servicer_id=principal.staff.servicer_id)
    return Administrator(servicer_id=principal.staff.servicer_id, actor=principal.actor)


async def servicer_administrator(
    admin: Annotated[Administrator, Depends(any_mode_administrator)],
) -> Administrator:
    """The servicer's administrator, for what exists only live (its profile, staff, content,
    feedback, statistics): a sandbox client is refused with 403 ``sandbox_only``."""
    if admin.live is False:
        raise SandboxOnlyError()
    return admin


ServicerAdmin = Annotated[Administrator, Depends(servicer_administrator)]
# For what a sandbox has its own rows of (API clients, webhook endpoints): an API client
# reaches those of its own mode (``Administrator.live``), signed-in staff both.
AnyModeAdmin = Annotated[Administrator, Depends(any_mode_administrator)]
