"""The visitor's own API: register, read and change the profile, family members, MRZ reading."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Request
from pydantic import AfterValidator

from omotenashi import i18n
from omotenashi.auth import service as auth
from omotenashi.auth.dependencies import CurrentVisitor
from omotenashi.deps import Session, client_address, platform_keys
from omotenashi.errors import FieldError, ValidationFailedError
from omotenashi.security import ratelimit
from omotenashi.security.encryption import Keyring
from omotenashi.text import require_storable
from omotenashi.visitors import catalogue, mrz, service
from omotenashi.visitors.schemas import (
    Family,
    FamilyMember,
    FamilyMemberIn,
    MrzIn,
    MrzOut,
    Profile,
    Registered,
    Registration,
    SessionOut,
)

router = APIRouter(prefix="/v1", tags=["visitor"])

_PATCH_DOC = (
    "Attributes by catalogue key. A key with null removes that attribute; keys not sent are "
    "left alone (JSON merge patch). Nothing is stored when any field is wrong."
)


def _keyring(request: Request) -> Keyring:
    return platform_keys(request).keyring


async def _profile(session: Session, keyring: Keyring, visitor_id: uuid.UUID) -> Profile:
    visitor = await service.get(session, visitor_id)
    return Profile(
        visitor_id=str(visitor.id),
        language=visitor.language,
        departure=visitor.departure,
        catalogue_version=catalogue.CATALOGUE_VERSION,
        attributes=await service.read_profile(session, keyring, visitor_id),
    )


@router.post(
    "/visitors",
    status_code=201,
    response_model=Registered,
    summary="Register as a visitor; the answer carries the new session",
    responses={429: {"description": "rate_limited: too many registrations from this network"}},
)
async def register(body: Registration, session: Session, request: Request) -> Registered:
    """Register a new visitor with their language and profile. The answer carries a session secret
    for the visitor's app; send it as a bearer token on `/v1/me/...`."""
    await ratelimit.enforce(
        request.app.state.rate_limit_engine,
        service.registrations_from(client_address(request)),
        service.REGISTRATIONS_PER_ADDRESS,
    )
    language = i18n.match_tag(body.language)
    if language is None:
        raise ValidationFailedError(
            fields=[FieldError("language", "This language is not served.", "unknown_language")]
        )
    keyring = _keyring(request)
    visitor = await service.create_visitor(session, keyring, language=language.code)
    if body.profile:
        await service.update_profile(session, keyring, visitor.id, body.profile)
    started = await auth.start_visitor_session(session, visitor.id)
    profile = await _profile(session, keyring, visitor.id)
    return Registered(
        **profile.model_dump(),
        session=SessionOut(token=started.token, expires_at=started.expires_at),
    )


@router.get("/me/profile", response_model=Profile, summary="My profile, unsealed for me")
async def my_profile(me: CurrentVisitor, session: Session, request: Request) -> Profile:
    """Read the signed-in visitor's own profile, for showing it to them in an app."""
    return await _profile(session, _keyring(request), me.visitor_id)


@router.patch("/me/profile", response_model=Profile, summary="Change my profile")
async def change_my_profile(
    me: CurrentVisitor,
    session: Session,
    request: Request,
    changes: Annotated[dict[str, object], AfterValidator(require_storable)] = Body(  # noqa: B008
        description=_PATCH_DOC
    ),
) -> Profile:
    """Change some of the signed-in visitor's profile; fields left out keep their values. A
    verified value that is edited is no longer verified."""
    keyring = _keyring(request)
    await service.update_profile(session, keyring, me.visitor_id, changes)
    return await _profile(session, keyring, me.visitor_id)


@router.post(
    "/me/passport/mrz",
    response_model=MrzOut,
    summary="Read a passport's MRZ, checking every check digit; nothing is stored",
)
async def read_mrz(me: CurrentVisitor, body: MrzIn) -> MrzOut:
    """Check the machine-readable zone of a passport the visitor scanned and get its fields back,
    to fill the passport part of their profile. Every check digit is verified; nothing is
    stored."""
    passport = mrz.parse_td3(body.mrz)
    return MrzOut(attributes=mrz.to_profile(passport), nationality_code=passport.nationality)


async def _member(session: Session, keyring: Keyring, member_id: uuid.UUID) -> FamilyMember:
    return FamilyMember(
        id=str(member_id), attributes=await service.read_profile(session, keyring, member_id)
    )


@router.get("/me/family", response_model=Family, summary="The family members I registered")
async def my_family(me: CurrentVisitor, session: Session, request: Request) -> Family:
    """List the family members (such as children) the visitor registered under their own account."""
    keyring = _keyring(request)
    return Family(
        members=[
            await _member(session, keyring, member.id)
            for member in await service.family(session, me.visitor_id)
        ]
    )


@router.post(
    "/me/family",
    status_code=201,
    response_model=FamilyMember,
    summary="Register a family member who has no account of their own (a child)",
)
async def add_family_member(
    me: CurrentVisitor, body: FamilyMemberIn, session: Session, request: Request
) -> FamilyMember:
    """Register a family member who has no account of their own, such as a child, so that servicers
    can serve them too with the visitor's consent."""
    keyring = _keyring(request)
    member = await service.create_visitor(
        session, keyring, language=me.language, registered_by=me.visitor_id
    )
    await service.update_profile(session, keyring, member.id, body.attributes)
    return await _member(session, keyring, member.id)


@router.patch(
    "/me/family/{member_id}", response_model=FamilyMember, summary="Change a family member"
)
async def change_family_member(
    member_id: uuid.UUID,
    me: CurrentVisitor,
    session: Session,
    request: Request,
    changes: Annotated[dict[str, object], AfterValidator(require_storable)] = Body(  # noqa: B008
        description=_PATCH_DOC
    ),
) -> FamilyMember:
    """Change some of a family member's profile; fields left out keep their values."""
    keyring = _keyring(request)
    await service.member(session, me.visitor_id, member_id)
    await service.update_profile(session, keyring, member_id, changes)
    return await _member(session, keyring, member_id)
