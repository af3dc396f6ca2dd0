"""Sign-in jobs: forgetting OpenID sign-ins that were started and never came back, closing the
sessions of disabled staff."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth import oidc, queries
from omotenashi.jobs import periodic


@periodic("auth.forget_lapsed_oidc_authorizations", "*/15 * * * *")
async def forget_lapsed_oidc_authorizations(session: AsyncSession) -> None:
    await oidc.forget_lapsed(session)


@periodic("auth.end_sessions_of_disabled_staff", "*/5 * * * *")
async def end_sessions_of_disabled_staff(session: AsyncSession) -> None:
    await queries.end_sessions_of_disabled_staff(session)
