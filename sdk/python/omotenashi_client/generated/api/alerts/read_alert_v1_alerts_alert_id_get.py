from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_detail_out import AlertDetailOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    alert_id: UUID,
    *,
    language: str | Unset = "en",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["language"] = language

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/alerts/{alert_id}".format(
            alert_id=quote(str(alert_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertDetailOut | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = AlertDetailOut.from_dict(response.json())

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
) -> Response[AlertDetailOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    alert_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    language: str | Unset = "en",
) -> Response[AlertDetailOut | Problem | ValidationProblem]:
    """An alert the platform issued, in one language, with its signature

     Read one alert in a language with the platform's signature, so that a copy can be checked
    later.

    Args:
        alert_id (UUID):
        language (str | Unset):  Default: 'en'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertDetailOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        alert_id=alert_id,
        language=language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    alert_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    language: str | Unset = "en",
) -> AlertDetailOut | Problem | ValidationProblem | None:
    """An alert the platform issued, in one language, with its signature

     Read one alert in a language with the platform's signature, so that a copy can be checked
    later.

    Args:
        alert_id (UUID):
        language (str | Unset):  Default: 'en'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertDetailOut | Problem | ValidationProblem
    """

    return sync_detailed(
        alert_id=alert_id,
        client=client,
        language=language,
    ).parsed


async def asyncio_detailed(
    alert_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    language: str | Unset = "en",
) -> Response[AlertDetailOut | Problem | ValidationProblem]:
    """An alert the platform issued, in one language, with its signature

     Read one alert in a language with the platform's signature, so that a copy can be checked
    later.

    Args:
        alert_id (UUID):
        language (str | Unset):  Default: 'en'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertDetailOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        alert_id=alert_id,
        language=language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    alert_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    language: str | Unset = "en",
) -> AlertDetailOut | Problem | ValidationProblem | None:
    """An alert the platform issued, in one language, with its signature

     Read one alert in a language with the platform's signature, so that a copy can be checked
    later.

    Args:
        alert_id (UUID):
        language (str | Unset):  Default: 'en'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertDetailOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            alert_id=alert_id,
            client=client,
            language=language,
        )
    ).parsed
