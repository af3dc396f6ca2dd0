"""A webhook reaches only the public internet: a host that resolves, or re-binds its DNS, to a
private, loopback or metadata address is refused when the delivery connects, and nothing is
sent. DNS is played by a stand-in resolver (the event loop's ``getaddrinfo``) for the names
these tests invent; every other name still goes to the real one."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import build_cast
from tests.factories import approved_servicer

from omotenashi import egress
from omotenashi.consent import service as consent
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors
from omotenashi.webhooks import service, tasks
from omotenashi.webhooks.errors import InvalidEndpointError
from omotenashi.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint

from .conftest import Receiver

FOOD = PurposeKey.food_service
HOST = "hooks.pms.example.jp"
PUBLIC = "93.184.215.14"


class Resolver:
    """Answers for ``HOST`` from a script: one list of addresses per lookup, the last repeated;
    an exception in the script is raised as DNS failing."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[list[str] | Exception] = []
        self.lookups = 0
        loop = asyncio.get_running_loop()
        real: Callable[..., Any] = loop.getaddrinfo

        async def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            if host != HOST:
                return await real(host, port, *args, **kwargs)
            answer = self.answers[min(self.lookups, len(self.answers) - 1)]
            self.lookups += 1
            if isinstance(answer, Exception):
                raise answer
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    socket.IPPROTO_TCP,
                    "",
                    (a, int(port), 0, 0) if ":" in a else (a, int(port)),
                )
                for a in answer
            ]

        monkeypatch.setattr(loop, "getaddrinfo", getaddrinfo)


@pytest.fixture
async def resolver(monkeypatch: pytest.MonkeyPatch) -> Resolver:
    return Resolver(monkeypatch)


def _port(receiver: Receiver) -> int:
    return int(receiver.url.rsplit(":", 1)[1].split("/")[0])


async def _granted_delivery(
    session: AsyncSession, platform: Platform, url: str, *, allow_loopback: bool = False
) -> tuple[WebhookEndpoint, WebhookDelivery]:
    servicer = await approved_servicer(session, f"Ryokan {uuid.uuid4().hex[:6]}", FOOD)
    visitor = await visitors.create_visitor(session, Keyring(platform.keys.master), language="ko")
    endpoint, _ = await service.create_endpoint(
        session,
        platform.keys,
        servicer.id,
        url=url,
        events=["consent.granted"],
        actor="test",
        allow_loopback=allow_loopback,
    )
    await consent.grant(
        session,
        platform.keys,
        visitor.id,
        purpose=FOOD,
        attributes=["allergens"],
        servicer_id=servicer.id,
    )
    delivery = await session.scalar(
        sa.select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
    )
    assert delivery is not None
    return endpoint, delivery


def _refused_and_retried(delivery: WebhookDelivery, outcome: service.Outcome | None) -> None:
    assert outcome is not None
    assert not outcome.delivered
    assert outcome.retry_in is not None  # a failure like any unanswered attempt
    assert delivery.state is DeliveryState.pending
    assert delivery.last_status is None
    assert delivery.last_error == "the endpoint's host resolves to a private address"


