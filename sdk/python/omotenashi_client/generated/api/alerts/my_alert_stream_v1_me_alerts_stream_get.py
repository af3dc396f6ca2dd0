from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    duration: float | Unset = 300.0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["duration"] = duration

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/me/alerts/stream",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    duration: float | Unset = 300.0,
) -> Response[Any | Problem | ValidationProblem]:
    """Server-sent events: each alert for my area as it is issued

     A server-sent event stream that sends each alert for the visitor's area as it is issued;
    keep it open while the app is in front.

    Args:
        duration (float | Unset): Seconds before the stream ends Default: 300.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        duration=duration,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    duration: float | Unset = 300.0,
) -> Any | Problem | ValidationProblem | None:
    """Server-sent events: each alert for my area as it is issued

     A server-sent event stream that sends each alert for the visitor's area as it is issued;
    keep it open while the app is in front.

    Args:
        duration (float | Unset): Seconds before the stream ends Default: 300.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        duration=duration,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    duration: float | Unset = 300.0,
) -> Response[Any | Problem | ValidationProblem]:
    """Server-sent events: each alert for my area as it is issued

     A server-sent event stream that sends each alert for the visitor's area as it is issued;
    keep it open while the app is in front.

    Args:
        duration (float | Unset): Seconds before the stream ends Default: 300.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        duration=duration,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    duration: float | Unset = 300.0,
) -> Any | Problem | ValidationProblem | None:
    """Server-sent events: each alert for my area as it is issued

     A server-sent event stream that sends each alert for the visitor's area as it is issued;
    keep it open while the app is in front.

    Args:
        duration (float | Unset): Seconds before the stream ends Default: 300.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            duration=duration,
        )
    ).parsed
