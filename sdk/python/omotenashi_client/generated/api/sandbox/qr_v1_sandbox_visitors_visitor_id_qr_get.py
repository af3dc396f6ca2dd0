from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.qr_out import QrOut
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    visitor_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sandbox/visitors/{visitor_id}/qr".format(
            visitor_id=quote(str(visitor_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | QrOut | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = QrOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | QrOut | ValidationProblem]:
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
) -> Response[Problem | QrOut | ValidationProblem]:
    """The rotating QR code the test visitor's phone shows now

     With a sandbox client: the QR code a test visitor's phone shows now, to resolve as a scanner
    would.

    Args:
        visitor_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QrOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        visitor_id=visitor_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    visitor_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | QrOut | ValidationProblem | None:
    """The rotating QR code the test visitor's phone shows now

     With a sandbox client: the QR code a test visitor's phone shows now, to resolve as a scanner
    would.

    Args:
        visitor_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QrOut | ValidationProblem
    """

    return sync_detailed(
        visitor_id=visitor_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    visitor_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | QrOut | ValidationProblem]:
    """The rotating QR code the test visitor's phone shows now

     With a sandbox client: the QR code a test visitor's phone shows now, to resolve as a scanner
    would.

    Args:
        visitor_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QrOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        visitor_id=visitor_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    visitor_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | QrOut | ValidationProblem | None:
    """The rotating QR code the test visitor's phone shows now

     With a sandbox client: the QR code a test visitor's phone shows now, to resolve as a scanner
    would.

    Args:
        visitor_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QrOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            visitor_id=visitor_id,
            client=client,
        )
    ).parsed
