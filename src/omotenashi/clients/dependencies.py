"""The API client behind a request, declared once: an OAuth 2.0 client-credentials access token
as ``Authorization: Bearer``, and the scope the route needs.

Declared as the ``clientCredentials`` security scheme, with its scopes and what each allows, so
the OpenAPI document tells an integrator which token each operation takes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Request, Security
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlows
from fastapi.params import Security as SecurityMarker
from fastapi.security import OAuth2, SecurityScopes

from omotenashi.clients import service
from omotenashi.clients.errors import InvalidTokenError
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import AccessToken, verify_access_token
from omotenashi.deps import Session, bearer_token, platform_keys

TOKEN_ENDPOINT = "/v1/oauth/token"  # noqa: S105 - an address, not a secret

SCOPE_DESCRIPTIONS = {
    "resolve": "Identify a visitor at a touchpoint and receive what they consented to share",
    "consent:request": "Ask a visitor for consent, and fetch the receipts of what was granted",
    "servicer:admin": "Manage the servicer's own clients, terminals and staff from its back-end",
    "alerts:ingest": "Send disaster-information reports to be published (alert feeds)",
    "partners:invite": "A travel agency pre-registers its travellers and follows its invitations",
}
assert set(SCOPE_DESCRIPTIONS) == service.SCOPES, "every scope is described, and only those"

client_credentials = OAuth2(
    flows=OAuthFlows(
        clientCredentials=OAuthFlowClientCredentials(
            tokenUrl=TOKEN_ENDPOINT, scopes=SCOPE_DESCRIPTIONS
        )
    ),
    scheme_name="clientCredentials",
    description="An access token from `POST /v1/oauth/token` (RFC 6749 §4.4), as a bearer token.",
    auto_error=False,
)


async def access_token(
    request: Request, _declared: Annotated[str | None, Security(client_credentials)]
) -> AccessToken:
    """The claims of the request's bearer token, verified (signature, audience, expiry) without
    a database read; 401 ``invalid_token`` otherwise. Whether the client may still act is
    :func:`ClientWithScope`'s to check."""
    token = bearer_token(request)
    if token is None:
        raise InvalidTokenError("Send an access token as Authorization: Bearer.")
    return verify_access_token(platform_keys(request), token)


async def _authorized(
    scopes: SecurityScopes,
    session: Session,
    claims: Annotated[AccessToken, Security(access_token)],
) -> AuthenticatedClient:
    caller = None
    for required in scopes.scopes:  # the route's scope, and any a composing dependency adds
        caller = await service.authorize(session, claims, required)
    assert caller is not None, "ClientWithScope names a scope"
    return caller


def ClientWithScope(scope: str) -> SecurityMarker:
    """A dependency: the API client behind the request's bearer token, if it is still live and
    holds ``scope``; 401 ``invalid_token`` or 403 ``insufficient_scope`` otherwise.
    ``Annotated[AuthenticatedClient, ClientWithScope("resolve")]``."""
    if scope not in service.SCOPES:
        raise ValueError(f"{scope!r} is not a scope")
    return SecurityMarker(_authorized, scopes=[scope])


Token = Annotated[AccessToken, Security(access_token)]
"""The token's claims only, for a route that checks the client itself (resolve's one
statement does, to save a round trip)."""
