from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_format import ImportFormat
from ...models.import_out import ImportOut
from ...models.problem import Problem
from ...models.upload_v1_partners_imports_post_json_body_item import (
    UploadV1PartnersImportsPostJsonBodyItem,
)
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: str | list[UploadV1PartnersImportsPostJsonBodyItem] | str | Unset = UNSET,
    format_: ImportFormat | None | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, ImportFormat):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/partners/imports",
        "params": params,
    }

    if isinstance(body, str):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"
    if isinstance(body, list[UploadV1PartnersImportsPostJsonBodyItem]):
        _kwargs["json"] = []
        for body_item_data in body:
            body_item = body_item_data.to_dict()
            _kwargs["json"].append(body_item)

        headers["Content-Type"] = "application/json"
    if isinstance(body, str):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/xml"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImportOut | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = ImportOut.from_dict(response.json())

        return response_201

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
) -> Response[ImportOut | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: str | list[UploadV1PartnersImportsPostJsonBodyItem] | str | Unset = UNSET,
    format_: ImportFormat | None | Unset = UNSET,
) -> Response[ImportOut | Problem | ValidationProblem]:
    """Upload travellers to pre-register: CSV, JSON or OTA_HotelResNotifRQ

     The body is the file itself (up to 64 MiB), its format named by the Content-Type (`text/csv`,
    `application/json`, `application/xml` for an OpenTravel `OTA_HotelResNotifRQ`) or by
    `?format=csv|json|ota`. Each row is checked on its own: good rows become invitations (each adult is
    e-mailed one in their language; minors are confirmed by their party's lead), and every refused row
    is named with its reason. A file that cannot be read at all is refused whole (422
    `unreadable_file`). What the agency supplies is sealed and seen by nobody but the traveller until
    they confirm.

    Args:
        format_ (ImportFormat | None | Unset):
        body (str):
        body (list[UploadV1PartnersImportsPostJsonBodyItem]):
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: str | list[UploadV1PartnersImportsPostJsonBodyItem] | str | Unset = UNSET,
    format_: ImportFormat | None | Unset = UNSET,
) -> ImportOut | Problem | ValidationProblem | None:
    """Upload travellers to pre-register: CSV, JSON or OTA_HotelResNotifRQ

     The body is the file itself (up to 64 MiB), its format named by the Content-Type (`text/csv`,
    `application/json`, `application/xml` for an OpenTravel `OTA_HotelResNotifRQ`) or by
    `?format=csv|json|ota`. Each row is checked on its own: good rows become invitations (each adult is
    e-mailed one in their language; minors are confirmed by their party's lead), and every refused row
    is named with its reason. A file that cannot be read at all is refused whole (422
    `unreadable_file`). What the agency supplies is sealed and seen by nobody but the traveller until
    they confirm.

    Args:
        format_ (ImportFormat | None | Unset):
        body (str):
        body (list[UploadV1PartnersImportsPostJsonBodyItem]):
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportOut | Problem | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: str | list[UploadV1PartnersImportsPostJsonBodyItem] | str | Unset = UNSET,
    format_: ImportFormat | None | Unset = UNSET,
) -> Response[ImportOut | Problem | ValidationProblem]:
    """Upload travellers to pre-register: CSV, JSON or OTA_HotelResNotifRQ

     The body is the file itself (up to 64 MiB), its format named by the Content-Type (`text/csv`,
    `application/json`, `application/xml` for an OpenTravel `OTA_HotelResNotifRQ`) or by
    `?format=csv|json|ota`. Each row is checked on its own: good rows become invitations (each adult is
    e-mailed one in their language; minors are confirmed by their party's lead), and every refused row
    is named with its reason. A file that cannot be read at all is refused whole (422
    `unreadable_file`). What the agency supplies is sealed and seen by nobody but the traveller until
    they confirm.

    Args:
        format_ (ImportFormat | None | Unset):
        body (str):
        body (list[UploadV1PartnersImportsPostJsonBodyItem]):
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportOut | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: str | list[UploadV1PartnersImportsPostJsonBodyItem] | str | Unset = UNSET,
    format_: ImportFormat | None | Unset = UNSET,
) -> ImportOut | Problem | ValidationProblem | None:
    """Upload travellers to pre-register: CSV, JSON or OTA_HotelResNotifRQ

     The body is the file itself (up to 64 MiB), its format named by the Content-Type (`text/csv`,
    `application/json`, `application/xml` for an OpenTravel `OTA_HotelResNotifRQ`) or by
    `?format=csv|json|ota`. Each row is checked on its own: good rows become invitations (each adult is
    e-mailed one in their language; minors are confirmed by their party's lead), and every refused row
    is named with its reason. A file that cannot be read at all is refused whole (422
    `unreadable_file`). What the agency supplies is sealed and seen by nobody but the traveller until
    they confirm.

    Args:
        format_ (ImportFormat | None | Unset):
        body (str):
        body (list[UploadV1PartnersImportsPostJsonBodyItem]):
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportOut | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            format_=format_,
        )
    ).parsed
