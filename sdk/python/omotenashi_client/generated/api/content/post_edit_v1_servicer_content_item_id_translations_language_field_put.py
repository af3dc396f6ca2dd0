from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.item_out import ItemOut
from ...models.post_edit_in import PostEditIn
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    item_id: UUID,
    language: str,
    field: str,
    *,
    body: PostEditIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/servicer/content/{item_id}/translations/{language}/{field}".format(
            item_id=quote(str(item_id), safe=""),
            language=quote(str(language), safe=""),
            field=quote(str(field), safe=""),
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
    language: str,
    field: str,
    *,
    client: AuthenticatedClient,
    body: PostEditIn,
) -> Response[ItemOut | Problem | ValidationProblem]:
    """Post-edit a translation by hand; it also enters the translation bank

     Replace one translation of one field by your own wording. It is marked as edited by a person
    and enters the translation bank.

    Args:
        item_id (UUID):
        language (str):
        field (str):
        body (PostEditIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ItemOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        language=language,
        field=field,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    item_id: UUID,
    language: str,
    field: str,
    *,
    client: AuthenticatedClient,
    body: PostEditIn,
) -> ItemOut | Problem | ValidationProblem | None:
    """Post-edit a translation by hand; it also enters the translation bank

     Replace one translation of one field by your own wording. It is marked as edited by a person
    and enters the translation bank.

    Args:
        item_id (UUID):
        language (str):
        field (str):
        body (PostEditIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ItemOut | Problem | ValidationProblem
    """

    return sync_detailed(
        item_id=item_id,
        language=language,
        field=field,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    item_id: UUID,
    language: str,
    field: str,
    *,
    client: AuthenticatedClient,
    body: PostEditIn,
) -> Response[ItemOut | Problem | ValidationProblem]:
    """Post-edit a translation by hand; it also enters the translation bank

     Replace one translation of one field by your own wording. It is marked as edited by a person
    and enters the translation bank.

    Args:
        item_id (UUID):
        language (str):
        field (str):
        body (PostEditIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ItemOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        language=language,
        field=field,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    item_id: UUID,
    language: str,
    field: str,
    *,
    client: AuthenticatedClient,
    body: PostEditIn,
) -> ItemOut | Problem | ValidationProblem | None:
    """Post-edit a translation by hand; it also enters the translation bank

     Replace one translation of one field by your own wording. It is marked as edited by a person
    and enters the translation bank.

    Args:
        item_id (UUID):
        language (str):
        field (str):
        body (PostEditIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ItemOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            item_id=item_id,
            language=language,
            field=field,
            client=client,
            body=body,
        )
    ).parsed
