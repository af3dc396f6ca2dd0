from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_state import AlertState
from ...models.operator_alert_out import OperatorAlertOut
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: AlertState | None | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, AlertState):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/operator/alerts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ValidationProblem | list[OperatorAlertOut] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = OperatorAlertOut.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | ValidationProblem | list[OperatorAlertOut]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: AlertState | None | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | ValidationProblem | list[OperatorAlertOut]]:
    """The newest alerts, drafts waiting for approval included

     For operators: the newest alerts, drafts waiting for approval included.

    Args:
        state (AlertState | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | list[OperatorAlertOut]]
    """

    kwargs = _get_kwargs(
        state=state,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    state: AlertState | None | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | ValidationProblem | list[OperatorAlertOut] | None:
    """The newest alerts, drafts waiting for approval included

     For operators: the newest alerts, drafts waiting for approval included.

    Args:
        state (AlertState | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | list[OperatorAlertOut]
    """

    return sync_detailed(
        client=client,
        state=state,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: AlertState | None | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[Problem | ValidationProblem | list[OperatorAlertOut]]:
    """The newest alerts, drafts waiting for approval included

     For operators: the newest alerts, drafts waiting for approval included.

    Args:
        state (AlertState | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | list[OperatorAlertOut]]
    """

    kwargs = _get_kwargs(
        state=state,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    state: AlertState | None | Unset = UNSET,
    limit: int | Unset = 50,
) -> Problem | ValidationProblem | list[OperatorAlertOut] | None:
    """The newest alerts, drafts waiting for approval included

     For operators: the newest alerts, drafts waiting for approval included.

    Args:
        state (AlertState | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | list[OperatorAlertOut]
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            limit=limit,
        )
    ).parsed
