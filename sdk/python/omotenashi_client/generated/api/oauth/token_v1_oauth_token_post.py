from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_error_out import OAuthErrorOut
from ...models.token_out import TokenOut
from ...models.token_v1_oauth_token_post_body import TokenV1OauthTokenPostBody
from ...types import Response


def _get_kwargs(
    *,
    body: TokenV1OauthTokenPostBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/oauth/token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OAuthErrorOut | TokenOut | None:
    if response.status_code == 200:
        response_200 = TokenOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OAuthErrorOut.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OAuthErrorOut.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OAuthErrorOut | TokenOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenV1OauthTokenPostBody,
) -> Response[OAuthErrorOut | TokenOut]:
    """Exchange client credentials for an access token (RFC 6749 §4.4)

     The first call of every integration: exchange a client's id and secret (HTTP Basic, or
    `client_id` and `client_secret` in the form) for a short-lived bearer token with
    `grant_type=client_credentials`. Ask for fewer scopes with `scope`; take a new token shortly
    before `expires_in` runs out. Errors are in the OAuth shape (`error`, `error_description`),
    not problem+json.

    Args:
        body (TokenV1OauthTokenPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthErrorOut | TokenOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TokenV1OauthTokenPostBody,
) -> OAuthErrorOut | TokenOut | None:
    """Exchange client credentials for an access token (RFC 6749 §4.4)

     The first call of every integration: exchange a client's id and secret (HTTP Basic, or
    `client_id` and `client_secret` in the form) for a short-lived bearer token with
    `grant_type=client_credentials`. Ask for fewer scopes with `scope`; take a new token shortly
    before `expires_in` runs out. Errors are in the OAuth shape (`error`, `error_description`),
    not problem+json.

    Args:
        body (TokenV1OauthTokenPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthErrorOut | TokenOut
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenV1OauthTokenPostBody,
) -> Response[OAuthErrorOut | TokenOut]:
    """Exchange client credentials for an access token (RFC 6749 §4.4)

     The first call of every integration: exchange a client's id and secret (HTTP Basic, or
    `client_id` and `client_secret` in the form) for a short-lived bearer token with
    `grant_type=client_credentials`. Ask for fewer scopes with `scope`; take a new token shortly
    before `expires_in` runs out. Errors are in the OAuth shape (`error`, `error_description`),
    not problem+json.

    Args:
        body (TokenV1OauthTokenPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthErrorOut | TokenOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenV1OauthTokenPostBody,
) -> OAuthErrorOut | TokenOut | None:
    """Exchange client credentials for an access token (RFC 6749 §4.4)

     The first call of every integration: exchange a client's id and secret (HTTP Basic, or
    `client_id` and `client_secret` in the form) for a short-lived bearer token with
    `grant_type=client_credentials`. Ask for fewer scopes with `scope`; take a new token shortly
    before `expires_in` runs out. Errors are in the OAuth shape (`error`, `error_description`),
    not problem+json.

    Args:
        body (TokenV1OauthTokenPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthErrorOut | TokenOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
