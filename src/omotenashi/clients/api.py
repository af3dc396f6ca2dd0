"""The token endpoint (OAuth 2.0 client credentials), and a servicer's own clients and terminals
(``/v1/servicer/clients``). The bearer-token dependencies are in ``clients.dependencies``.

``POST /v1/oauth/token`` answers errors in the shape of RFC 6749 §5.2, not problem+json, because
OAuth client libraries expect that; every other route reports token problems as problem+json.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any
from urllib.parse import parse_qs, unquote_plus

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from omotenashi.clients import service
from omotenashi.clients.errors import InvalidClientError, SandboxOnlyError
from omotenashi.clients.models import ApiClient
from omotenashi.clients.schemas import (
    ClientCreated,
    ClientIn,
    ClientOut,
    OAuthErrorOut,
    SecretOut,
    TokenOut,
)
from omotenashi.clients.tokens import (
    DEFAULT_TTL,
    issue_access_token,
)
from omotenashi.deps import Session, platform_keys
from omotenashi.servicers.dependencies import AnyModeAdmin as ServicerAdmin

# Routers by who may call: anyone holding client credentials, and a servicer's administrator.
router = APIRouter()
oauth = APIRouter(prefix="/v1/oauth", tags=["oauth"])

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_FORM = "application/x-www-form-urlencoded"

_TOKEN_REQUEST_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            _FORM: {
                "schema": {
                    "type": "object",
                    "required": ["grant_type"],
                    "properties": {
                        "grant_type": {"type": "string", "enum": ["client_credentials"]},
                        "scope": {"type": "string"},
                        "client_id": {"type": "string"},
                        "client_secret": {"type": "string"},
                    },
                }
            }
        },
    }
}


class _OAuthError(Exception):
    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


def _oauth_error(exc: _OAuthError) -> JSONResponse:
    headers = dict(_NO_STORE)
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="omotenashi"'
    return JSONResponse(
        {"error": exc.error, "error_description": exc.description},
        status_code=exc.status,
        headers=headers,
    )


async def _form(request: Request) -> dict[str, str]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != _FORM:
        raise _OAuthError("invalid_request", f"Send the parameters as {_FORM}.")
    try:
        parsed = parse_qs((await request.body()).decode(), strict_parsing=False)
    except UnicodeDecodeError as exc:
        raise _OAuthError("invalid_request", "The body is not valid UTF-8.") from exc
    repeated = sorted(name for name, values in parsed.items() if len(values) > 1)
    if repeated:
        raise _OAuthError("invalid_request", f"Parameters sent more than once: {repeated}.")
    # RFC 6749 §3.1: a parameter sent without a value is treated as omitted.
    return {name: values[0] for name, values in parsed.items() if values[0]}


def _credentials(request: Request, form: dict[str, str]) -> tuple[str, str]:
    authorization = request.headers.get("authorization")
    in_body = "client_id" in form or "client_secret" in form
    if authorization is not None:
        if in_body:
            raise _OAuthError("invalid_request", "Use one client authentication method only.")
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "basic":
            raise _OAuthError("invalid_client", "Use HTTP Basic client authentication.", 401)
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise _OAuthError("invalid_client", "Malformed Basic credentials.", 401) from exc
        client_id, colon, secret = decoded.partition(":")
        if not colon:
            raise _OAuthError("invalid_client", "Malformed Basic credentials.", 401)
        # RFC 6749 §2.3.1: both parts are form-encoded before the Basic encoding.
        return unquote_plus(client_id), unquote_plus(secret)
    if "client_id" in form and "client_secret" in form:
        return form["client_id"], form["client_secret"]
    raise _OAuthError("invalid_client", "Client authentication is required.", 401)


@oauth.post(
    "/token",
    summary="Exchange client credentials for an access token (RFC 6749 §4.4)",
    openapi_extra=_TOKEN_REQUEST_SCHEMA,
    responses={
        200: {"model": TokenOut, "description": "An access token; send it as Bearer"},
        400: {
            "model": OAuthErrorOut,
            "description": "invalid_request, unsupported_grant_type or invalid_scope (RFC 6749)",
        },
        401: {"model": OAuthErrorOut, "description": "invalid_client (RFC 6749)"},
    },
)
async def token(request: Request, session: Session) -> JSONResponse:
    """The first call of every integration: exchange a client's id and secret (HTTP Basic, or
    `client_id` and `client_secret` in the form) for a short-lived bearer token with
    `grant_type=client_credentials`. Ask for fewer scopes with `scope`; take a new token shortly
    before `expires_in` runs out. Errors are in the OAuth shape (`error`, `error_description`),
    not problem+json."""
    try:
        form = await _form(request)
        grant_type = form.get("grant_type")
        if grant_type is None:
            raise _OAuthError("invalid_request", "grant_type is required.")
        if grant_type != "client_credentials":
            raise _OAuthError("unsupported_grant_type", "Only client_credentials is supported.")
        client_id, secret = _credentials(request, form)
        try:
            client = await service.authenticate(session, client_id, secret, platform_keys(request))
        except InvalidClientError as exc:
            raise _OAuthError("invalid_client", "Client authentication failed.", 401) from exc
        granted = set(client.scopes)
        requested = set(form["scope"].split()) if "scope" in form else granted
        if not requested <= granted:
            raise _OAuthError("invalid_scope", "The scope asks for more than the client holds.")
    except _OAuthError as exc:
        return _oauth_error(exc)
    scope = " ".join(sorted(requested))
    access_token = issue_access_token(platform_keys(request), client, scopes=requested)
    return JSONResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": int(DEFAULT_TTL.total_seconds()),
            "scope": scope,
        },
        headers=_NO_STORE,
    )


# --- A servicer's own clients and terminals, for its administrator ----------------------------

console = APIRouter(prefix="/v1", tags=["servicer console"])


@console.get(
    "/servicer/clients", response_model=list[ClientOut], summary="My API clients and terminals"
)
async def my_clients(admin: ServicerAdmin, session: Session) -> list[ApiClient]:
    """List your organisation's API clients and terminals with their scopes, rates and whether they
    are live or sandbox. Secrets are never shown again."""
    return await service.list_clients(session, admin.servicer_id, live=admin.live)


@console.post(
    "/servicer/clients",
    status_code=201,
    response_model=ClientCreated,
    summary="Create an API client or a terminal; its secret is shown this once",
    responses={
        403: {
            "description": "servicer_not_approved; or purpose_not_approved: a terminal's purpose "
            "the operator refused or has not approved (named in errors)"
        }
    },
)
async def create_client(body: ClientIn, admin: ServicerAdmin, session: Session) -> ClientCreated:
    """Create an API client (a back-office system) or a terminal (a device at a counter or gate)
    with the scopes it needs. Store the secret from the answer at once: it is shown only this
    time. Set `live` to false for a sandbox client (`oms_test_` secret)."""
    if admin.live is False and body.live:
        raise SandboxOnlyError()
    client, secret = await service.create_client(
        session,
        admin.servicer_id,
        kind=body.kind,
        label=body.label,
        scopes=body.scopes,
        purposes=body.purposes,
        location=body.location,
        actor=admin.actor,
        live=body.live and admin.live is not False,
    )
    return ClientCreated(client=ClientOut.model_validate(client), client_secret=secret)


@console.post(
    "/servicer/clients/{client_id}/rotate",
    response_model=SecretOut,
    summary="Give a client or terminal a new secret; the old one stops working",
)
async def rotate_client(client_id: uuid.UUID, admin: ServicerAdmin, session: Session) -> SecretOut:
    """Replace a client's secret, for instance when it may have leaked or on a schedule. The old
    secret is refused at once, so deploy the new one straight away."""
    secret = await service.rotate_secret(
        session, admin.servicer_id, client_id, actor=admin.actor, live=admin.live
    )
    return SecretOut(client_secret=secret)


@console.delete(
    "/servicer/clients/{client_id}",
    response_model=ClientOut,
    summary="Revoke a client or terminal for good; even its unexpired tokens stop working",
)
async def revoke_client(client_id: uuid.UUID, admin: ServicerAdmin, session: Session) -> ApiClient:
    """Retire a client or terminal for good (a device lost or decommissioned). Its tokens stop
    working at once, even those not yet expired."""
    return await service.revoke(
        session, admin.servicer_id, client_id, actor=admin.actor, live=admin.live
    )


router.include_router(oauth)
router.include_router(console)
