from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.servicer_out import ServicerOut
from ...models.state_in import StateIn
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    servicer_id: UUID,
    *,
    body: StateIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/operator/servicers/{servicer_id}/state".format(
            servicer_id=quote(str(servicer_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServicerOut | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ServicerOut.from_dict(response.json())

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
) -> Response[Problem | ServicerOut | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    servicer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: StateIn,
) -> Response[Problem | ServicerOut | ValidationProblem]:
    """Approve, suspend or reinstate a servicer

     For operators: approve a pending servicer, suspend one, or reinstate a suspended one. The
    change is audited.

    Args:
        servicer_id (UUID):
        body (StateIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServicerOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        servicer_id=servicer_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    servicer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: StateIn,
) -> Problem | ServicerOut | ValidationProblem | None:
    """Approve, suspend or reinstate a servicer

     For operators: approve a pending servicer, suspend one, or reinstate a suspended one. The
    change is audited.

    Args:
        servicer_id (UUID):
        body (StateIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServicerOut | ValidationProblem
    """

    return sync_detailed(
        servicer_id=servicer_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    servicer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: StateIn,
) -> Response[Problem | ServicerOut | ValidationProblem]:
    """Approve, suspend or reinstate a servicer

     For operators: approve a pending servicer, suspend one, or reinstate a suspended one. The
    change is audited.

    Args:
        servicer_id (UUID):
        body (StateIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServicerOut | ValidationProblem]
    """

    kwargs = _get_kwargs(
        servicer_id=servicer_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    servicer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: StateIn,
) -> Problem | ServicerOut | ValidationProblem | None:
    """Approve, suspend or reinstate a servicer

     For operators: approve a pending servicer, suspend one, or reinstate a suspended one. The
    change is audited.

    Args:
        servicer_id (UUID):
        body (StateIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServicerOut | ValidationProblem
    """

    return (
        await asyncio_detailed(
            servicer_id=servicer_id,
            client=client,
            body=body,
        )
    ).parsed
