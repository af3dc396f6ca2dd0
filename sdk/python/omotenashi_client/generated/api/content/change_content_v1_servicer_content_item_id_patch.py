from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.item_out import ItemOut
from ...models.item_patch import ItemPatch
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    item_id: UUID,
    *,
    body: ItemPatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/servicer/content/{item_id}".format(
            item_id=quote(str(item_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ItemOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ItemOut.from_dict(response.json())

        return response_200

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
) -> Response[ItemOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    item_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ItemPatch,
) -> Response[ItemOut | Problem | ValidationProblem]:
    """Change an item; changed texts need translating again

     Change an item; fields left out keep their values. Texts you change lose their translations,
    so translate the item again.

    Args:
        item_id (UUID):
        body (ItemPatch): Only the fields sent change. ``allergens`` and ``diet``, when sent,
            replace every tag.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ItemOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    item_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ItemPatch,
) -> ItemOut | Problem | ValidationProblem | None:
    """Change an item; changed texts need translating again

     Change an item; fields left out keep their values. Texts you change lose their translations,
    so translate the item again.

    Args:
        item_id (UUID):
        body (ItemPatch): Only the fields sent change. ``allergens`` and ``diet``, when sent,
            replace every tag.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ItemOut | Problem | ValidationProblem
    """

    return sync_detailed(
        item_id=item_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    item_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ItemPatch,
) -> Response[ItemOut | Problem | ValidationProblem]:
    """Change an item; changed texts need translating again

     Change an item; fields left out keep their values. Texts you change lose their translations,
    so translate the item again.

    Args:
        item_id (UUID):
        body (ItemPatch): Only the fields sent change. ``allergens`` and ``diet``, when sent,
            replace every tag.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ItemOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    item_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ItemPatch,
) -> ItemOut | Problem | ValidationProblem | None:
    """Change an item; changed texts need translating again

     Change an item; fields left out keep their values. Texts you change lose their translations,
    so translate the item again.

    Args:
        item_id (UUID):
        body (ItemPatch): Only the fields sent change. ``allergens`` and ``diet``, when sent,
            replace every tag.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ItemOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            item_id=item_id,
            client=client,
            body=body,
        )
    ).parsed
