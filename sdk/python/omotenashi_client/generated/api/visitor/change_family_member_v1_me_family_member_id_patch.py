from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_family_member_v1_me_family_member_id_patch_changes import (
    ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges,
)
from ...models.family_member import FamilyMember
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    member_id: UUID,
    *,
    body: ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/me/family/{member_id}".format(
            member_id=quote(str(member_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FamilyMember | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = FamilyMember.from_dict(response.json())

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
) -> Response[FamilyMember | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    member_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges,
) -> Response[FamilyMember | Problem | ValidationProblem]:
    """Change a family member

     Change some of a family member's profile; fields left out keep their values.

    Args:
        member_id (UUID):
        body (ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges): Attributes by catalogue key. A
            key with null removes that attribute; keys not sent are left alone (JSON merge patch).
            Nothing is stored when any field is wrong.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FamilyMember | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    member_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges,
) -> FamilyMember | Problem | ValidationProblem | None:
    """Change a family member

     Change some of a family member's profile; fields left out keep their values.

    Args:
        member_id (UUID):
        body (ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges): Attributes by catalogue key. A
            key with null removes that attribute; keys not sent are left alone (JSON merge patch).
            Nothing is stored when any field is wrong.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FamilyMember | Problem | ValidationProblem
    """

    return sync_detailed(
        member_id=member_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    member_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges,
) -> Response[FamilyMember | Problem | ValidationProblem]:
    """Change a family member

     Change some of a family member's profile; fields left out keep their values.

    Args:
        member_id (UUID):
        body (ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges): Attributes by catalogue key. A
            key with null removes that attribute; keys not sent are left alone (JSON merge patch).
            Nothing is stored when any field is wrong.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FamilyMember | Problem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    member_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges,
) -> FamilyMember | Problem | ValidationProblem | None:
    """Change a family member

     Change some of a family member's profile; fields left out keep their values.

    Args:
        member_id (UUID):
        body (ChangeFamilyMemberV1MeFamilyMemberIdPatchChanges): Attributes by catalogue key. A
            key with null removes that attribute; keys not sent are left alone (JSON merge patch).
            Nothing is stored when any field is wrong.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FamilyMember | Problem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            member_id=member_id,
            client=client,
            body=body,
        )
    ).parsed
