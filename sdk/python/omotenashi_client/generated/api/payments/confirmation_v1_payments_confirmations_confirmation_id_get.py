from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.confirmation_out import ConfirmationOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    confirmation_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/payments/confirmations/{confirmation_id}".format(
            confirmation_id=quote(str(confirmation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConfirmationOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ConfirmationOut.from_dict(response.json())

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
) -> Response[ConfirmationOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    confirmation_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ConfirmationOut | Problem | ValidationProblem]:
    """A charge above the tap limit: whether the visitor confirmed it on their phone

     After a `confirmation_required` answer: whether the visitor confirmed the charge on their
    phone. Poll it until it is no longer pending.

    Args:
        confirmation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfirmationOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        confirmation_id=confirmation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    confirmation_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ConfirmationOut | Problem | ValidationProblem | None:
    """A charge above the tap limit: whether the visitor confirmed it on their phone

     After a `confirmation_required` answer: whether the visitor confirmed the charge on their
    phone. Poll it until it is no longer pending.

    Args:
        confirmation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfirmationOut | Problem | ValidationProblem
    """

    return sync_detailed(
        confirmation_id=confirmation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    confirmation_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ConfirmationOut | Problem | ValidationProblem]:
    """A charge above the tap limit: whether the visitor confirmed it on their phone

     After a `confirmation_required` answer: whether the visitor confirmed the charge on their
    phone. Poll it until it is no longer pending.

    Args:
        confirmation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfirmationOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        confirmation_id=confirmation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    confirmation_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ConfirmationOut | Problem | ValidationProblem | None:
    """A charge above the tap limit: whether the visitor confirmed it on their phone

     After a `confirmation_required` answer: whether the visitor confirmed the charge on their
    phone. Poll it until it is no longer pending.

    Args:
        confirmation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfirmationOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            confirmation_id=confirmation_id,
            client=client,
        )
    ).parsed
