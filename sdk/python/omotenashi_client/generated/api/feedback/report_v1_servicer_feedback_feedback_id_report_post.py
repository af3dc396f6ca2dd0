from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.report_in import ReportIn
from ...models.report_v1_servicer_feedback_feedback_id_report_post_response_report_v1_servicer_feedback_feedback_id_report_post import (
    ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost,
)
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    feedback_id: UUID,
    *,
    body: ReportIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/servicer/feedback/{feedback_id}/report".format(
            feedback_id=quote(str(feedback_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Problem
    | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost
    | ValidationProblem
    | None
):
    if response.status_code == 202:
        response_202 = ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost.from_dict(
            response.json()
        )

        return response_202

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
) -> Response[
    Problem
    | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost
    | ValidationProblem
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    feedback_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReportIn,
) -> Response[
    Problem
    | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost
    | ValidationProblem
]:
    """Report abusive feedback to the operator

     It stays readable until an operator hides it or puts it back.

    Args:
        feedback_id (UUID):
        body (ReportIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost | ValidationProblem]
    """

    kwargs = _get_kwargs(
        feedback_id=feedback_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    feedback_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReportIn,
) -> (
    Problem
    | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost
    | ValidationProblem
    | None
):
    """Report abusive feedback to the operator

     It stays readable until an operator hides it or puts it back.

    Args:
        feedback_id (UUID):
        body (ReportIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost | ValidationProblem
    """

    return sync_detailed(
        feedback_id=feedback_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    feedback_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReportIn,
) -> Response[
    Problem
    | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost
    | ValidationProblem
]:
    """Report abusive feedback to the operator

     It stays readable until an operator hides it or puts it back.

    Args:
        feedback_id (UUID):
        body (ReportIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost | ValidationProblem]
    """

    kwargs = _get_kwargs(
        feedback_id=feedback_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    feedback_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReportIn,
) -> (
    Problem
    | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost
    | ValidationProblem
    | None
):
    """Report abusive feedback to the operator

     It stays readable until an operator hides it or puts it back.

    Args:
        feedback_id (UUID):
        body (ReportIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportV1ServicerFeedbackFeedbackIdReportPostResponseReportV1ServicerFeedbackFeedbackIdReportPost | ValidationProblem
    """

    return (
        await asyncio_detailed(
            feedback_id=feedback_id,
            client=client,
            body=body,
        )
    ).parsed
