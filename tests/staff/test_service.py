from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.servicers import make_servicer

from omotenashi.auth import queries as auth_queries
from omotenashi.auth import service as auth
from omotenashi.auth.errors import NotSignedInError
from omotenashi.security.audit import AuditEntry
from omotenashi.security.keys import MasterKey
from omotenashi.staff import service
from omotenashi.staff.errors import (
    CannotDisableSelfError,
    EnrolmentLinkNotValidError,
    InvalidStaffError,
    RoleRequiredError,
    SignInFailedError,
    StaffExistsError,
    StaffNotFoundError,
)
from omotenashi.staff.models import Role

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def master() -> MasterKey:
    return MasterKey.from_material(os.urandom(32))


async def _enrol(
    session: AsyncSession, master: MasterKey, **overrides: object
) -> tuple[service.Enrolment, pyotp.TOTP]:
    fields: dict[str, object] = {
        "email": "Desk@Hotel.example.jp",
        "display_name": "Aiko",
        "password": PASSWORD,
        "role": Role.operator,
        "servicer_id": None,
        "actor": "operator:root",
    }
    fields.update(overrides)
    enrolment = await service.create_user(session, master, **fields)  # type: ignore[arg-type]
    seed = parse_qs(urlparse(enrolment.totp_uri).query)["secret"][0]
    return enrolment, pyotp.TOTP(seed)


async def test_password_and_fresh_code_sign_in(session: AsyncSession, master: MasterKey) -> None:
    enrolment, totp = await _enrol(session, master)
    assert enrolment.user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in enrolment.user.password_hash
    now = time.time()
    signed_in = await service.sign_in(
        session, master, email="desk@hotel.example.jp", password=PASSWORD, code=totp.at(now), at=now
    )
    assert signed_in.role is Role.operator


async def test_a_one_time_code_works_only_once(session: AsyncSession, master: MasterKey) -> None:
    _, totp = await _enrol(session, master)
    now = time.time()
    await service.sign_in(
        session, master, email="desk@hotel.example.jp", password=PASSWORD, code=totp.at(now), at=now
    )
    with pytest.raises(SignInFailedError):
        await service.sign_in(
            session,
            master,
            email="desk@hotel.example.jp",
            password=PASSWORD,
            code=totp.at(now),
            at=now,
        )


@pytest.mark.parametrize("mistake", ["password", "code", "email"])
async def test_every_failure_looks_the_same(
    session: AsyncSession, master: MasterKey, mistake: str
) -> None:
    _, totp = await _enrol(session, master)
    now = time.time()
    attempt = {"email": "desk@hotel.example.jp", "password": PASSWORD, "code": totp.at(now)}
    attempt[mistake] = {
        "password": "wrong password!!",
        "code": "000000",
        "email": "nobody@example.jp",
    }[mistake]
    if mistake == "code" and totp.at(now) == "000000":
        attempt["code"] = "111111"
    with pytest.raises(SignInFailedError) as caught:
        await service.sign_in(session, master, at=now, **attempt)
    assert caught.value.code == "sign_in_failed"


async def test_staff_belong_to_a_servicer_and_operators_to_none(
    session: AsyncSession, master: MasterKey
) -> None:
    with pytest.raises(InvalidStaffError) as caught:
        await _enrol(session, master, role=Role.servicer_staff, password="short")
    assert {f.field for f in caught.value.fields} == {"password", "role"}
    hotel = await make_servicer(session)
    enrolment, _ = await _enrol(
        session,
        master,
        email="front@hotel.example.jp",
        role=Role.servicer_staff,
        servicer_id=hotel.id,
    )
    assert enrolment.user.servicer_id == hotel.id
    with pytest.raises(StaffExistsError):
        await _enrol(
            session,
            master,
            email="FRONT@hotel.example.jp",
            role=Role.servicer_staff,
            servicer_id=hotel.id,
        )


def test_roles_and_organisations_are_enforced() -> None:
    hotel, other = uuid.uuid4(), uuid.uuid4()
    staff = service.SignedIn(uuid.uuid4(), hotel, Role.servicer_staff)
    service.require(staff, Role.servicer_staff, Role.servicer_admin, servicer_id=hotel)
    with pytest.raises(RoleRequiredError):
        service.require(staff, Role.servicer_admin, servicer_id=hotel)
    with pytest.raises(RoleRequiredError):
        service.require(staff, Role.servicer_staff, servicer_id=other)
    operator = service.SignedIn(uuid.uuid4(), None, Role.operator)
    service.require(operator, Role.operator, servicer_id=other)


