from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.factories.visitors import MINJI, make_visitor

from omotenashi.consent import receipts, requests
from omotenashi.consent.errors import ConsentRequestAnsweredError, ConsentRequestNotFoundError
from omotenashi.consent.models import ConsentRequestState
from omotenashi.resolve import service as resolve
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.purposes import PurposeKey

NOW = datetime(2026, 11, 23, 14, 2, tzinfo=UTC)


async def test_tap_to_consent_turns_a_refusal_into_a_resolve(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    with pytest.raises(ConsentRequiredError) as refused:
        await resolve.resolve(
            session,
            keys,
            servicer_id=hotel.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.hotel_check_in,
            now=NOW,
        )
    request = await requests.ask(
        session,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=refused.value.extra["missing"],
        now=NOW,
    )
    assert requests.answer_path(request).endswith(request.token)
    assert (
        await requests.status(session, hotel.id, request.id)
    ).state is ConsentRequestState.pending

    await requests.accept(session, keys, visitor_id, request.token, now=NOW)
    assert (
        await requests.status(session, hotel.id, request.id)
    ).state is ConsentRequestState.accepted
    result = await resolve.resolve(
        session,
        keys,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        now=NOW,
    )
    assert result.attributes["passport"]["number"] == "M12345678"


async def test_a_request_is_answered_once_and_expires(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    request = await requests.ask(
        session,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        now=NOW,
    )
    await requests.decline(session, visitor_id, request.token, now=NOW)
    with pytest.raises(ConsentRequestAnsweredError):
        await requests.accept(session, keys, visitor_id, request.token, now=NOW)
    late = await requests.ask(
        session,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        now=NOW,
    )
    with pytest.raises(ConsentRequestNotFoundError):
        await requests.accept(
            session,
            keys,
            visitor_id,
            late.token,
            now=NOW + requests.REQUEST_LIFETIME + timedelta(seconds=1),
        )


async def test_only_the_asked_visitor_can_answer_and_only_the_asker_can_watch(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    stranger = (await make_visitor(session, keys, **MINJI)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    other = await approved_servicer(session, "Hotel Kiku", PurposeKey.hotel_check_in)
    request = await requests.ask(
        session,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        now=NOW,
    )
    with pytest.raises(ConsentRequestNotFoundError):
        await requests.accept(session, keys, stranger, request.token, now=NOW)
    with pytest.raises(ConsentRequestNotFoundError):
        await requests.status(session, other.id, request.id)


async def test_the_servicers_receipt_names_the_visitor_by_its_pairwise_id_alone(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    request = await requests.ask(
        session,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        now=NOW,
    )
    grant = await requests.accept(session, keys, visitor_id, request.token, now=NOW)
    resolved = await resolve.resolve(
        session,
        keys,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        now=NOW,
    )

    copy = await requests.receipt_for_servicer(session, keys, hotel.id, request.id)
    servicers = receipts.verify(copy, keys)
    visitors = receipts.verify(grant.receipt, keys)
    assert servicers["piiPrincipalId"] == resolved.subject
    assert str(visitor_id) not in copy + str(servicers)
    assert visitors["piiPrincipalId"] == f"visitor:{visitor_id}"  # the visitor's own copy
    assert {k: v for k, v in servicers.items() if k != "piiPrincipalId"} == {
        k: v for k, v in visitors.items() if k != "piiPrincipalId"
    }
    assert await requests.receipt_for_servicer(session, keys, hotel.id, request.id) == copy


async def test_a_request_cannot_be_accepted_once_the_operator_refuses_its_purpose(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    asked = await requests.ask(
        session,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        now=NOW,
    )
    await servicers.decide_purpose(
        session, hotel.id, PurposeKey.hotel_check_in, approve=False, actor="operator:test"
    )
    with pytest.raises(PurposeNotApprovedError):
        await requests.accept(session, keys, visitor_id, asked.token, now=NOW)
    assert (await requests.status(session, hotel.id, asked.id)).state is (
        ConsentRequestState.pending
    )
    with pytest.raises(PurposeNotApprovedError):  # nor asked for again
        await requests.ask(
            session,
            servicer_id=hotel.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.hotel_check_in,
            attributes=["name"],
            now=NOW,
        )
