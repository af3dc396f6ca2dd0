from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.tax_free_record_in import TaxFreeRecordIn
from ...models.tax_free_record_with_items_out import TaxFreeRecordWithItemsOut
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    *,
    body: TaxFreeRecordIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tax-free/records",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TaxFreeRecordWithItemsOut | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = TaxFreeRecordWithItemsOut.from_dict(response.json())

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
) -> Response[Problem | TaxFreeRecordWithItemsOut | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TaxFreeRecordIn,
) -> Response[Problem | TaxFreeRecordWithItemsOut | ValidationProblem]:
    """Build a tax-free purchase record from a tap (purpose `tax_free_sale`) and the items

     At a tax-free shop's till: build the purchase record from the visitor's tap (purpose
    `tax_free_sale`) and the items sold.

    Args:
        body (TaxFreeRecordIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaxFreeRecordWithItemsOut | ValidationProblem]
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
    client: AuthenticatedClient,
    body: TaxFreeRecordIn,
) -> Problem | TaxFreeRecordWithItemsOut | ValidationProblem | None:
    """Build a tax-free purchase record from a tap (purpose `tax_free_sale`) and the items

     At a tax-free shop's till: build the purchase record from the visitor's tap (purpose
    `tax_free_sale`) and the items sold.

    Args:
        body (TaxFreeRecordIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaxFreeRecordWithItemsOut | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TaxFreeRecordIn,
) -> Response[Problem | TaxFreeRecordWithItemsOut | ValidationProblem]:
    """Build a tax-free purchase record from a tap (purpose `tax_free_sale`) and the items

     At a tax-free shop's till: build the purchase record from the visitor's tap (purpose
    `tax_free_sale`) and the items sold.

    Args:
        body (TaxFreeRecordIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaxFreeRecordWithItemsOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TaxFreeRecordIn,
) -> Problem | TaxFreeRecordWithItemsOut | ValidationProblem | None:
    """Build a tax-free purchase record from a tap (purpose `tax_free_sale`) and the items

     At a tax-free shop's till: build the purchase record from the visitor's tap (purpose
    `tax_free_sale`) and the items sold.

    Args:
        body (TaxFreeRecordIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaxFreeRecordWithItemsOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
