from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_json_web_key_set import ClientJsonWebKeySet
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/.well-known/oidc-client-jwks.json",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClientJsonWebKeySet | None:
    if response.status_code == 200:
        response_200 = ClientJsonWebKeySet.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ClientJsonWebKeySet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClientJsonWebKeySet]:
    """The platform's key as a client of OpenID Providers (private_key_jwt)

     Register this URL as the client's `jwks_uri` at the OpenID Provider. Apart from
    `/.well-known/jwks.json`, which holds only what the platform signs as itself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientJsonWebKeySet]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ClientJsonWebKeySet | None:
    """The platform's key as a client of OpenID Providers (private_key_jwt)

     Register this URL as the client's `jwks_uri` at the OpenID Provider. Apart from
    `/.well-known/jwks.json`, which holds only what the platform signs as itself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientJsonWebKeySet
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClientJsonWebKeySet]:
    """The platform's key as a client of OpenID Providers (private_key_jwt)

     Register this URL as the client's `jwks_uri` at the OpenID Provider. Apart from
    `/.well-known/jwks.json`, which holds only what the platform signs as itself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientJsonWebKeySet]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ClientJsonWebKeySet | None:
    """The platform's key as a client of OpenID Providers (private_key_jwt)

     Register this URL as the client's `jwks_uri` at the OpenID Provider. Apart from
    `/.well-known/jwks.json`, which holds only what the platform signs as itself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientJsonWebKeySet
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
