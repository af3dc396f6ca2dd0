"""Servicers: applying to join, the public directory, a servicer's own console (its API clients
and terminals, its staff), and the operator's decisions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from omotenashi import i18n, web
from omotenashi.auth.dependencies import CurrentOperator
from omotenashi.clients import service as clients
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.deps import Session, client_address, platform_keys
from omotenashi.security import audit, ratelimit
from omotenashi.servicers import service
from omotenashi.servicers.dependencies import ServicerAdmin
from omotenashi.servicers.models import (
    PurposeState,
    Servicer,
    ServicerCategory,
    ServicerState,
)
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.text import RequestBody

router = APIRouter(prefix="/v1", tags=["servicers"])


# --- Shapes ---------------------------------------------------------------------------------


class PurposeOut(BaseModel):
    purpose: str
    state: str
    justification: str
    decided_at: datetime | None


class ServicerOut(BaseModel):
    id: str
    name: str
    name_ja: str
    category: str
    state: str
    municipality_code: str | None
    state_reason: str | None
    purposes: list[PurposeOut]


class ListedServicer(BaseModel):
    """What anyone may know of an approved servicer: enough for a visitor to choose."""

    id: str
    name: str
    name_ja: str
    category: str
    municipality_code: str | None
    purposes: list[str] = Field(description="The purposes the operator approved")


class AdminIn(RequestBody):
    email: str = Field(max_length=320)
    display_name: str = Field(max_length=200)
    password: str = Field(max_length=1024, description="At least 12 characters")


class ApplicationIn(RequestBody):
    name: str = Field(max_length=200)
    name_ja: str = Field(max_length=200)
    category: ServicerCategory
    contact_email: str = Field(max_length=320)
    municipality_code: str | None = Field(None, max_length=6, description="JIS X 0402, 6 digits")
    purposes: dict[PurposeKey, Annotated[str, Field(max_length=1000)]] = Field(
        description="Each purpose declared, with why the organisation needs it"
    )
    admin: AdminIn = Field(description="The first administrator of the organisation's console")


class Enrolled(BaseModel):
    staff_id: str
    totp_uri: str = Field(description="Shown once: add it to an authenticator app (as a QR code)")


class ApplicationReceived(BaseModel):
    """The same whatever the platform already holds (see ``POST /v1/servicers``)."""

    detail: str


class ClientIn(RequestBody):
    kind: ClientKind
    label: str = Field(max_length=200)
    scopes: list[str] = Field(max_length=8)
    purposes: list[str] = Field(default_factory=list, max_length=8)
    location: str | None = Field(None, max_length=200, description="Where a terminal stands")


class ClientOut(BaseModel):
    id: str
    client_id: str
    kind: str
    label: str
    scopes: list[str]
    purposes: list[str]
    location: str | None
    max_visitors_per_minute: int
    max_requests_per_minute: int
    created_at: datetime
    rotated_at: datetime | None
    revoked_at: datetime | None


class ClientCreated(BaseModel):
    client: ClientOut
    client_secret: str = Field(description="Shown once; only a hash of it is kept")


class SecretOut(BaseModel):
    client_secret: str = Field(description="Shown once; the old secret no longer works")


class StaffIn(AdminIn):
    role: Literal["servicer_admin", "servicer_staff"]


class StateIn(RequestBody):
    state: ServicerState
    reason: str = Field("", max_length=500)


class PurposeDecision(RequestBody):
    approve: bool


class AuditEntryOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    details: dict[str, object]
    hash: str
    previous_hash: str


class ChainOut(BaseModel):
    checked: int
    intact: bool
    first_broken_id: int | None
    reason: str | None


def _servicer_out(servicer: Servicer) -> ServicerOut:
    return ServicerOut(
        id=str(servicer.id),
        name=servicer.name,
        name_ja=servicer.name_ja,
        category=str(servicer.category),
        state=str(servicer.state),
        municipality_code=servicer.municipality_code,
        state_reason=servicer.state_reason,
        purposes=[
            PurposeOut(
                purpose=p.purpose,
                state=str(p.state),
                justification=p.justification,
                decided_at=p.decided_at,
            )
            for p in sorted(servicer.purposes, key=lambda p: p.purpose)
        ],
    )


def _client_out(client: ApiClient) -> ClientOut:
    return ClientOut(
        id=str(client.id),
        client_id=client.client_id,
        kind=str(client.kind),
        label=client.label,
        scopes=list(client.scopes),
        purposes=list(client.purposes),
        location=client.location,
        max_visitors_per_minute=client.max_visitors_per_minute,
        max_requests_per_minute=client.max_requests_per_minute,
        created_at=client.created_at,
        rotated_at=client.rotated_at,
        revoked_at=client.revoked_at,
    )


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
async def directory(
    session: Session, category: ServicerCategory | None = None
) -> list[ListedServicer]:
    return [
        ListedServicer(
            id=str(s.id),
            name=s.name,
            name_ja=s.name_ja,
            category=str(s.category),
            municipality_code=s.municipality_code,
            purposes=sorted(p.purpose for p in s.purposes if p.state is PurposeState.approved),
        )
        for s in await service.listing(session, state=ServicerState.approved)
        if category is None or s.category is category
    ]


# --- A servicer's own console ---------------------------------------------------------------


@router.get("/servicer", response_model=ServicerOut, summary="My organisation and its state")
async def my_servicer(admin: ServicerAdmin, session: Session) -> ServicerOut:
    return _servicer_out(await service.get(session, admin.servicer_id))


@router.get(
    "/servicer/clients", response_model=list[ClientOut], summary="My API clients and terminals"
)
async def my_clients(admin: ServicerAdmin, session: Session) -> list[ClientOut]:
    return [_client_out(c) for c in await clients.list_clients(session, admin.servicer_id)]


@router.post(
    "/servicer/clients",
    status_code=201,
    response_model=ClientCreated,
    summary="Create an API client or a terminal; its secret is shown this once",
    responses={
        403: {
            "description": "servicer_not_approved; or purpose_not_approved: a terminal's purpose "
            "the operator refused or has not approved (named in errors)"
        }
    },
)
async def create_client(body: ClientIn, admin: ServicerAdmin, session: Session) -> ClientCreated:
    client, secret = await clients.create_client(
        session,
        admin.servicer_id,
        kind=body.kind,
        label=body.label,
        scopes=body.scopes,
        purposes=body.purposes,
        location=body.location,
        actor=admin.actor,
    )
    return ClientCreated(client=_client_out(client), client_secret=secret)


@router.post(
    "/servicer/clients/{client_id}/rotate",
    response_model=SecretOut,
    summary="Give a client or terminal a new secret; the old one stops working",
)
async def rotate_client(client_id: uuid.UUID, admin: ServicerAdmin, session: Session) -> SecretOut:
    secret = await clients.rotate_secret(session, admin.servicer_id, client_id, actor=admin.actor)
    return SecretOut(client_secret=secret)


@router.delete(
    "/servicer/clients/{client_id}",
    response_model=ClientOut,
    summary="Revoke a client or terminal for good; even its unexpired tokens stop working",
)
async def revoke_client(client_id: uuid.UUID, admin: ServicerAdmin, session: Session) -> ClientOut:
    return _client_out(
        await clients.revoke(session, admin.servicer_id, client_id, actor=admin.actor)
    )


@router.post(
    "/servicer/staff",
    status_code=201,
    response_model=Enrolled,
    summary="Add a staff member or another administrator",
)
async def add_staff(
    body: StaffIn, admin: ServicerAdmin, session: Session, request: Request
) -> Enrolled:
    enrolment = await staff.create_user(
        session,
        platform_keys(request).derivation,
        email=body.email,
        display_name=body.display_name,
        password=body.password,
        role=Role(body.role),
        servicer_id=admin.servicer_id,
        actor=admin.actor,
    )
    return Enrolled(staff_id=str(enrolment.user.id), totp_uri=enrolment.totp_uri)


# --- The operator ---------------------------------------------------------------------------


@router.get(
    "/operator/servicers",
    response_model=list[ServicerOut],
    summary="Servicers, optionally in one state (pending ones await a decision)",
)
async def all_servicers(
    operator: CurrentOperator, session: Session, state: ServicerState | None = None
) -> list[ServicerOut]:
    return [_servicer_out(s) for s in await service.listing(session, state=state)]


@router.post(
    "/operator/servicers/{servicer_id}/state",
    response_model=ServicerOut,
    summary="Approve, suspend or reinstate a servicer",
)
async def set_servicer_state(
    servicer_id: uuid.UUID, body: StateIn, operator: CurrentOperator, session: Session
) -> ServicerOut:
    await service.set_state(session, servicer_id, body.state, body.reason, actor=operator.actor)
    return _servicer_out(await service.get(session, servicer_id))


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
) -> ServicerOut:
    await service.decide_purpose(
        session, servicer_id, purpose, approve=body.approve, actor=operator.actor
    )
    return _servicer_out(await service.get(session, servicer_id))


@router.get(
    "/operator/audit",
    response_model=list[AuditEntryOut],
    summary="The audit log, newest first",
)
async def audit_log(
    operator: CurrentOperator,
    session: Session,
    before_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AuditEntryOut]:
    return [
        AuditEntryOut(
            id=e.id,
            at=e.at,
            actor=e.actor,
            action=e.action,
            target=e.target,
            details=e.details,
            hash=e.hash,
            previous_hash=e.previous_hash,
        )
        for e in await audit.recent(session, limit=limit, before_id=before_id)
    ]


@router.get(
    "/operator/audit/chain",
    response_model=ChainOut,
    summary="Verify the audit log's hash chain; names the first broken link",
)
async def audit_chain(operator: CurrentOperator, session: Session) -> ChainOut:
    report = await audit.verify(session)
    return ChainOut(
        checked=report.checked,
        intact=report.intact,
        first_broken_id=report.first_broken_id,
        reason=report.reason,
    )
