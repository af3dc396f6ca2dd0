"""The platform's public signing keys, for anyone who checks a receipt, an alert or a token."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from omotenashi.deps import platform_keys
from omotenashi.security import jwks

router = APIRouter(tags=["keys"])

# Long enough to spare the platform, short enough that a verifier meets a new key within the
# hour; a verifier that meets an unknown ``kid`` fetches the set again.
CACHE_CONTROL = "public, max-age=3600"


class JsonWebKey(BaseModel):
    kty: Literal["OKP"]
    crv: Literal["Ed25519"]
    x: str = Field(description="The public key, base64url (RFC 8037)")
    kid: str = Field(description="RFC 7638 thumbprint of the key; the `kid` of every JWS it signs")
    use: Literal["sig"]
    alg: Literal["EdDSA"]


class JsonWebKeySet(BaseModel):
    keys: list[JsonWebKey] = Field(
        description="The current signing key first, then retired ones whose signatures live on"
    )


@router.get(
    jwks.PATH,
    response_model=JsonWebKeySet,
    summary="The platform's signing keys (JWKS): check consent receipts, alerts and tokens",
)
async def key_set(request: Request, response: Response) -> JsonWebKeySet:
    """Public, and cacheable for an hour (`Cache-Control: public, max-age=3600`): fetch it again
    on meeting a `kid` it lacks. Every JWS the platform signs names its key by `kid`."""
    response.headers["Cache-Control"] = CACHE_CONTROL
    return JsonWebKeySet.model_validate(jwks.key_set(platform_keys(request)))


class ClientJsonWebKey(BaseModel):
    kty: Literal["RSA"]
    n: str
    e: str
    kid: str = Field(description="RFC 7638 thumbprint; the `kid` of every client assertion")
    use: Literal["sig"]
    alg: Literal["RS256"]


class ClientJsonWebKeySet(BaseModel):
    keys: list[ClientJsonWebKey] = Field(
        description="The key of the platform's private_key_jwt client assertions; empty when "
        "no OpenID Provider is configured"
    )


@router.get(
    jwks.CLIENT_PATH,
    response_model=ClientJsonWebKeySet,
    summary="The platform's key as a client of OpenID Providers (private_key_jwt)",
)
async def client_key_set(request: Request, response: Response) -> ClientJsonWebKeySet:
    """Register this URL as the client's `jwks_uri` at the OpenID Provider. Apart from
    `/.well-known/jwks.json`, which holds only what the platform signs as itself."""
    response.headers["Cache-Control"] = CACHE_CONTROL
    return ClientJsonWebKeySet.model_validate(jwks.client_key_set(platform_keys(request)))
