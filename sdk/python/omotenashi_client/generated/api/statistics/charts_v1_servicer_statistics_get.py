from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.charts_v1_servicer_statistics_get_response_charts_v1_servicer_statistics_get import (
    ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet,
)
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    purpose: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    json_purpose: None | str | Unset
    if isinstance(purpose, Unset):
        json_purpose = UNSET
    else:
        json_purpose = purpose
    params["purpose"] = json_purpose

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/servicer/statistics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet
    | Problem
    | ValidationProblem
    | None
):
    if response.status_code == 200:
        response_200 = ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet.from_dict(
            response.json()
        )

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
) -> Response[
    ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet | Problem | ValidationProblem
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    purpose: None | str | Unset = UNSET,
) -> Response[
    ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet | Problem | ValidationProblem
]:
    """My statistics: every chart's data for a span of days

     Default: the last two weeks. Groups smaller than the platform's k are not shown.

    Args:
        from_ (None | str | Unset): YYYY-MM-DD
        to (None | str | Unset): YYYY-MM-DD
        purpose (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        purpose=purpose,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    purpose: None | str | Unset = UNSET,
) -> (
    ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet
    | Problem
    | ValidationProblem
    | None
):
    """My statistics: every chart's data for a span of days

     Default: the last two weeks. Groups smaller than the platform's k are not shown.

    Args:
        from_ (None | str | Unset): YYYY-MM-DD
        to (None | str | Unset): YYYY-MM-DD
        purpose (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        purpose=purpose,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    purpose: None | str | Unset = UNSET,
) -> Response[
    ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet | Problem | ValidationProblem
]:
    """My statistics: every chart's data for a span of days

     Default: the last two weeks. Groups smaller than the platform's k are not shown.

    Args:
        from_ (None | str | Unset): YYYY-MM-DD
        to (None | str | Unset): YYYY-MM-DD
        purpose (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        purpose=purpose,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    purpose: None | str | Unset = UNSET,
) -> (
    ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet
    | Problem
    | ValidationProblem
    | None
):
    """My statistics: every chart's data for a span of days

     Default: the last two weeks. Groups smaller than the platform's k are not shown.

    Args:
        from_ (None | str | Unset): YYYY-MM-DD
        to (None | str | Unset): YYYY-MM-DD
        purpose (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChartsV1ServicerStatisticsGetResponseChartsV1ServicerStatisticsGet | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            purpose=purpose,
        )
    ).parsed
