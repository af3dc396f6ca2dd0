from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.reply_in import ReplyIn
from ...models.reply_out import ReplyOut
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    feedback_id: UUID,
    *,
    body: ReplyIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/servicer/feedback/{feedback_id}/replies".format(
            feedback_id=quote(str(feedback_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReplyOut | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = ReplyOut.from_dict(response.json())

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
) -> Response[Problem | ReplyOut | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    feedback_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReplyIn,
) -> Response[Problem | ReplyOut | ValidationProblem]:
    """Answer feedback in Japanese; the visitor reads it in their language

     Answer a visitor's feedback in Japanese; the visitor reads it in their own language.

    Args:
        feedback_id (UUID):
        body (ReplyIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReplyOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        feedback_id=feedback_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    feedback_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReplyIn,
) -> Problem | ReplyOut | ValidationProblem | None:
    """Answer feedback in Japanese; the visitor reads it in their language

     Answer a visitor's feedback in Japanese; the visitor reads it in their own language.

    Args:
        feedback_id (UUID):
        body (ReplyIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReplyOut | ValidationProblem
    """

    return sync_detailed(
        feedback_id=feedback_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    feedback_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReplyIn,
) -> Response[Problem | ReplyOut | ValidationProblem]:
    """Answer feedback in Japanese; the visitor reads it in their language

     Answer a visitor's feedback in Japanese; the visitor reads it in their own language.

    Args:
        feedback_id (UUID):
        body (ReplyIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReplyOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        feedback_id=feedback_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    feedback_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReplyIn,
) -> Problem | ReplyOut | ValidationProblem | None:
    """Answer feedback in Japanese; the visitor reads it in their language

     Answer a visitor's feedback in Japanese; the visitor reads it in their own language.

    Args:
        feedback_id (UUID):
        body (ReplyIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReplyOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            feedback_id=feedback_id,
            client=client,
            body=body,
        )
    ).parsed
