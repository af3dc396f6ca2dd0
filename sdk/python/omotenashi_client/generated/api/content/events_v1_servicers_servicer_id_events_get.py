from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.public_listing import PublicListing
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    servicer_id: UUID,
    *,
    language: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

    json_tag: None | str | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    else:
        json_tag = tag
    params["tag"] = json_tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/servicers/{servicer_id}/events".format(
            servicer_id=quote(str(servicer_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | PublicListing | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = PublicListing.from_dict(response.json())

        return response_200

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
) -> Response[Problem | PublicListing | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    servicer_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    language: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> Response[Problem | PublicListing | ValidationProblem]:
    """A servicer's events that have not ended, soonest first, in a language

     A servicer's events not yet ended, soonest first, in a language, for a screen or app.

    Args:
        servicer_id (UUID):
        language (None | str | Unset): The reader's language (BCP 47); unset: from Accept-
            Language, else English
        tag (None | str | Unset): Only events with this tag

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicListing | ValidationProblem]
    """

    kwargs = _get_kwargs(
        servicer_id=servicer_id,
        language=language,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    servicer_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    language: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> Problem | PublicListing | ValidationProblem | None:
    """A servicer's events that have not ended, soonest first, in a language

     A servicer's events not yet ended, soonest first, in a language, for a screen or app.

    Args:
        servicer_id (UUID):
        language (None | str | Unset): The reader's language (BCP 47); unset: from Accept-
            Language, else English
        tag (None | str | Unset): Only events with this tag

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicListing | ValidationProblem
    """

    return sync_detailed(
        servicer_id=servicer_id,
        client=client,
        language=language,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    servicer_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    language: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> Response[Problem | PublicListing | ValidationProblem]:
    """A servicer's events that have not ended, soonest first, in a language

     A servicer's events not yet ended, soonest first, in a language, for a screen or app.

    Args:
        servicer_id (UUID):
        language (None | str | Unset): The reader's language (BCP 47); unset: from Accept-
            Language, else English
        tag (None | str | Unset): Only events with this tag

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicListing | ValidationProblem]
    """

    kwargs = _get_kwargs(
        servicer_id=servicer_id,
        language=language,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    servicer_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    language: None | str | Unset = UNSET,
    tag: None | str | Unset = UNSET,
) -> Problem | PublicListing | ValidationProblem | None:
    """A servicer's events that have not ended, soonest first, in a language

     A servicer's events not yet ended, soonest first, in a language, for a screen or app.

    Args:
        servicer_id (UUID):
        language (None | str | Unset): The reader's language (BCP 47); unset: from Accept-
            Language, else English
        tag (None | str | Unset): Only events with this tag

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicListing | ValidationProblem
    """

    return (
        await asyncio_detailed(
            servicer_id=servicer_id,
            client=client,
            language=language,
            tag=tag,
        )
    ).parsed
