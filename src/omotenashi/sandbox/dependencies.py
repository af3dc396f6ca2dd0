"""Who may use the sandbox: through the API, a sandbox client of the servicer (whatever its
scopes); on the console, the servicer's administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Security

from omotenashi.auth.dependencies import PageStaffOf
from omotenashi.auth.service import StaffPrincipal
from omotenashi.clients import service as clients
from omotenashi.clients.dependencies import access_token
from omotenashi.clients.errors import InsufficientScopeError
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import AccessToken
from omotenashi.deps import Session
from omotenashi.sandbox.errors import SandboxClientRequiredError
from omotenashi.staff.models import Role


async def sandbox_client(
    session: Session, claims: Annotated[AccessToken, Security(access_token)]
) -> AuthenticatedClient:
    """The sandbox client behind the token (live, of an approved servicer, as every client is
    checked); a live client is refused with 403 ``sandbox_client_required``."""
    held = sorted(claims.scopes & clients.SCOPES)
    if not held:
        raise InsufficientScopeError("resolve")
    caller = await clients.authorize(session, claims, held[0])
    if caller.live:
        raise SandboxClientRequiredError()
    return caller


SandboxClient = Annotated[AuthenticatedClient, Depends(sandbox_client)]
ConsoleAdmin = Annotated[StaffPrincipal, PageStaffOf(Role.servicer_admin)]
