"""Servicers: applying to join, the public directory, a servicer's own organisation, and the
operator's decisions. (Its clients are served by ``clients``, its staff by ``staff``, the audit
log by ``operations``.)"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request

from omotenashi import i18n, web
from omotenashi.auth.dependencies import CurrentOperator
from omotenashi.deps import Session, client_address, platform_keys
from omotenashi.security import ratelimit
from omotenashi.servicers import service
from omotenashi.servicers.dependencies import ServicerAdmin
from omotenashi.servicers.models import (
    Servicer,
    ServicerCategory,
    ServicerState,
)
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.servicers.schemas import (
    ApplicationIn,
    ApplicationReceived,
    ListedServicer,
    PurposeDecision,
    ServicerOut,
    StateIn,
)
from omotenashi.staff import service as staff

router = APIRouter(prefix="/v1", tags=["servicers"])


# --- Joining and the directory --------------------------------------------------------------


@router.post(
    "/servicers",
    status_code=202,
    response_model=ApplicationReceived,
    summary="An organisation applies to join; it stays pending until an operator decides",
    description=(
        "Answered 202 whether or not the administrator's address already has an account or an "
        "organisation of this name is registered in this municipality, so that the answer "
        "tells no one what the platform holds. The administrator's address receives either the "
        "link that finishes setting up the new account (the authenticator set-up) or why "
        "nothing was made. Only mistakes in the application itself are answered at once (422)."
    ),
    responses={429: {"description": "rate_limited: too many applications from this network"}},
)
async def apply(body: ApplicationIn, session: Session, request: Request) -> ApplicationReceived:
    await ratelimit.enforce(
        request.app.state.rate_limit_engine,
        service.applications_from(client_address(request)),
        service.APPLICATIONS_PER_ADDRESS,
    )
    language = i18n.negotiate(accept_language=request.headers.get("accept-language"))
    await staff.join(
        session,
        platform_keys(request).derivation,
        organisation={
            "name": body.name,
            "name_ja": body.name_ja,
            "category": body.category,
            "contact_email": body.contact_email,
            "municipality_code": body.municipality_code,
            "purposes": body.purposes,
        },
        email=body.admin.email,
        display_name=body.admin.display_name,
        password=body.admin.password,
        language=language.code,
        site=web.site_url(request),
    )
    return ApplicationReceived(
        detail="Application received. Follow the e-mail sent to the administrator's address."
    )


@router.get(
    "/servicers",
    response_model=list[ListedServicer],
    summary="Approved servicers, for visitors choosing whom to trust",
)
async def directory(session: Session, category: ServicerCategory | None = None) -> list[Servicer]:
    """List approved servicers with their category and approved purposes, for a visitor choosing
    whom to consent to."""
    return [
        s
        for s in await service.listing(session, state=ServicerState.approved)
        if category is None or s.category is category
    ]


# --- A servicer's own console ---------------------------------------------------------------


@router.get("/servicer", response_model=ServicerOut, summary="My organisation and its state")
async def my_servicer(admin: ServicerAdmin, session: Session) -> Servicer:
    """Your organisation as the platform knows it: its state (pending, approved, suspended) and its
    declared purposes with their decisions."""
    return await service.get(session, admin.servicer_id)


# --- The operator ---------------------------------------------------------------------------


@router.get(
    "/operator/servicers",
    response_model=list[ServicerOut],
    summary="Servicers, optionally in one state (pending ones await a decision)",
)
async def all_servicers(
    operator: CurrentOperator, session: Session, state: ServicerState | None = None
) -> list[Servicer]:
    """For operators: list servicers, optionally in one state, to find applications that await a
    decision."""
    return await service.listing(session, state=state)


@router.post(
    "/operator/servicers/{servicer_id}/state",
    response_model=ServicerOut,
    summary="Approve, suspend or reinstate a servicer",
    responses={409: {"description": "invalid_state_transition: not from its current state"}},
)
async def set_servicer_state(
    servicer_id: uuid.UUID, body: StateIn, operator: CurrentOperator, session: Session
) -> Servicer:
    """For operators: approve a pending servicer, suspend one, or reinstate a suspended one. The
    change is audited."""
    await service.set_state(session, servicer_id, body.state, body.reason, actor=operator.actor)
    return await service.get(session, servicer_id)


@router.post(
    "/operator/servicers/{servicer_id}/purposes/{purpose}",
    response_model=ServicerOut,
    summary="Approve or refuse one purpose a servicer declared",
)
async def decide_purpose(
    servicer_id: uuid.UUID,
    purpose: PurposeKey,
    body: PurposeDecision,
    operator: CurrentOperator,
    session: Session,
) -> Servicer:
    """For operators: approve or refuse one purpose a servicer declared; only approved purposes can
    be resolved for."""
    await service.decide_purpose(
        session, servicer_id, purpose, approve=body.approve, actor=operator.actor
    )
    return await service.get(session, servicer_id)
