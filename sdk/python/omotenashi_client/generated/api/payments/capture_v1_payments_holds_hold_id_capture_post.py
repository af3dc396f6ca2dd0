from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.part_in import PartIn
from ...models.payment_out import PaymentOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    hold_id: UUID,
    *,
    body: PartIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/payments/holds/{hold_id}/capture".format(
            hold_id=quote(str(hold_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaymentOut | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = PaymentOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[PaymentOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    hold_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PartIn,
) -> Response[PaymentOut | Problem | ValidationProblem]:
    """Capture up to the held amount; the rest is released

     Take up to the held amount, such as the final bill at check-out; what is left of the hold is
    released.

    Args:
        hold_id (UUID):
        body (PartIn): A refund or a capture: part of what is left, or all of it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        hold_id=hold_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    hold_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PartIn,
) -> PaymentOut | Problem | ValidationProblem | None:
    """Capture up to the held amount; the rest is released

     Take up to the held amount, such as the final bill at check-out; what is left of the hold is
    released.

    Args:
        hold_id (UUID):
        body (PartIn): A refund or a capture: part of what is left, or all of it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentOut | Problem | ValidationProblem
    """

    return sync_detailed(
        hold_id=hold_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    hold_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PartIn,
) -> Response[PaymentOut | Problem | ValidationProblem]:
    """Capture up to the held amount; the rest is released

     Take up to the held amount, such as the final bill at check-out; what is left of the hold is
    released.

    Args:
        hold_id (UUID):
        body (PartIn): A refund or a capture: part of what is left, or all of it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        hold_id=hold_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    hold_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PartIn,
) -> PaymentOut | Problem | ValidationProblem | None:
    """Capture up to the held amount; the rest is released

     Take up to the held amount, such as the final bill at check-out; what is left of the hold is
    released.

    Args:
        hold_id (UUID):
        body (PartIn): A refund or a capture: part of what is left, or all of it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            hold_id=hold_id,
            client=client,
            body=body,
        )
    ).parsed
