"""Staff members and operators: enrolled through the product's own service (a real password
and TOTP seed), or as a bare account row for tests that only need someone signed in."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.auth import service as auth
from omotenashi.security.keys import MasterKey
from omotenashi.servicers.models import Servicer
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role, StaffUser
from omotenashi.staff.service import Enrolment, SignedIn

PASSWORD = "a long enough password"


async def make_staff(
    session: AsyncSession,
    master: MasterKey,
    role: Role,
    servicer_id: uuid.UUID | None = None,
    *,
    email: str | None = None,
    display_name: str = "Tanaka",
    password: str = PASSWORD,
) -> Enrolment:
    """A staff member (or operator) enrolled as an administrator would enrol them."""
    return await staff.create_user(
        session,
        master,
        email=email or f"{role}-{uuid.uuid4().hex[:8]}@example.jp",
        display_name=display_name,
        password=password,
        role=role,
        servicer_id=servicer_id,
        actor="test",
    )


async def staff_account(
    session: AsyncSession,
    email: str,
    role: Role,
    servicer: Servicer | None = None,
    *,
    display_name: str | None = None,
) -> StaffUser:
    """A bare staff account whose password and TOTP nobody uses: signed in directly."""
    user = StaffUser(
        servicer_id=servicer.id if servicer else None,
        email=email,
        display_name=display_name or email.split("@")[0],
        role=role,
        password_hash="$argon2id$unused-in-these-tests",
        totp_sealed=b"unused",
    )
    session.add(user)
    await session.flush()
    return user


async def staff_headers(
    session: AsyncSession, email: str, role: Role, servicer: Servicer | None = None
) -> dict[str, str]:
    """The bearer header of a signed-in session of a bare staff account."""
    user = await staff_account(session, email, role, servicer)
    started = await auth.start_staff_session(
        session, SignedIn(user.id, user.servicer_id, user.role)
    )
    return {"authorization": f"Bearer {started.token}"}
