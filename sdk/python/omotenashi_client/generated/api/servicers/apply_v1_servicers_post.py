from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.application_in import ApplicationIn
from ...models.application_received import ApplicationReceived
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    *,
    body: ApplicationIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/servicers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApplicationReceived | Problem | ValidationProblem | None:
    if response.status_code == 202:
        response_202 = ApplicationReceived.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApplicationReceived | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ApplicationIn,
) -> Response[ApplicationReceived | Problem | ValidationProblem]:
    """An organisation applies to join; it stays pending until an operator decides

     Answered 202 whether or not the administrator's address already has an account or an organisation of
    this name is registered in this municipality, so that the answer tells no one what the platform
    holds. The administrator's address receives either the link that finishes setting up the new account
    (the authenticator set-up) or why nothing was made. Only mistakes in the application itself are
    answered at once (422).

    Args:
        body (ApplicationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApplicationReceived | Problem | ValidationProblem]
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
    body: ApplicationIn,
) -> ApplicationReceived | Problem | ValidationProblem | None:
    """An organisation applies to join; it stays pending until an operator decides

     Answered 202 whether or not the administrator's address already has an account or an organisation of
    this name is registered in this municipality, so that the answer tells no one what the platform
    holds. The administrator's address receives either the link that finishes setting up the new account
    (the authenticator set-up) or why nothing was made. Only mistakes in the application itself are
    answered at once (422).

    Args:
        body (ApplicationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApplicationReceived | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ApplicationIn,
) -> Response[ApplicationReceived | Problem | ValidationProblem]:
    """An organisation applies to join; it stays pending until an operator decides

     Answered 202 whether or not the administrator's address already has an account or an organisation of
    this name is registered in this municipality, so that the answer tells no one what the platform
    holds. The administrator's address receives either the link that finishes setting up the new account
    (the authenticator set-up) or why nothing was made. Only mistakes in the application itself are
    answered at once (422).

    Args:
        body (ApplicationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApplicationReceived | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ApplicationIn,
) -> ApplicationReceived | Problem | ValidationProblem | None:
    """An organisation applies to join; it stays pending until an operator decides

     Answered 202 whether or not the administrator's address already has an account or an organisation of
    this name is registered in this municipality, so that the answer tells no one what the platform
    holds. The administrator's address receives either the link that finishes setting up the new account
    (the authenticator set-up) or why nothing was made. Only mistakes in the application itself are
    answered at once (422).

    Args:
        body (ApplicationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApplicationReceived | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
