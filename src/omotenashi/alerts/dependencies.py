"""Who may publish an alert, declared once: an operator signed in, or an alert feed's client
holding the ``alerts:ingest`` scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials

from omotenashi.alerts import lifecycle
from omotenashi.auth import service as auth
from omotenashi.auth.dependencies import session_bearer
from omotenashi.auth.errors import NotSignedInError
from omotenashi.clients import service as clients
from omotenashi.clients.dependencies import client_credentials
from omotenashi.clients.tokens import verify_access_token
from omotenashi.deps import Session, bearer_token, platform_keys
from omotenashi.staff import service as staff
from omotenashi.staff.errors import RoleRequiredError
from omotenashi.staff.models import Role


async def alert_publisher(
    request: Request,
    session: Session,
    # Either scheme will do; both are declared, so the OpenAPI document offers both.
    _staff: Annotated[HTTPAuthorizationCredentials | None, Security(session_bearer)],
    _client: Annotated[str | None, Security(client_credentials, scopes=[lifecycle.INGEST_SCOPE])],
) -> str:
    """The audit log's name for the publisher."""
    token = bearer_token(request)
    if token is None:
        raise NotSignedInError("Send a staff session or an access token as Authorization: Bearer.")
    if token.startswith("eyJ"):  # a JWT: an API client's access token
        claims = verify_access_token(platform_keys(request), token)
        caller = await clients.authorize(session, claims, lifecycle.INGEST_SCOPE)
        return await lifecycle.authorize_feed(session, caller)
    principal = await auth.authenticate(session, token)
    if not isinstance(principal, auth.StaffPrincipal):
        raise RoleRequiredError()
    staff.require(principal.staff, Role.operator)
    return principal.actor


Publisher = Annotated[str, Depends(alert_publisher)]
