"""Events reach a servicer's endpoint signed, once per event id, retried, and never carrying
more than the servicer may see."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook
from tests.factories import approved_servicer

from omotenashi import jobs
from omotenashi.consent import requests as consent_requests
from omotenashi.consent import service as consent
from omotenashi.payments import outbox as payment_outbox
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.visitors import service as visitors
from omotenashi.webhooks import service, tasks
from omotenashi.webhooks.errors import InvalidEndpointError
from omotenashi.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint

from .conftest import Receiver

FOOD = PurposeKey.food_service


async def _setup(
    session: AsyncSession, platform: Platform, receiver: Receiver, events: list[str]
) -> tuple[uuid.UUID, uuid.UUID, WebhookEndpoint, str]:
    servicer = await approved_servicer(session, f"Hotel {uuid.uuid4().hex[:6]}", FOOD)
    visitor = await visitors.create_visitor(session, Keyring(platform.keys.master), language="th")
    endpoint, secret = await service.create_endpoint(
        session,
        platform.keys,
        servicer.id,
        url=receiver.url,
        events=events,
        actor="test",
        allow_loopback=True,
    )
    return servicer.id, visitor.id, endpoint, secret


async def _deliveries(session: AsyncSession, endpoint_id: uuid.UUID) -> list[WebhookDelivery]:
    found = await session.scalars(
        sa.select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(WebhookDelivery.created_at)
    )
    return list(found)


async def test_an_answered_consent_request_is_pushed_signed_with_the_pairwise_subject(
    session: AsyncSession, platform: Platform, receiver: Receiver
) -> None:
    servicer_id, visitor_id, endpoint, secret = await _setup(
        session, platform, receiver, ["consent_request.answered"]
    )
    asked = await consent_requests.ask(
        session,
        servicer_id=servicer_id,
        visitor_id=visitor_id,
        purpose=FOOD,
        attributes=["allergens"],
    )
    await consent_requests.accept(session, platform.keys, visitor_id, asked.token)
    [delivery] = await _deliveries(session, endpoint.id)

    outcome = await tasks.deliver(session, platform, delivery.id)

    assert outcome is not None
    assert outcome.delivered
    [got] = receiver.received
    payload = Webhook(secret).verify(got.body, got.headers)
    assert payload["type"] == "consent_request.answered"
    assert payload["data"]["request_id"] == str(asked.id)
    assert payload["data"]["state"] == "accepted"
    expected = subject_id(pairwise_key(platform.keys.derivation), servicer_id, visitor_id)
    assert payload["data"]["subject"] == expected
    # Never the visitor's own id, nor any attribute.
    assert str(visitor_id) not in got.body.decode()
    assert "allergens" not in got.body.decode()
    assert delivery.state is DeliveryState.succeeded
    assert delivery.last_status == 200


async def test_a_failed_delivery_is_retried_later_with_the_same_webhook_id(
    session: AsyncSession, platform: Platform, receiver: Receiver
) -> None:
    servicer_id, visitor_id, endpoint, secret = await _setup(
        session, platform, receiver, ["consent.granted"]
    )
    await consent.grant(
        session,
        platform.keys,
        visitor_id,
        purpose=FOOD,
        attributes=["allergens"],
        servicer_id=servicer_id,
    )
    [delivery] = await _deliveries(session, endpoint.id)
    receiver.answers = [503]
    queued = await jobs.pending(session, service.DELIVER_JOB)

    first = await tasks.deliver(session, platform, delivery.id)

    assert first is not None
    assert first.retry_in == timedelta(seconds=10)
    assert await jobs.pending(session, service.DELIVER_JOB) == queued + 1
    assert delivery.last_status == 503
    assert delivery.state is DeliveryState.pending
    second = await tasks.deliver(session, platform, delivery.id)
    assert second is not None
    assert second.delivered
    ids = {got.headers["webhook-id"] for got in receiver.received}
    assert len(receiver.received) == 2
    assert len(ids) == 1
    assert receiver.received[0].body == receiver.received[1].body
    assert Webhook(secret).verify(receiver.received[1].body, receiver.received[1].headers)


async def test_an_endpoint_failing_for_three_days_is_disabled_and_its_administrator_told(
    session: AsyncSession, platform: Platform, receiver: Receiver, sent_mail: list
) -> None:
    servicer_id, visitor_id, endpoint, _ = await _setup(
        session, platform, receiver, ["consent.granted"]
    )
    await staff.create_user(
        session,
        platform.keys.master,
        email="owner@hotel.example.jp",
        display_name="Owner",
        password="a long enough password",
        role=Role.servicer_admin,
        servicer_id=servicer_id,
        actor="test",
    )
    start = datetime.now(UTC)
    await consent.grant(
        session,
        platform.keys,
        visitor_id,
        purpose=FOOD,
        attributes=["allergens"],
        servicer_id=servicer_id,
        now=start,
    )
    [delivery] = await _deliveries(session, endpoint.id)
    receiver.answers = [500, 500]

    first = await tasks.deliver(session, platform, delivery.id, now=start)
    last = await tasks.deliver(
        session, platform, delivery.id, now=start + timedelta(days=3, hours=1)
    )

    assert first is not None
    assert first.retry_in is not None
    assert last is not None
    assert last.endpoint_disabled
    assert delivery.state is DeliveryState.failed
    assert endpoint.disabled_at is not None
    [told] = [m for m in sent_mail if m.to == "owner@hotel.example.jp"]
    assert receiver.url in told.body
    # A later event is not even queued for the disabled endpoint.
    await consent.grant(
        session,
        platform.keys,
        visitor_id,
        purpose=FOOD,
        attributes=["allergens"],
        servicer_id=servicer_id,
    )
    assert len(await _deliveries(session, endpoint.id)) == 1


async def test_after_a_rotation_both_secrets_verify_until_the_overlap_ends(
    session: AsyncSession, platform: Platform, receiver: Receiver
) -> None:
    servicer_id, visitor_id, endpoint, old = await _setup(
        session, platform, receiver, ["consent.granted"]
    )
    _, new = await service.rotate_secret(
        session, platform.keys, servicer_id, endpoint.id, actor="test"
    )
    await consent.grant(
        session,
        platform.keys,
        visitor_id,
        purpose=FOOD,
        attributes=["allergens"],
        servicer_id=servicer_id,
    )
    [delivery] = await _deliveries(session, endpoint.id)
    await tasks.deliver(session, platform, delivery.id)
    [got] = receiver.received
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    assert Webhook(old).verify(got.body, got.headers)
    assert Webhook(new).verify(got.body, got.headers)
    later = datetime.now(UTC) + service.ROTATION_OVERLAP + timedelta(minutes=1)
    assert service.signing_secrets(platform.keys, endpoint, later) == (new,)


async def test_revocation_and_expiry_are_announced_but_a_category_grant_tells_no_servicer(
    session: AsyncSession, platform: Platform, receiver: Receiver
) -> None:
    servicer_id, visitor_id, endpoint, _ = await _setup(
        session, platform, receiver, ["consent.granted", "consent.revoked", "consent.expired"]
    )
    await consent.grant(
        session,
        platform.keys,
        visitor_id,
        purpose=FOOD,
        attributes=["allergens"],
        category=ServicerCategory.hotel,
    )
    assert await _deliveries(session, endpoint.id) == []
    now = datetime.now(UTC)
    await consent.announce_expired_grants(session, now)  # the scan starts here
    granted = await consent.grant(
        session,
        platform.keys,
        visitor_id,
        purpose=FOOD,
        attributes=["allergens"],
        servicer_id=servicer_id,
        expires_at=now + timedelta(minutes=5),
        now=now,
    )
    brief = await consent.grant(
        session,
        platform.keys,
        visitor_id,
        purpose=FOOD,
        attributes=["dietary_needs"],
        servicer_id=servicer_id,
        expires_at=now + timedelta(minutes=1),
        now=now,
    )
    await consent.revoke(session, visitor_id, granted.id)
    assert await consent.announce_expired_grants(session, now + timedelta(minutes=2)) == 1
    assert await consent.announce_expired_grants(session, now + timedelta(minutes=3)) == 0

    for delivery in await _deliveries(session, endpoint.id):
        await tasks.deliver(session, platform, delivery.id)
    kinds = [
        (json.loads(r.body)["type"], json.loads(r.body)["data"]["grant_id"])
        for r in receiver.received
    ]
    assert ("consent.revoked", str(granted.id)) in kinds
    assert ("consent.expired", str(brief.id)) in kinds
    assert ("consent.expired", str(granted.id)) not in kinds


async def test_payment_events_are_relayed_once(
    session: AsyncSession, platform: Platform, receiver: Receiver
) -> None:
    from omotenashi.payments.models import PaymentEvent

    servicer_id, _, endpoint, _ = await _setup(session, platform, receiver, ["charge.succeeded"])
    await session.execute(
        sa.insert(PaymentEvent).values(
            servicer_id=servicer_id,
            kind="charge.succeeded",
            payload={"id": str(uuid.uuid4()), "amount": 1200, "currency": "JPY", "subject": "s"},
        )
    )
    assert await payment_outbox.relay_to_webhooks(session) >= 1
    assert await payment_outbox.relay_to_webhooks(session) == 0
    [delivery] = await _deliveries(session, endpoint.id)
    await tasks.deliver(session, platform, delivery.id)
    assert json.loads(receiver.received[0].body)["data"]["amount"] == 1200


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://pms.example.jp/hook", "https_required"),
        ("https://10.1.2.3/hook", "invalid_url"),
        ("https://user:pw@pms.example.jp/hook", "invalid_url"),
        ("http://127.0.0.1:8080/hook", "invalid_url"),
        ("ftp://pms.example.jp/hook", "invalid_url"),
    ],
)
async def test_endpoints_must_be_public_https(
    session: AsyncSession, platform: Platform, url: str, code: str
) -> None:
    servicer = await approved_servicer(session, f"Shop {uuid.uuid4().hex[:6]}", FOOD)
    with pytest.raises(InvalidEndpointError) as refused:
        await service.create_endpoint(
            session, platform.keys, servicer.id, url=url, events=["consent.granted"], actor="t"
        )
    assert refused.value.fields[0].code == code


async def test_an_alert_reaches_only_servicers_in_its_area(
    session: AsyncSession, platform: Platform, receiver: Receiver
) -> None:
    _, _, tokyo, _ = await _setup(session, platform, receiver, ["alert.issued"])  # Taitō, 13106
    data = {"alert_id": str(uuid.uuid4()), "type": "earthquake", "severity": 3}

    assert (
        await service.emit_in_area(
            session, "alert.issued", data, prefectures=["27"], municipalities=["01100"]
        )
        == 0
    )
    assert await _deliveries(session, tokyo.id) == []
    assert (
        await service.emit_in_area(
            session, "alert.issued", data, prefectures=[], municipalities=["13106"]
        )
        == 1
    )
    assert (
        await service.emit_in_area(
            session, "alert.issued", data, prefectures=["13"], municipalities=[]
        )
        == 1
    )
    assert len(await _deliveries(session, tokyo.id)) == 2
