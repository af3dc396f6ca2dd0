from __future__ import annotations

import os
import time
import uuid
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.servicers.test_service import make_servicer

from omotenashi.security.keys import MasterKey
from omotenashi.staff import service
from omotenashi.staff.errors import (
    InvalidStaffError,
    RoleRequiredError,
    SignInFailedError,
    StaffExistsError,
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
