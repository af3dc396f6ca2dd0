from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sandbox_grant_in import SandboxGrantIn
from ...models.sandbox_grant_out import SandboxGrantOut
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    visitor_id: UUID,
    *,
    body: SandboxGrantIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sandbox/visitors/{visitor_id}/grants".format(
            visitor_id=quote(str(visitor_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SandboxGrantOut | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = SandboxGrantOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SandboxGrantOut | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    visitor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SandboxGrantIn,
) -> Response[Problem | SandboxGrantOut | ValidationProblem]:
    """The test visitor consents to everything a purpose needs, for your servicer

     With a sandbox client: make a test visitor consent to everything a purpose needs, for your
    servicer, so that resolve answers with attributes.

    Args:
        visitor_id (UUID):
        body (SandboxGrantIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SandboxGrantOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        visitor_id=visitor_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    visitor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SandboxGrantIn,
) -> Problem | SandboxGrantOut | ValidationProblem | None:
    """The test visitor consents to everything a purpose needs, for your servicer

     With a sandbox client: make a test visitor consent to everything a purpose needs, for your
    servicer, so that resolve answers with attributes.

    Args:
        visitor_id (UUID):
        body (SandboxGrantIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SandboxGrantOut | ValidationProblem
    """

    return sync_detailed(
        visitor_id=visitor_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    visitor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SandboxGrantIn,
) -> Response[Problem | SandboxGrantOut | ValidationProblem]:
    """The test visitor consents to everything a purpose needs, for your servicer

     With a sandbox client: make a test visitor consent to everything a purpose needs, for your
    servicer, so that resolve answers with attributes.

    Args:
        visitor_id (UUID):
        body (SandboxGrantIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SandboxGrantOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        visitor_id=visitor_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    visitor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SandboxGrantIn,
) -> Problem | SandboxGrantOut | ValidationProblem | None:
    """The test visitor consents to everything a purpose needs, for your servicer

     With a sandbox client: make a test visitor consent to everything a purpose needs, for your
    servicer, so that resolve answers with attributes.

    Args:
        visitor_id (UUID):
        body (SandboxGrantIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SandboxGrantOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            visitor_id=visitor_id,
            client=client,
            body=body,
        )
    ).parsed
