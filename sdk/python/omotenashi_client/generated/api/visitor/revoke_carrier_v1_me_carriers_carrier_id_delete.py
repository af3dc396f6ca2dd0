from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.carrier_out import CarrierOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    carrier_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/me/carriers/{carrier_id}".format(
            carrier_id=quote(str(carrier_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CarrierOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = CarrierOut.from_dict(response.json())

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
) -> Response[CarrierOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    carrier_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CarrierOut | Problem | ValidationProblem]:
    """Revoke a lost card, tag or phone: it stops working at once

     Revoke a card, tag or phone that was lost or given away: touchpoints stop recognising it at
    once.

    Args:
        carrier_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CarrierOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        carrier_id=carrier_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    carrier_id: UUID,
    *,
    client: AuthenticatedClient,
) -> CarrierOut | Problem | ValidationProblem | None:
    """Revoke a lost card, tag or phone: it stops working at once

     Revoke a card, tag or phone that was lost or given away: touchpoints stop recognising it at
    once.

    Args:
        carrier_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CarrierOut | Problem | ValidationProblem
    """

    return sync_detailed(
        carrier_id=carrier_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    carrier_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CarrierOut | Problem | ValidationProblem]:
    """Revoke a lost card, tag or phone: it stops working at once

     Revoke a card, tag or phone that was lost or given away: touchpoints stop recognising it at
    once.

    Args:
        carrier_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CarrierOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        carrier_id=carrier_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    carrier_id: UUID,
    *,
    client: AuthenticatedClient,
) -> CarrierOut | Problem | ValidationProblem | None:
    """Revoke a lost card, tag or phone: it stops working at once

     Revoke a card, tag or phone that was lost or given away: touchpoints stop recognising it at
    once.

    Args:
        carrier_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CarrierOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            carrier_id=carrier_id,
            client=client,
        )
    ).parsed
