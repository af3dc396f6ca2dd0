"""Sign-in jobs: forgetting what a sign-in left behind once it can no longer be used (OpenID
sign-ins that never came back, e-mail codes, passkey challenges), closing the sessions of
disabled staff."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth import queries
from omotenashi.auth.models import AuthChallenge, EmailCode, OidcAuthorization
from omotenashi.jobs import periodic


@periodic("auth.forget_lapsed_sign_in_leftovers", "*/15 * * * *")
async def forget_lapsed_sign_in_leftovers(session: AsyncSession) -> None:
    for leftover in (OidcAuthorization, EmailCode, AuthChallenge):
        await queries.forget_lapsed(session, leftover)


@periodic("auth.end_sessions_of_disabled_staff", "*/5 * * * *")
async def end_sessions_of_disabled_staff(session: AsyncSession) -> None:
    await queries.end_sessions_of_disabled_staff(session)
