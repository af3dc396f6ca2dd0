from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.resolve_request import ResolveRequest
from ...models.resolve_response import ResolveResponse
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    *,
    body: ResolveRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/resolve",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ResolveResponse | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ResolveResponse.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ResolveResponse | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ResolveRequest,
) -> Response[Problem | ResolveResponse | ValidationProblem]:
    """Identify a visitor at a touchpoint and receive what they consented to share

     Send the card, tag or QR code the visitor presented and the purpose you serve them for (a terminal's
    token with the `resolve` scope). The answer is the visitor as your organisation knows them
    (`subject`, the same at each of your touchpoints, never another's), their language and the
    attributes they consented to share for the purpose; `missing` names those they did not.

    Without consent the answer is 403 `consent_required` with a `consent_request`: show its `url` as a
    QR code, and learn the visitor's answer from the `consent_request.answered` webhook (or poll
    `status_url`), then resolve again. A card that is unknown, revoked or not the visitor's, and a QR
    code that is expired or forged, are all 404 `carrier_not_found`; a QR code shown twice is 409
    `qr_replayed`.

    Args:
        body (ResolveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResolveResponse | ValidationProblem]
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
    body: ResolveRequest,
) -> Problem | ResolveResponse | ValidationProblem | None:
    """Identify a visitor at a touchpoint and receive what they consented to share

     Send the card, tag or QR code the visitor presented and the purpose you serve them for (a terminal's
    token with the `resolve` scope). The answer is the visitor as your organisation knows them
    (`subject`, the same at each of your touchpoints, never another's), their language and the
    attributes they consented to share for the purpose; `missing` names those they did not.

    Without consent the answer is 403 `consent_required` with a `consent_request`: show its `url` as a
    QR code, and learn the visitor's answer from the `consent_request.answered` webhook (or poll
    `status_url`), then resolve again. A card that is unknown, revoked or not the visitor's, and a QR
    code that is expired or forged, are all 404 `carrier_not_found`; a QR code shown twice is 409
    `qr_replayed`.

    Args:
        body (ResolveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResolveResponse | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ResolveRequest,
) -> Response[Problem | ResolveResponse | ValidationProblem]:
    """Identify a visitor at a touchpoint and receive what they consented to share

     Send the card, tag or QR code the visitor presented and the purpose you serve them for (a terminal's
    token with the `resolve` scope). The answer is the visitor as your organisation knows them
    (`subject`, the same at each of your touchpoints, never another's), their language and the
    attributes they consented to share for the purpose; `missing` names those they did not.

    Without consent the answer is 403 `consent_required` with a `consent_request`: show its `url` as a
    QR code, and learn the visitor's answer from the `consent_request.answered` webhook (or poll
    `status_url`), then resolve again. A card that is unknown, revoked or not the visitor's, and a QR
    code that is expired or forged, are all 404 `carrier_not_found`; a QR code shown twice is 409
    `qr_replayed`.

    Args:
        body (ResolveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResolveResponse | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ResolveRequest,
) -> Problem | ResolveResponse | ValidationProblem | None:
    """Identify a visitor at a touchpoint and receive what they consented to share

     Send the card, tag or QR code the visitor presented and the purpose you serve them for (a terminal's
    token with the `resolve` scope). The answer is the visitor as your organisation knows them
    (`subject`, the same at each of your touchpoints, never another's), their language and the
    attributes they consented to share for the purpose; `missing` names those they did not.

    Without consent the answer is 403 `consent_required` with a `consent_request`: show its `url` as a
    QR code, and learn the visitor's answer from the `consent_request.answered` webhook (or poll
    `status_url`), then resolve again. A card that is unknown, revoked or not the visitor's, and a QR
    code that is expired or forged, are all 404 `carrier_not_found`; a QR code shown twice is 409
    `qr_replayed`.

    Args:
        body (ResolveRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResolveResponse | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