async def _member(
    session: AsyncSession, master: MasterKey, servicer_id: uuid.UUID, name: str, role: Role
) -> service.SignedIn:
    enrolment, _ = await _enrol(
        session,
        master,
        email=f"{name.lower()}-{uuid.uuid4().hex[:6]}@hotel.example.jp",
        display_name=name,
        role=role,
        servicer_id=servicer_id,
    )
    return service.SignedIn(enrolment.user.id, servicer_id, role)


async def test_a_servicer_lists_only_its_own_staff_disabled_ones_last(
    session: AsyncSession, master: MasterKey
) -> None:
    hotel, other = await make_servicer(session), await make_servicer(session, name="Hotel Two")
    admin = await _member(session, master, hotel.id, "Aiko", Role.servicer_admin)
    leaving = await _member(session, master, hotel.id, "Ben", Role.servicer_staff)
    await _member(session, master, hotel.id, "Chika", Role.servicer_staff)
    await _member(session, master, other.id, "Daichi", Role.servicer_staff)
    await service.disable(session, hotel.id, leaving.user_id, by=admin, actor="staff:aiko")
    *active, last = [m.display_name for m in await service.list_staff(session, hotel.id)]
    # All were made in one transaction, so they share a creation time: only the last is certain.
    assert (sorted(active), last) == (["Aiko", "Chika"], "Ben")


async def test_disabling_a_member_ends_their_sessions_and_is_audited(
    session: AsyncSession, master: MasterKey
) -> None:
    hotel = await make_servicer(session)
    admin = await _member(session, master, hotel.id, "Aiko", Role.servicer_admin)
    clerk = await _member(session, master, hotel.id, "Ben", Role.servicer_staff)
    started = await auth.start_staff_session(session, clerk)
    disabled = await service.disable(session, hotel.id, clerk.user_id, by=admin, actor="staff:a")
    assert disabled.disabled_at is not None
    with pytest.raises(NotSignedInError):
        await auth.authenticate(session, started.token)
    assert await auth_queries.end_sessions_of_disabled_staff(session) == 1  # auth's job closes it
    assert await auth_queries.end_sessions_of_disabled_staff(session) == 0
    entry = await session.scalar(
        select(AuditEntry)
        .where(AuditEntry.target == f"staff:{clerk.user_id}")
        .order_by(AuditEntry.id.desc())
    )
    assert entry is not None
    assert (entry.actor, entry.action) == ("staff:a", "staff.disabled")


async def test_no_one_disables_themself_a_colleague_elsewhere_or_as_a_clerk(
    session: AsyncSession, master: MasterKey
) -> None:
    hotel, other = await make_servicer(session), await make_servicer(session, name="Hotel Two")
    admin = await _member(session, master, hotel.id, "Aiko", Role.servicer_admin)
    clerk = await _member(session, master, hotel.id, "Ben", Role.servicer_staff)
    elsewhere = await _member(session, master, other.id, "Daichi", Role.servicer_staff)
    with pytest.raises(CannotDisableSelfError):
        await service.disable(session, hotel.id, admin.user_id, by=admin, actor="staff:a")
    with pytest.raises(StaffNotFoundError):
        await service.disable(session, hotel.id, elsewhere.user_id, by=admin, actor="staff:a")
    with pytest.raises(RoleRequiredError):
        await service.disable(session, hotel.id, admin.user_id, by=clerk, actor="staff:b")
    everyone = await service.list_staff(session, hotel.id) + await service.list_staff(
        session, other.id
    )
    assert all(member.disabled_at is None for member in everyone)


async def test_a_set_up_link_lasts_three_days_until_the_first_sign_in_and_cannot_be_forged(
    session: AsyncSession, master: MasterKey
) -> None:
    enrolment, totp = await _enrol(session, master)
    now = datetime.now(UTC)
    token = service.enrolment_token(master, enrolment.user.id, now=now)
    shown = await service.enrolment_from_link(session, master, token, now=now)
    assert shown.totp_uri == enrolment.totp_uri
    late = now + service.ENROLMENT_LINK_LIFETIME + timedelta(seconds=1)
    forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    other_key = MasterKey.from_material(os.urandom(32))
    for link, key, at in ((token, master, late), (forged, master, now), (token, other_key, now)):
        with pytest.raises(EnrolmentLinkNotValidError):
            await service.enrolment_from_link(session, key, link, now=at)
    await service.sign_in(
        session, master, email="desk@hotel.example.jp", password=PASSWORD, code=totp.now()
    )
    with pytest.raises(EnrolmentLinkNotValidError):
        await service.enrolment_from_link(session, master, token, now=now)
