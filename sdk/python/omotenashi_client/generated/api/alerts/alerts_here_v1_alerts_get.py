from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_out import AlertOut
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    municipality: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    latitude: float | None | Unset = UNSET,
    longitude: float | None | Unset = UNSET,
    language: str | Unset = "en",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_municipality: None | str | Unset
    if isinstance(municipality, Unset):
        json_municipality = UNSET
    else:
        json_municipality = municipality
    params["municipality"] = json_municipality

    json_prefecture: None | str | Unset
    if isinstance(prefecture, Unset):
        json_prefecture = UNSET
    else:
        json_prefecture = prefecture
    params["prefecture"] = json_prefecture

    json_latitude: float | None | Unset
    if isinstance(latitude, Unset):
        json_latitude = UNSET
    else:
        json_latitude = latitude
    params["latitude"] = json_latitude

    json_longitude: float | None | Unset
    if isinstance(longitude, Unset):
        json_longitude = UNSET
    else:
        json_longitude = longitude
    params["longitude"] = json_longitude

    params["language"] = language

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/alerts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ValidationProblem | list[AlertOut] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AlertOut.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ValidationProblem | list[AlertOut]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    municipality: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    latitude: float | None | Unset = UNSET,
    longitude: float | None | Unset = UNSET,
    language: str | Unset = "en",
) -> Response[ValidationProblem | list[AlertOut]]:
    """Alerts in force at a place, most severe first (for signage and screens)

     For signage and screens: the alerts in force at a place, most severe first.

    Args:
        municipality (None | str | Unset):
        prefecture (None | str | Unset):
        latitude (float | None | Unset):
        longitude (float | None | Unset):
        language (str | Unset):  Default: 'en'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ValidationProblem | list[AlertOut]]
    """

    kwargs = _get_kwargs(
        municipality=municipality,
        prefecture=prefecture,
        latitude=latitude,
        longitude=longitude,
        language=language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    municipality: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    latitude: float | None | Unset = UNSET,
    longitude: float | None | Unset = UNSET,
    language: str | Unset = "en",
) -> ValidationProblem | list[AlertOut] | None:
    """Alerts in force at a place, most severe first (for signage and screens)

     For signage and screens: the alerts in force at a place, most severe first.

    Args:
        municipality (None | str | Unset):
        prefecture (None | str | Unset):
        latitude (float | None | Unset):
        longitude (float | None | Unset):
        language (str | Unset):  Default: 'en'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ValidationProblem | list[AlertOut]
    """

    return sync_detailed(
        client=client,
        municipality=municipality,
        prefecture=prefecture,
        latitude=latitude,
        longitude=longitude,
        language=language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    municipality: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    latitude: float | None | Unset = UNSET,
    longitude: float | None | Unset = UNSET,
    language: str | Unset = "en",
) -> Response[ValidationProblem | list[AlertOut]]:
    """Alerts in force at a place, most severe first (for signage and screens)

     For signage and screens: the alerts in force at a place, most severe first.

    Args:
        municipality (None | str | Unset):
        prefecture (None | str | Unset):
        latitude (float | None | Unset):
        longitude (float | None | Unset):
        language (str | Unset):  Default: 'en'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ValidationProblem | list[AlertOut]]
    """

    kwargs = _get_kwargs(
        municipality=municipality,
        prefecture=prefecture,
        latitude=latitude,
        longitude=longitude,
        language=language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    municipality: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    latitude: float | None | Unset = UNSET,
    longitude: float | None | Unset = UNSET,
    language: str | Unset = "en",
) -> ValidationProblem | list[AlertOut] | None:
    """Alerts in force at a place, most severe first (for signage and screens)

     For signage and screens: the alerts in force at a place, most severe first.

    Args:
        municipality (None | str | Unset):
        prefecture (None | str | Unset):
        latitude (float | None | Unset):
        longitude (float | None | Unset):
        language (str | Unset):  Default: 'en'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ValidationProblem | list[AlertOut]
    """

    return (
        await asyncio_detailed(
            client=client,
            municipality=municipality,
            prefecture=prefecture,
            latitude=latitude,
            longitude=longitude,
            language=language,
        )
    ).parsed
