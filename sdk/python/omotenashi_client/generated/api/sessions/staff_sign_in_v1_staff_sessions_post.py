from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.staff_session_started import StaffSessionStarted
from ...models.staff_sign_in import StaffSignIn
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    *,
    body: StaffSignIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/staff/sessions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StaffSessionStarted | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = StaffSessionStarted.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[Problem | StaffSessionStarted | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StaffSignIn,
) -> Response[Problem | StaffSessionStarted | ValidationProblem]:
    """Sign a staff member or operator in with password and authenticator code

     For the console and staff tools: exchange a staff member's e-mail, password and
    authenticator code for a session secret, sent afterwards as a bearer token. Repeated
    failures are rate limited.

    Args:
        body (StaffSignIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StaffSessionStarted | ValidationProblem]
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
    body: StaffSignIn,
) -> Problem | StaffSessionStarted | ValidationProblem | None:
    """Sign a staff member or operator in with password and authenticator code

     For the console and staff tools: exchange a staff member's e-mail, password and
    authenticator code for a session secret, sent afterwards as a bearer token. Repeated
    failures are rate limited.

    Args:
        body (StaffSignIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StaffSessionStarted | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StaffSignIn,
) -> Response[Problem | StaffSessionStarted | ValidationProblem]:
    """Sign a staff member or operator in with password and authenticator code

     For the console and staff tools: exchange a staff member's e-mail, password and
    authenticator code for a session secret, sent afterwards as a bearer token. Repeated
    failures are rate limited.

    Args:
        body (StaffSignIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StaffSessionStarted | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: StaffSignIn,
) -> Problem | StaffSessionStarted | ValidationProblem | None:
    """Sign a staff member or operator in with password and authenticator code

     For the console and staff tools: exchange a staff member's e-mail, password and
    authenticator code for a session secret, sent afterwards as a bearer token. Repeated
    failures are rate limited.

    Args:
        body (StaffSignIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StaffSessionStarted | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
