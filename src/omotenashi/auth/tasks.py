"""Sign-in jobs: forgetting OpenID sign-ins that were started and never came back."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth import oidc
from omotenashi.jobs import periodic


@periodic("auth.forget_lapsed_oidc_authorizations", "*/15 * * * *")
async def forget_lapsed_oidc_authorizations(session: AsyncSession) -> None:
    await oidc.forget_lapsed(session)
