"""Demo staff: a clerk and an administrator at Hotel Sakura Asakusa, an operator, and the
hotel's front-desk terminal, so the counter and the consoles can be tried at once.

Their password and authenticator key are fixed and printed: demo data only, on the embedded
default. Real accounts come from `omotenashi operator add` and the console, with secrets shown
once."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.clients import service as clients
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.demo import loader
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import Servicer
from omotenashi.staff import service
from omotenashi.staff.models import Role, StaffUser

PASSWORD = "omotenashi-demo"  # noqa: S105 - demo data, printed on purpose
TOTP_SEED = "OMOTENASHIDEMOKEY234567ABCDEFGHI"  # base32; add it to any authenticator app
HOTEL = "Hotel Sakura Asakusa"
PEOPLE = (
    ("clerk@hotel-sakura.example.jp", "Sato Hana", Role.servicer_staff),
    ("admin@hotel-sakura.example.jp", "Suzuki Ken", Role.servicer_admin),
    ("operator@omotenashi.example.jp", "Operator Demo", Role.operator),
)


@loader
async def load_staff(session: AsyncSession, keys: PlatformKeys) -> str:
    hotel = await session.scalar(select(Servicer).where(Servicer.name == HOTEL))
    if hotel is None:
        return "Staff: no demo hotel to attach them to."
    created = 0
    for email, name, role in PEOPLE:
        if await session.scalar(select(func.count()).where(StaffUser.email == email)):
            continue
        await service.create_user(
            session,
            keys.derivation,
            email=email,
            display_name=name,
            password=PASSWORD,
            role=role,
            servicer_id=None if role is Role.operator else hotel.id,
            actor="system:demo",
            totp_seed=TOTP_SEED,
        )
        created += 1
    has_desk = await session.scalar(
        select(func.count()).where(
            ApiClient.servicer_id == hotel.id, ApiClient.kind == ClientKind.terminal
        )
    )
    if not has_desk:
        await clients.create_client(
            session,
            hotel.id,
            kind=ClientKind.terminal,
            label="Front desk 1",
            scopes=("resolve", "consent:request"),
            purposes=("hotel_check_in", "food_service", "emergency"),
            location="1F lobby",
            actor="system:demo",
        )
    state = f"{created} created" if created else "already there"
    return (
        f"Staff: {state}. Sign in at /staff/signin as {PEOPLE[0][0]} (counter), "
        f"{PEOPLE[1][0]} (console) or {PEOPLE[2][0]} (operator); password {PASSWORD}; "
        f"authenticator key {TOTP_SEED}."
    )
