"""Signing staff in and anyone out, and the dependencies that name the caller of a route.

The JSON API takes the session secret only from ``Authorization: Bearer``; the pages carry it
in a cookie and check CSRF themselves, so a cookie never authenticates an API call.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from omotenashi.auth import service
from omotenashi.auth.errors import NotSignedInError, WrongPrincipalError
from omotenashi.auth.service import Principal, StaffPrincipal, VisitorPrincipal
from omotenashi.deps import Session, bearer_token, client_address, platform_keys
from omotenashi.security import ratelimit
from omotenashi.staff import service as staff
from omotenashi.staff.errors import SignInFailedError
from omotenashi.staff.models import Role
from omotenashi.text import RequestBody

router = APIRouter(prefix="/v1", tags=["sessions"])

# Enough for a person who mistypes; far too few to guess a password and a one-time code.
SIGN_IN_LIMIT = ratelimit.Limit(per_minute=10, burst=5)
# Failed sign-ins from one network address, whichever accounts they name: a desk where a few
# people mistype gets through; a script trying passwords across many accounts does not.
FAILED_SIGN_INS_PER_ADDRESS = ratelimit.Limit(per_minute=6, burst=6)


@asynccontextmanager
async def staff_sign_in_limits(request: Request, email: str) -> AsyncIterator[None]:
    """Around one staff sign-in attempt: refuse with 429 when the account (every attempt
    counts) or the caller's network address (failed attempts count) has used up its allowance,
    and count the attempt if it fails."""
    limits = request.app.state.rate_limit_engine
    address = f"staff-sign-in-from:{client_address(request)}"
    await ratelimit.refuse_when_spent(limits, address, FAILED_SIGN_INS_PER_ADDRESS)
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    await ratelimit.enforce(limits, f"staff-sign-in:{account}", SIGN_IN_LIMIT)
    try:
        yield
    except SignInFailedError:
        await ratelimit.count_failure(limits, address, FAILED_SIGN_INS_PER_ADDRESS)
        raise


async def signed_in(request: Request, session: Session) -> Principal:
    token = bearer_token(request)
    if token is None:
        raise NotSignedInError("Send your session as Authorization: Bearer.")
    return await service.authenticate(session, token)


async def signed_in_visitor(
    principal: Annotated[Principal, Depends(signed_in)],
) -> VisitorPrincipal:
    if not isinstance(principal, VisitorPrincipal):
        raise WrongPrincipalError("Only the visitor can do this.")
    return principal


async def signed_in_staff(
    principal: Annotated[Principal, Depends(signed_in)],
) -> StaffPrincipal:
    if not isinstance(principal, StaffPrincipal):
        raise WrongPrincipalError("Only staff of a servicer or an operator can do this.")
    return principal


async def signed_in_operator(
    principal: Annotated[StaffPrincipal, Depends(signed_in_staff)],
) -> StaffPrincipal:
    staff.require(principal.staff, Role.operator)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(signed_in)]
CurrentVisitor = Annotated[VisitorPrincipal, Depends(signed_in_visitor)]
CurrentStaff = Annotated[StaffPrincipal, Depends(signed_in_staff)]
CurrentOperator = Annotated[StaffPrincipal, Depends(signed_in_operator)]


class StaffSignIn(RequestBody):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)
    code: str = Field(max_length=10, description="The current code of the authenticator app")


class SessionStarted(BaseModel):
    token: str = Field(description="The bearer secret; shown once, keep it like a password")
    expires_at: datetime


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
    await service.end(session, principal.session_id)
    return Response(status_code=204)
