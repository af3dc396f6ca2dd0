from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.moderated_suggestion_out import ModeratedSuggestionOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    suggestion_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/servicer/suggestions/{suggestion_id}/accept".format(
            suggestion_id=quote(str(suggestion_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ModeratedSuggestionOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ModeratedSuggestionOut.from_dict(response.json())

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
) -> Response[ModeratedSuggestionOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    suggestion_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ModeratedSuggestionOut | Problem | ValidationProblem]:
    """Accept a suggestion: it becomes the translation and enters the bank

     Accept a visitor's suggestion: it becomes the translation and enters the translation bank.

    Args:
        suggestion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModeratedSuggestionOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        suggestion_id=suggestion_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    suggestion_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ModeratedSuggestionOut | Problem | ValidationProblem | None:
    """Accept a suggestion: it becomes the translation and enters the bank

     Accept a visitor's suggestion: it becomes the translation and enters the translation bank.

    Args:
        suggestion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModeratedSuggestionOut | Problem | ValidationProblem
    """

    return sync_detailed(
        suggestion_id=suggestion_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    suggestion_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ModeratedSuggestionOut | Problem | ValidationProblem]:
    """Accept a suggestion: it becomes the translation and enters the bank

     Accept a visitor's suggestion: it becomes the translation and enters the translation bank.

    Args:
        suggestion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModeratedSuggestionOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        suggestion_id=suggestion_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    suggestion_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ModeratedSuggestionOut | Problem | ValidationProblem | None:
    """Accept a suggestion: it becomes the translation and enters the bank

     Accept a visitor's suggestion: it becomes the translation and enters the translation bank.

    Args:
        suggestion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModeratedSuggestionOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            suggestion_id=suggestion_id,
            client=client,
        )
    ).parsed
