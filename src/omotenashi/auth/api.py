"""Signing staff in and anyone out. Who calls a route is declared in ``auth.dependencies``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from omotenashi.auth import service
from omotenashi.auth.dependencies import CurrentPrincipal
from omotenashi.auth.limits import staff_sign_in_limits
from omotenashi.auth.schemas import SessionStarted, StaffSignIn
from omotenashi.deps import Session, platform_keys
from omotenashi.staff import service as staff

router = APIRouter(prefix="/v1", tags=["sessions"])


class StaffSessionStarted(SessionStarted):
    role: str
    servicer_id: str | None


@router.post(
    "/staff/sessions",
    status_code=201,
    response_model=StaffSessionStarted,
    summary="Sign a staff member or operator in with password and authenticator code",
    responses={
        401: {"description": "sign_in_failed, whatever was wrong"},
        429: {
            "description": "rate_limited: too many attempts for this account, or too many "
            "failed ones from this network address; see Retry-After"
        },
    },
)
async def staff_sign_in(
    body: StaffSignIn, session: Session, request: Request
) -> StaffSessionStarted:
    """For the console and staff tools: exchange a staff member's e-mail, password and
    authenticator code for a session secret, sent afterwards as a bearer token. Repeated
    failures are rate limited."""
    keys = platform_keys(request)
    async with staff_sign_in_limits(request, body.email):
        who = await staff.sign_in(
            session, keys.derivation, email=body.email, password=body.password, code=body.code
        )
    started = await service.start_staff_session(session, who)
    return StaffSessionStarted(
        token=started.token,
        expires_at=started.expires_at,
        role=str(who.role),
        servicer_id=str(who.servicer_id) if who.servicer_id else None,
    )


@router.delete(
    "/sessions/current",
    status_code=204,
    summary="Sign out: the session secret stops working at once",
)
async def sign_out(principal: CurrentPrincipal, session: Session) -> Response:
    """End the current visitor or staff session; its secret is refused from then on. Call it when a
    user signs out of your app."""
    await service.end(session, principal.session_id)
    return Response(status_code=204)
