from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.listed_servicer import ListedServicer
from ...models.servicer_category import ServicerCategory
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    category: None | ServicerCategory | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    elif isinstance(category, ServicerCategory):
        json_category = category.value
    else:
        json_category = category
    params["category"] = json_category

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/servicers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ValidationProblem | list[ListedServicer] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ListedServicer.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ValidationProblem | list[ListedServicer]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: None | ServicerCategory | Unset = UNSET,
) -> Response[ValidationProblem | list[ListedServicer]]:
    """Approved servicers, for visitors choosing whom to trust

     List approved servicers with their category and approved purposes, for a visitor choosing
    whom to consent to.

    Args:
        category (None | ServicerCategory | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ValidationProblem | list[ListedServicer]]
    """

    kwargs = _get_kwargs(
        category=category,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    category: None | ServicerCategory | Unset = UNSET,
) -> ValidationProblem | list[ListedServicer] | None:
    """Approved servicers, for visitors choosing whom to trust

     List approved servicers with their category and approved purposes, for a visitor choosing
    whom to consent to.

    Args:
        category (None | ServicerCategory | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ValidationProblem | list[ListedServicer]
    """

    return sync_detailed(
        client=client,
        category=category,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: None | ServicerCategory | Unset = UNSET,
) -> Response[ValidationProblem | list[ListedServicer]]:
    """Approved servicers, for visitors choosing whom to trust

     List approved servicers with their category and approved purposes, for a visitor choosing
    whom to consent to.

    Args:
        category (None | ServicerCategory | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ValidationProblem | list[ListedServicer]]
    """

    kwargs = _get_kwargs(
        category=category,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    category: None | ServicerCategory | Unset = UNSET,
) -> ValidationProblem | list[ListedServicer] | None:
    """Approved servicers, for visitors choosing whom to trust

     List approved servicers with their category and approved purposes, for a visitor choosing
    whom to consent to.

    Args:
        category (None | ServicerCategory | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ValidationProblem | list[ListedServicer]
    """

    return (
        await asyncio_detailed(
            client=client,
            category=category,
        )
    ).parsed
