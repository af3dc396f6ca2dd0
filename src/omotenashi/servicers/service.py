"""Servicer rules: applying, operator decisions, and what a servicer may receive."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

import structlog
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from omotenashi import text
from omotenashi.errors import FieldError
from omotenashi.security import audit, ratelimit
from omotenashi.servicers.errors import (
    InvalidServicerError,
    InvalidTransitionError,
    PurposeNotApprovedError,
    ServicerExistsError,
    ServicerNotFoundError,
)
from omotenashi.servicers.models import (
    PurposeState,
    Servicer,
    ServicerCategory,
    ServicerPurpose,
    ServicerState,
)
from omotenashi.servicers.purposes import PURPOSES, PurposeKey

log = structlog.get_logger(__name__)

# Applications from one network address, through the API and the join page alike.
APPLICATIONS_PER_ADDRESS = ratelimit.Limit(per_minute=2, burst=5)


def applications_from(address: str) -> str:
    """The rate-limit key of applications from a network address."""
    return f"servicer-application-from:{address}"


_MUNICIPALITY = re.compile(r"^\d{6}$")  # JIS X 0402 with check digit
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def application_errors(
    *,
    name: str,
    name_ja: str,
    contact_email: str,
    municipality_code: str | None,
    purposes: Mapping[PurposeKey, str],
    category: ServicerCategory | None = None,
    **_: object,
) -> list[FieldError]:
    """What is wrong with an application as written, before anything is compared with what
    the platform holds."""
    errors = text.unstorable_fields(
        name=name, name_ja=name_ja, contact_email=contact_email, municipality_code=municipality_code
    )
    errors += text.unstorable_fields(**{f"purposes.{key}": why for key, why in purposes.items()})
    if errors:
        return errors
    if not name.strip():
        errors.append(FieldError("name", "Give the organisation's name."))
    if not name_ja.strip():
        errors.append(FieldError("name_ja", "Give the organisation's name in Japanese."))
    if not _EMAIL.match(contact_email):
        errors.append(FieldError("contact_email", "Give a valid e-mail address."))
    if municipality_code is not None and not _MUNICIPALITY.match(municipality_code):
        errors.append(FieldError("municipality_code", "Use the 6-digit local government code."))
    if category is ServicerCategory.travel_agency:
        # A partner pre-registers travellers; it never receives a visitor's data.
        if purposes:
            errors.append(
                FieldError("purposes", "A travel agency receives no visitor data: declare none.")
            )
    elif not purposes:
        errors.append(FieldError("purposes", "Declare at least one purpose."))
    return errors


async def apply(
    session: AsyncSession,
    *,
    name: str,
    name_ja: str,
    category: ServicerCategory,
    contact_email: str,
    municipality_code: str | None,
    purposes: Mapping[PurposeKey, str],
) -> Servicer:
    """An organisation applies; it stays pending, with every purpose requested, until decided."""
    errors = application_errors(
        name=name,
        name_ja=name_ja,
        contact_email=contact_email,
        municipality_code=municipality_code,
        purposes=purposes,
        category=category,
    )
    if errors:
        raise InvalidServicerError(fields=errors)
    servicer = Servicer(
        name=name.strip(),
        name_ja=name_ja.strip(),
        category=category,
        contact_email=contact_email,
        municipality_code=municipality_code,
        state=ServicerState.pending,
        purposes=[
            ServicerPurpose(purpose=str(key), justification=why, state=PurposeState.requested)
            for key, why in purposes.items()
        ],
    )
    try:
        async with session.begin_nested():  # a duplicate rolls back only this insert
            session.add(servicer)
            await session.flush()
    except IntegrityError as exc:
        raise ServicerExistsError() from exc
    log.info("servicer.applied", servicer_id=str(servicer.id), category=str(category))
    return servicer


async def get(session: AsyncSession, servicer_id: uuid.UUID) -> Servicer:
    servicer = await session.scalar(
        select(Servicer).where(Servicer.id == servicer_id).options(selectinload(Servicer.purposes))
    )
    if servicer is None:
        raise ServicerNotFoundError()
    return servicer


_ALLOWED = {
    ServicerState.pending: {ServicerState.approved, ServicerState.suspended},
    ServicerState.approved: {ServicerState.suspended},
    ServicerState.suspended: {ServicerState.approved},
}


async def set_state(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    state: ServicerState,
    reason: str = "",
    *,
    actor: str,
) -> Servicer:
    """The operator approves, suspends or reinstates a servicer."""
    servicer = await get(session, servicer_id)
    if state not in _ALLOWED[servicer.state]:
        raise InvalidTransitionError(f"A {servicer.state} servicer cannot become {state}.")
    servicer.state = state
    servicer.state_reason = reason or None
    servicer.state_changed_at = datetime.now(UTC)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action=f"servicer.{state}",
        target=f"servicer:{servicer_id}",
        details={"reason": reason},
    )
    log.info("servicer.state_changed", servicer_id=str(servicer_id), state=str(state))
    return servicer


async def decide_purpose(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    purpose: PurposeKey,
    *,
    approve: bool,
    actor: str,
) -> ServicerPurpose:
    servicer = await get(session, servicer_id)
    declared = next((p for p in servicer.purposes if p.purpose == purpose), None)
    if declared is None:
        raise InvalidTransitionError(f"The servicer did not declare the purpose {purpose}.")
    declared.state = PurposeState.approved if approve else PurposeState.refused
    declared.decided_at = datetime.now(UTC)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="servicer.purpose_approved" if approve else "servicer.purpose_refused",
        target=f"servicer:{servicer_id}",
        details={"purpose": str(purpose)},
    )
    log.info(
        "servicer.purpose_decided",
        servicer_id=str(servicer_id),
        purpose=str(purpose),
        approved=approve,
    )
    return declared


# The approval gate of every resolve: the servicer's state and that of one of its purposes, in
# a statement built once (saying yes or no needs no Servicer object).
_APPROVAL = (
    select(Servicer.state, ServicerPurpose.state)
    .outerjoin(
        ServicerPurpose,
        (ServicerPurpose.servicer_id == Servicer.id)
        & (ServicerPurpose.purpose == bindparam("purpose")),
    )
    .where(Servicer.id == bindparam("servicer_id"))
)


async def attributes_for(
    session: AsyncSession, servicer_id: uuid.UUID, purpose: PurposeKey
) -> tuple[str, ...]:
    """What the servicer may ever receive for ``purpose``: the purpose's attributes, and
    nothing at all unless both the servicer and this purpose are approved."""
    row = (
        await session.execute(_APPROVAL, {"servicer_id": servicer_id, "purpose": str(purpose)})
    ).one_or_none()
    if row is None:
        raise ServicerNotFoundError()
    servicer_state, purpose_state = row
    if servicer_state is not ServicerState.approved or purpose_state is not PurposeState.approved:
        raise PurposeNotApprovedError()
    return PURPOSES[purpose].attributes


async def listing(
    session: AsyncSession, *, state: ServicerState | None = None, limit: int = 500
) -> list[Servicer]:
    """Servicers with their purposes, in one state or all, oldest application first."""
    query = select(Servicer).options(selectinload(Servicer.purposes))
    if state is not None:
        query = query.where(Servicer.state == state)
    rows = await session.scalars(query.order_by(Servicer.created_at, Servicer.id).limit(limit))
    return list(rows.all())
