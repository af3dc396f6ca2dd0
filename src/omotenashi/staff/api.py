"""A servicer's staff, for its administrator: add a staff member or another administrator."""

from __future__ import annotations

from fastapi import APIRouter, Request

from omotenashi.deps import Session, platform_keys
from omotenashi.servicers.dependencies import ServicerAdmin
from omotenashi.staff import service
from omotenashi.staff.models import Role
from omotenashi.staff.schemas import Enrolled, StaffIn

router = APIRouter(prefix="/v1", tags=["servicer console"])


@router.post(
    "/servicer/staff",
    status_code=201,
    response_model=Enrolled,
    summary="Add a staff member or another administrator",
    responses={409: {"description": "staff_user_exists: someone already uses this e-mail address"}},
)
async def add_staff(
    body: StaffIn, admin: ServicerAdmin, session: Session, request: Request
) -> Enrolled:
    """For a servicer's administrators: add a staff member or another administrator. The answer
    carries their authenticator enrolment, shown only this once."""
    enrolment = await service.create_user(
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