async def test_a_host_resolving_to_this_machine_is_refused_and_nothing_is_sent(
    session: AsyncSession,
    platform: Platform,
    receiver: Receiver,
    resolver: Resolver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Public when registered; this machine, where a server listens, when delivered to.
    resolver.answers = [[PUBLIC], ["127.0.0.1"]]
    endpoint, delivery = await _granted_delivery(
        session, platform, f"https://{HOST}:{_port(receiver)}/hook"
    )
    # Plain HTTP, so that a request let through would really reach the listening server.
    endpoint.url = f"http://{HOST}:{_port(receiver)}/hook"
    await session.flush()
    monkeypatch.setattr(platform.settings, "webhook_loopback_endpoints", False)

    outcome = await tasks.deliver(session, platform, delivery.id)

    _refused_and_retried(delivery, outcome)
    assert receiver.received == []


@pytest.mark.parametrize(
    "rebound",
    [
        ["10.0.0.5"],
        ["169.254.169.254"],  # the cloud's metadata service
        [PUBLIC, "192.168.1.20"],  # one private address among public ones is enough
        ["::1"],
        ["fd00::8"],
        ["::ffff:10.0.0.5"],  # IPv4-mapped IPv6 of a private address
        ["::ffff:127.0.0.1"],
    ],
)
async def test_a_host_rebinding_its_dns_after_registration_is_refused_at_delivery(
    session: AsyncSession,
    platform: Platform,
    resolver: Resolver,
    rebound: list[str],
) -> None:
    resolver.answers = [[PUBLIC], rebound]
    endpoint, delivery = await _granted_delivery(session, platform, f"https://{HOST}/hook")

    outcome = await tasks.deliver(session, platform, delivery.id)

    _refused_and_retried(delivery, outcome)
    assert endpoint.disabled_at is None
    assert resolver.lookups == 2  # registration's, then the delivery's


async def test_a_delivery_connects_to_the_address_it_checked_without_a_second_lookup(
    session: AsyncSession,
    platform: Platform,
    receiver: Receiver,
    resolver: Resolver,
) -> None:
    # Registration (loopback allowed in development) and the delivery's check see this
    # machine; any later lookup would answer a private address: the delivery must not ask.
    resolver.answers = [["127.0.0.1"], ["127.0.0.1"], ["10.0.0.5"]]
    _, delivery = await _granted_delivery(
        session, platform, f"https://{HOST}:{_port(receiver)}/hook", allow_loopback=True
    )
    lookups = resolver.lookups
    port = _port(receiver)
    # The receiver speaks plain HTTP: talk to it as http, by the same name.
    endpoint = await session.get(WebhookEndpoint, delivery.endpoint_id)
    assert endpoint is not None
    endpoint.url = f"http://{HOST}:{port}/hook"
    await session.flush()

    outcome = await tasks.deliver(session, platform, delivery.id)

    assert outcome is not None
    assert outcome.delivered
    assert len(receiver.received) == 1
    assert receiver.received[0].headers["Host"] == f"{HOST}:{port}"
    assert resolver.lookups == lookups + 1


async def test_registration_refuses_a_host_resolving_to_a_private_address_but_not_silent_dns(
    client: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    resolver: Resolver,
) -> None:
    cast = await build_cast(session, platform)
    resolver.answers = [["10.20.30.40"]]
    refused = await client.post(
        "/v1/servicer/webhooks",
        json={"url": f"https://{HOST}/hook", "events": ["consent.granted"]},
        headers=cast.x.admin,
    )
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["errors"][0]["code"] == "private_address"
    assert refused.json()["errors"][0]["field"] == "url"

    # DNS that cannot answer now is no reason to refuse: the delivery checks anyway.
    resolver.answers = [socket.gaierror(socket.EAI_NONAME, "Name or service not known")]
    resolver.lookups = 0
    accepted = await client.post(
        "/v1/servicer/webhooks",
        json={"url": f"https://{HOST}/hook", "events": ["consent.granted"]},
        headers=cast.x.admin,
    )
    assert accepted.status_code == 201
    assert resolver.lookups == 1


async def test_registration_in_the_service_names_the_private_address_code(
    session: AsyncSession, platform: Platform, resolver: Resolver
) -> None:
    resolver.answers = [["::ffff:192.168.0.1"]]
    servicer = await approved_servicer(session, f"Inn {uuid.uuid4().hex[:6]}", FOOD)
    with pytest.raises(InvalidEndpointError) as refused:
        await service.create_endpoint(
            session,
            platform.keys,
            servicer.id,
            url=f"https://{HOST}/hook",
            events=["consent.granted"],
            actor="t",
        )
    assert refused.value.fields[0].code == "private_address"


@pytest.mark.parametrize(
    ("address", "loopback_allowed", "refused"),
    [
        ("8.8.8.8", False, False),
        ("2606:4700:4700::1111", False, False),
        ("::ffff:8.8.8.8", False, False),
        ("127.0.0.1", False, True),
        ("127.0.0.1", True, False),
        ("::1", True, False),
        ("::ffff:127.0.0.1", True, False),
        ("10.1.2.3", True, True),
        ("172.16.0.1", False, True),
        ("100.64.0.1", False, True),  # carrier-grade NAT
        ("169.254.169.254", True, True),
        ("fe80::1", False, True),
        ("fd12:3456::1", False, True),
        ("0.0.0.0", True, True),  # noqa: S104 -- an address judged, not bound
        ("::ffff:169.254.169.254", True, True),
        ("2002:a00:1::1", False, True),  # 6to4 of 10.0.0.1
        ("224.0.0.1", False, True),
    ],
)
def test_which_addresses_a_webhook_may_reach(
    address: str, loopback_allowed: bool, refused: bool
) -> None:
    assert egress.refused(address, allow_loopback=loopback_allowed) is refused
