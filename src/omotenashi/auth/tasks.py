"""Sign-in jobs: forgetting what a sign-in left behind once it can no longer be used (OpenID
sign-ins that never came back, e-mail codes, passkey challenges), closing the sessions of
disabled staff."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth import email_codes, oidc, passkeys, queries
from omotenashi.jobs import periodic


@periodic("auth.forget_lapsed_oidc_authorizations", "*/15 * * * *")
async def forget_lapsed_oidc_authorizations(session: AsyncSession) -> None:
    await oidc.forget_lapsed(session)


@periodic("auth.forget_lapsed_codes_and_challenges", "*/15 * * * *")
async def forget_lapsed_codes_and_challenges(session: AsyncSession) -> None:
    await email_codes.forget_lapsed(session)
    await passkeys.forget_lapsed(session)


@periodic("auth.end_sessions_of_disabled_staff", "*/5 * * * *")
async def end_sessions_of_disabled_staff(session: AsyncSession) -> None:
    await queries.end_sessions_of_disabled_staff(session)
