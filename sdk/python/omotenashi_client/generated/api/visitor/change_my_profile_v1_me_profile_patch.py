from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_my_profile_v1_me_profile_patch_changes import (
    ChangeMyProfileV1MeProfilePatchChanges,
)
from ...models.problem import Problem
from ...models.profile import Profile
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    *,
    body: ChangeMyProfileV1MeProfilePatchChanges,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/me/profile",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Profile | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = Profile.from_dict(response.json())

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
) -> Response[Problem | Profile | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ChangeMyProfileV1MeProfilePatchChanges,
) -> Response[Problem | Profile | ValidationProblem]:
    """Change my profile

     Change some of the signed-in visitor's profile; fields left out keep their values. A
    verified value that is edited is no longer verified.

    Args:
        body (ChangeMyProfileV1MeProfilePatchChanges): Attributes by catalogue key. A key with
            null removes that attribute; keys not sent are left alone (JSON merge patch). Nothing is
            stored when any field is wrong.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Profile | ValidationProblem]
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
    body: ChangeMyProfileV1MeProfilePatchChanges,
) -> Problem | Profile | ValidationProblem | None:
    """Change my profile

     Change some of the signed-in visitor's profile; fields left out keep their values. A
    verified value that is edited is no longer verified.

    Args:
        body (ChangeMyProfileV1MeProfilePatchChanges): Attributes by catalogue key. A key with
            null removes that attribute; keys not sent are left alone (JSON merge patch). Nothing is
            stored when any field is wrong.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Profile | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ChangeMyProfileV1MeProfilePatchChanges,
) -> Response[Problem | Profile | ValidationProblem]:
    """Change my profile

     Change some of the signed-in visitor's profile; fields left out keep their values. A
    verified value that is edited is no longer verified.

    Args:
        body (ChangeMyProfileV1MeProfilePatchChanges): Attributes by catalogue key. A key with
            null removes that attribute; keys not sent are left alone (JSON merge patch). Nothing is
            stored when any field is wrong.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Profile | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ChangeMyProfileV1MeProfilePatchChanges,
) -> Problem | Profile | ValidationProblem | None:
    """Change my profile

     Change some of the signed-in visitor's profile; fields left out keep their values. A
    verified value that is edited is no longer verified.

    Args:
        body (ChangeMyProfileV1MeProfilePatchChanges): Attributes by catalogue key. A key with
            null removes that attribute; keys not sent are left alone (JSON merge patch). Nothing is
            stored when any field is wrong.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Profile | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
