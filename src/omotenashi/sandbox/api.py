"""The sandbox API, for a servicer's sandbox clients (secrets prefixed ``oms_test_``): make
test visitors, show their rotating QR code, and have them consent or answer consent requests,
so that an integration can be tested end to end without a person or live data."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request

from omotenashi.deps import Session, platform_keys
from omotenashi.sandbox import service
from omotenashi.sandbox.dependencies import SandboxClient
from omotenashi.sandbox.schemas import (
    AnsweredOut,
    QrOut,
    SandboxGrantIn,
    SandboxGrantOut,
    SandboxVisitorIn,
    SandboxVisitorOut,
    TestCardOut,
)
from omotenashi.sandbox.service import TestVisitor

router = APIRouter(prefix="/v1/sandbox", tags=["sandbox"])

_REFUSED: dict[int | str, dict[str, Any]] = {
    403: {"description": "sandbox_client_required: a live client's token"}
}


def _out(visitor: TestVisitor) -> SandboxVisitorOut:
    return SandboxVisitorOut(
        id=visitor.id,
        label=visitor.label,
        subject=visitor.subject,
        card=TestCardOut(id=visitor.card_idm),
        created_at=visitor.created_at,
    )


@router.get(
    "/visitors",
    response_model=list[SandboxVisitorOut],
    summary="The sandbox's test visitors",
    responses=_REFUSED,
)
async def list_visitors(
    caller: SandboxClient, session: Session, request: Request
) -> list[SandboxVisitorOut]:
    """With a sandbox client: list your test visitors with their test cards."""
    found = await service.list_visitors(session, platform_keys(request), caller.servicer_id)
    return [_out(v) for v in found]


@router.post(
    "/visitors",
    status_code=201,
    response_model=SandboxVisitorOut,
    summary="Make a test visitor, with a sample profile and a test IC card",
    responses={**_REFUSED, 409: {"description": "sandbox_full: 50 test visitors already"}},
)
async def create_visitor(
    body: SandboxVisitorIn, caller: SandboxClient, session: Session, request: Request
) -> SandboxVisitorOut:
    """The visitor has consented to nothing yet: grant it a purpose
    (`POST /v1/sandbox/visitors/{id}/grants`), or resolve and answer the consent request that
    comes back (`POST /v1/sandbox/consent-requests/{id}/accept`)."""
    made = await service.create_visitor(
        session,
        platform_keys(request),
        caller.servicer_id,
        label=body.label,
        language=body.language,
        actor=f"api_client:{caller.id}",
    )
    return _out(made)


@router.get(
    "/visitors/{visitor_id}/qr",
    response_model=QrOut,
    summary="The rotating QR code the test visitor's phone shows now",
    responses={**_REFUSED, 404: {"description": "sandbox_visitor_not_found"}},
)
async def qr(
    visitor_id: uuid.UUID, caller: SandboxClient, session: Session, request: Request
) -> QrOut:
    """With a sandbox client: the QR code a test visitor's phone shows now, to resolve as a scanner
    would."""
    payload, expires_in = await service.qr_code(
        session, platform_keys(request), caller.servicer_id, visitor_id
    )
    return QrOut(payload=payload, expires_in=expires_in)


@router.post(
    "/visitors/{visitor_id}/grants",
    status_code=201,
    response_model=SandboxGrantOut,
    summary="The test visitor consents to everything a purpose needs, for your servicer",
    responses={
        **_REFUSED,
        404: {"description": "sandbox_visitor_not_found"},
    },
)
async def grant(
    visitor_id: uuid.UUID,
    body: SandboxGrantIn,
    caller: SandboxClient,
    session: Session,
    request: Request,
) -> SandboxGrantOut:
    """With a sandbox client: make a test visitor consent to everything a purpose needs, for your
    servicer, so that resolve answers with attributes."""
    record = await service.grant(
        session, platform_keys(request), caller.servicer_id, visitor_id, body.purpose
    )
    return SandboxGrantOut(
        grant_id=record.id,
        purpose=record.purpose,
        attributes=list(record.attributes),
        expires_at=record.expires_at,
    )


async def _answer(
    request_id: uuid.UUID, caller: SandboxClient, session: Session, request: Request, accept: bool
) -> AnsweredOut:
    answered = await service.answer(
        session, platform_keys(request), caller.servicer_id, request_id, accept=accept
    )
    return AnsweredOut(id=answered.id, state=str(answered.state))


@router.post(
    "/consent-requests/{request_id}/accept",
    response_model=AnsweredOut,
    summary="The test visitor accepts your consent request (as on their phone)",
    responses={
        **_REFUSED,
        404: {"description": "consent_request_not_found: unknown, expired or live"},
        409: {"description": "consent_request_answered"},
    },
)
async def accept(
    request_id: uuid.UUID, caller: SandboxClient, session: Session, request: Request
) -> AnsweredOut:
    """With a sandbox client: make the test visitor accept your consent request, as they would on
    their phone, to test how your system learns the answer."""
    return await _answer(request_id, caller, session, request, accept=True)


@router.post(
    "/consent-requests/{request_id}/decline",
    response_model=AnsweredOut,
    summary="The test visitor declines your consent request",
    responses={
        **_REFUSED,
        404: {"description": "consent_request_not_found: unknown, expired or live"},
        409: {"description": "consent_request_answered"},
    },
)
async def decline(
    request_id: uuid.UUID, caller: SandboxClient, session: Session, request: Request
) -> AnsweredOut:
    """With a sandbox client: make the test visitor decline your consent request, to test how your
    system handles a refusal."""
    return await _answer(request_id, caller, session, request, accept=False)
