"""Consent, from both sides: the visitor grants, narrows and revokes, and answers tap-to-consent
requests; the asking servicer fetches the signed receipt of what it was granted."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Request

from omotenashi.auth.dependencies import CurrentVisitor
from omotenashi.clients.dependencies import ClientWithScope
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.consent import receipts, service
from omotenashi.consent import requests as asks
from omotenashi.consent.models import ConsentGrant, ConsentRequest
from omotenashi.consent.schemas import ConsentRequestOut, GrantIn, GrantOut, Item, Receipt
from omotenashi.deps import Session, platform_keys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.visitors import catalogue

router = APIRouter(prefix="/v1", tags=["consent"])
Terminal = Annotated[AuthenticatedClient, ClientWithScope("resolve")]


def _purpose(key: str, language: str) -> Item:
    return Item(key=key, label=PURPOSES[PurposeKey(key)].label(language))


def _items(keys: list[str], language: str) -> list[Item]:
    return [Item(key=key, label=catalogue.get(key).label(language)) for key in keys]


async def _grant_out(session: Session, grant: ConsentGrant, language: str) -> GrantOut:
    name = (await servicers.get(session, grant.servicer_id)).name if grant.servicer_id else None
    return GrantOut(
        id=str(grant.id),
        servicer_id=str(grant.servicer_id) if grant.servicer_id else None,
        servicer_name=name,
        category=grant.servicer_category,
        purpose=_purpose(grant.purpose, language),
        attributes=_items(list(grant.attributes), language),
        granted_at=grant.granted_at,
        expires_at=grant.expires_at,
        revoked_at=grant.revoked_at,
        active=grant.revoked_at is None and grant.expires_at > datetime.now(UTC),
        receipt_jws=grant.receipt,
    )


@router.get("/me/consents", response_model=list[GrantOut], summary="Everything I consented to")
async def my_consents(me: CurrentVisitor, session: Session) -> list[GrantOut]:
    """Every consent the visitor gave: to whom, for which purpose, which items and until when."""
    return [
        await _grant_out(session, grant, me.language)
        for grant in await service.grants_of(session, me.visitor_id)
    ]


@router.post(
    "/me/consents",
    status_code=201,
    response_model=GrantOut,
    summary="Let one servicer, or every servicer of a kind, see some items for one purpose",
    responses={
        403: {
            "description": "purpose_not_approved: the servicer, or the purpose for it, is not "
            "approved by the operator (refused or not yet decided)"
        },
        404: {"description": "servicer_not_found"},
    },
)
async def grant(body: GrantIn, me: CurrentVisitor, session: Session, request: Request) -> GrantOut:
    """Let a servicer, or every approved servicer of a kind, see some of the visitor's items for
    one purpose. The answer is the consent with its signed receipt."""
    record = await service.grant(
        session,
        platform_keys(request),
        me.visitor_id,
        purpose=body.purpose,
        attributes=body.attributes,
        servicer_id=body.servicer_id,
        category=body.category,
        expires_at=body.expires_at,
    )
    return await _grant_out(session, record, me.language)


@router.delete(
    "/me/consents/{grant_id}",
    response_model=GrantOut,
    summary="Revoke a consent: it stops working at once",
)
async def revoke(grant_id: uuid.UUID, me: CurrentVisitor, session: Session) -> GrantOut:
    """Withdraw a consent: servicers stop receiving the items at once, and the servicer is told by
    the `consent.revoked` webhook."""
    return await _grant_out(
        session, await service.revoke(session, me.visitor_id, grant_id), me.language
    )


@router.get(
    "/me/consents/{grant_id}/receipt",
    response_model=Receipt,
    summary="The signed receipt of one of my consents",
)
async def my_receipt(
    grant_id: uuid.UUID, me: CurrentVisitor, session: Session, request: Request
) -> Receipt:
    """The consent's receipt signed by the platform, which the visitor can keep as proof of what
    they agreed to; check it against `/.well-known/jwks.json`."""
    record = await service.grant_of(session, me.visitor_id, grant_id)
    claims = receipts.verify(record.receipt, platform_keys(request))
    return Receipt(jws=record.receipt, claims=claims)


async def _request_out(session: Session, asked: ConsentRequest, language: str) -> ConsentRequestOut:
    servicer = await servicers.get(session, asked.servicer_id)
    return ConsentRequestOut(
        id=str(asked.id),
        state=str(asked.state),
        servicer_name=servicer.name,
        servicer_name_ja=servicer.name_ja,
        servicer_category=str(servicer.category),
        purpose=_purpose(asked.purpose, language),
        attributes=_items(list(asked.attributes), language),
        expires_at=asked.expires_at,
    )


@router.get(
    "/me/consent-requests/{token}",
    response_model=ConsentRequestOut,
    summary="A tap-to-consent request: who asks, for what, and why",
)
async def consent_request(token: str, me: CurrentVisitor, session: Session) -> ConsentRequestOut:
    """Show the visitor a consent request they opened from a terminal's QR code: which servicer
    asks, for which purpose, for which items and why."""
    asked = await asks.for_visitor(session, me.visitor_id, token)
    return await _request_out(session, asked, me.language)


@router.post(
    "/me/consent-requests/{token}/accept",
    status_code=201,
    response_model=GrantOut,
    summary="Accept a tap-to-consent request; the terminal learns it at once",
    responses={
        403: {
            "description": "purpose_not_approved: the operator no longer approves the asking "
            "servicer for the purpose"
        }
    },
)
async def accept_request(
    token: str, me: CurrentVisitor, session: Session, request: Request
) -> GrantOut:
    """Accept a consent request: the consent is granted and the asking servicer learns it at once
    (by webhook or its status)."""
    record = await asks.accept(session, platform_keys(request), me.visitor_id, token)
    return await _grant_out(session, record, me.language)


@router.post(
    "/me/consent-requests/{token}/decline",
    response_model=ConsentRequestOut,
    summary="Decline a tap-to-consent request",
)
async def decline_request(token: str, me: CurrentVisitor, session: Session) -> ConsentRequestOut:
    """Decline a consent request: nothing is shared and the asking servicer learns the answer at
    once."""
    asked = await asks.decline(session, me.visitor_id, token)
    return await _request_out(session, asked, me.language)


@router.get(
    "/consent-requests/{request_id}/receipt",
    response_model=Receipt,
    summary="The signed receipt of the consent that answered this terminal's request; it "
    "names the visitor by this servicer's pairwise subject id",
)
async def servicer_receipt(
    request_id: uuid.UUID, caller: Terminal, session: Session, request: Request
) -> Receipt:
    """Fetch the signed receipt of the consent that answered your consent request, as proof of what
    the visitor agreed to. It names the visitor only by your pairwise subject."""
    keys = platform_keys(request)
    jws = await asks.receipt_for_servicer(
        session, keys, caller.servicer_id, request_id, live=caller.live
    )
    return Receipt(jws=jws, claims=receipts.verify(jws, keys))
