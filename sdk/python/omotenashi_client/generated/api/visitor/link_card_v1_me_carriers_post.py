from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.card_in import CardIn
from ...models.card_link_received import CardLinkReceived
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    *,
    body: CardIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/me/carriers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CardLinkReceived | Problem | ValidationProblem | None:
    if response.status_code == 202:
        response_202 = CardLinkReceived.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CardLinkReceived | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CardIn,
) -> Response[CardLinkReceived | Problem | ValidationProblem]:
    """Link an IC card or NFC tag; only a keyed hash of its id is kept

     Answered 202, the same whether or not the card is already linked, so that no one learns through it
    whether a card number is known. A card linked to no one is linked to the caller at once and listed
    in `GET /v1/me/carriers`; a card linked to another account stays theirs, and its holder is told by
    e-mail that someone tried. Only a malformed number or label is answered at once (422).

    Args:
        body (CardIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CardLinkReceived | Problem | ValidationProblem]
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
    body: CardIn,
) -> CardLinkReceived | Problem | ValidationProblem | None:
    """Link an IC card or NFC tag; only a keyed hash of its id is kept

     Answered 202, the same whether or not the card is already linked, so that no one learns through it
    whether a card number is known. A card linked to no one is linked to the caller at once and listed
    in `GET /v1/me/carriers`; a card linked to another account stays theirs, and its holder is told by
    e-mail that someone tried. Only a malformed number or label is answered at once (422).

    Args:
        body (CardIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CardLinkReceived | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CardIn,
) -> Response[CardLinkReceived | Problem | ValidationProblem]:
    """Link an IC card or NFC tag; only a keyed hash of its id is kept

     Answered 202, the same whether or not the card is already linked, so that no one learns through it
    whether a card number is known. A card linked to no one is linked to the caller at once and listed
    in `GET /v1/me/carriers`; a card linked to another account stays theirs, and its holder is told by
    e-mail that someone tried. Only a malformed number or label is answered at once (422).

    Args:
        body (CardIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CardLinkReceived | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CardIn,
) -> CardLinkReceived | Problem | ValidationProblem | None:
    """Link an IC card or NFC tag; only a keyed hash of its id is kept

     Answered 202, the same whether or not the card is already linked, so that no one learns through it
    whether a card number is known. A card linked to no one is linked to the caller at once and listed
    in `GET /v1/me/carriers`; a card linked to another account stays theirs, and its holder is told by
    e-mail that someone tried. Only a malformed number or label is answered at once (422).

    Args:
        body (CardIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CardLinkReceived | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
