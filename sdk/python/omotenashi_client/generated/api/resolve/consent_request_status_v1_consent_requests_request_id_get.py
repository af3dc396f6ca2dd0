from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.consent_request_status import ConsentRequestStatus
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    request_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/consent-requests/{request_id}".format(
            request_id=quote(str(request_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConsentRequestStatus | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ConsentRequestStatus.from_dict(response.json())

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
) -> Response[ConsentRequestStatus | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    request_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ConsentRequestStatus | Problem | ValidationProblem]:
    """The answer to a tap-to-consent request (the asking servicer only)

     Poll the state of a consent request your terminal received with a `consent_required` answer:
    pending, accepted, declined or expired. Prefer the `consent_request.answered` webhook; poll
    only where you cannot receive webhooks.

    Args:
        request_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsentRequestStatus | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    request_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ConsentRequestStatus | Problem | ValidationProblem | None:
    """The answer to a tap-to-consent request (the asking servicer only)

     Poll the state of a consent request your terminal received with a `consent_required` answer:
    pending, accepted, declined or expired. Prefer the `consent_request.answered` webhook; poll
    only where you cannot receive webhooks.

    Args:
        request_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsentRequestStatus | Problem | ValidationProblem
    """

    return sync_detailed(
        request_id=request_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    request_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ConsentRequestStatus | Problem | ValidationProblem]:
    """The answer to a tap-to-consent request (the asking servicer only)

     Poll the state of a consent request your terminal received with a `consent_required` answer:
    pending, accepted, declined or expired. Prefer the `consent_request.answered` webhook; poll
    only where you cannot receive webhooks.

    Args:
        request_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsentRequestStatus | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    request_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ConsentRequestStatus | Problem | ValidationProblem | None:
    """The answer to a tap-to-consent request (the asking servicer only)

     Poll the state of a consent request your terminal received with a `consent_required` answer:
    pending, accepted, declined or expired. Prefer the `consent_request.answered` webhook; poll
    only where you cannot receive webhooks.

    Args:
        request_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsentRequestStatus | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            request_id=request_id,
            client=client,
        )
    ).parsed
