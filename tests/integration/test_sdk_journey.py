"""An integrator's first day, through the Python SDK alone (``omotenashi_client``; nothing of the
platform's code is imported here), against a server started from the command line: a hotel
applies, an operator approves it, its desk terminal takes a token, asks a guest for consent,
learns the answer from a signed webhook on its own HTTP endpoint, resolves the guest, and is told
by webhook when the guest withdraws the consent."""

from __future__ import annotations

import asyncio
import email
import email.policy
import html
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pyotp
import pytest
from aiohttp import web
from omotenashi_client import (
    AuthenticatedClient,
    Client,
    TokenCache,
    TokenError,
    WebhookEvent,
    WebhookVerifier,
)
from omotenashi_client.generated.api.consent import (
    accept_request_v1_me_consent_requests_token_accept_post as accept_request,
)
from omotenashi_client.generated.api.consent import revoke_v1_me_consents_grant_id_delete as revoke
from omotenashi_client.generated.api.resolve import resolve_v1_resolve_post as resolve
from omotenashi_client.generated.api.servicer_console import (
    create_client_v1_servicer_clients_post as create_client,
)
from omotenashi_client.generated.api.servicers import (
    all_servicers_v1_operator_servicers_get as all_servicers,
)
from omotenashi_client.generated.api.servicers import apply_v1_servicers_post as apply
from omotenashi_client.generated.api.servicers import (
    decide_purpose_v1_operator_servicers_servicer_id_purposes_purpose_post as decide_purpose,
)
from omotenashi_client.generated.api.servicers import (
    set_servicer_state_v1_operator_servicers_servicer_id_state_post as set_state,
)
from omotenashi_client.generated.api.sessions import staff_sign_in_v1_staff_sessions_post as sign_in
from omotenashi_client.generated.api.visitor import link_card_v1_me_carriers_post as link_card
from omotenashi_client.generated.api.visitor import register_v1_visitors_post as register
from omotenashi_client.generated.api.webhooks import (
    create_endpoint_v1_servicer_webhooks_post as create_endpoint,
)
from omotenashi_client.generated.models import (
    AdminIn,
    ApplicationIn,
    ApplicationInPurposes,
    ApplicationReceived,
    CardIn,
    CardInKind,
    CardPresented,
    CardPresentedKind,
    ClientCreated,
    ClientIn,
    ClientKind,
    EndpointCreated,
    EndpointIn,
    GrantOut,
    Problem,
    PurposeDecision,
    PurposeKey,
    Registered,
    Registration,
    ResolveRequest,
    ResolveResponse,
    ServicerCategory,
    ServicerState,
    StaffSessionStarted,
    StaffSignIn,
    StateIn,
)
from tests.integration.conftest import Server

# A server of its own, and webhooks through its job queue: handed to a worker first.
pytestmark = pytest.mark.slow(0.35)

PASSWORD = "a journey's long password"
CARD = "0123456789ABCDEF"  # an IC card's IDm
WAIT_SECONDS = 60  # for a webhook, on a busy machine


@dataclass
class Endpoint:
    """The hotel's own webhook endpoint: a real HTTP server on this machine."""

    url: str = ""
    deliveries: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)

    async def next(self, verifier: WebhookVerifier, kind: str) -> WebhookEvent:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            for body, headers in self.deliveries:
                event = verifier.verify(body, headers)  # every delivery is signed
                if event.type == kind:
                    return event
            await asyncio.sleep(0.1)
        raise AssertionError(f"no {kind} webhook in {WAIT_SECONDS} s: {self.deliveries}")


@pytest.fixture
async def endpoint() -> AsyncIterator[Endpoint]:
    made = Endpoint()

    async def receive(request: web.Request) -> web.Response:
        made.deliveries.append((await request.read(), dict(request.headers)))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/omotenashi/webhooks", receive)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    made.url = f"http://127.0.0.1:{port}/omotenashi/webhooks"
    try:
        yield made
    finally:
        await runner.cleanup()


def _set_up_secret(outbox: Path, base: str) -> str:
    """The administrator follows the link mailed to them and reads the authenticator secret
    off the set-up page, as a person does in a browser."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for sent in sorted(outbox.glob("*.eml")):
            message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
            body = message.get_body(("plain",))
            found = re.search(r"https?://\S+(/join/enrol/\S+)", body.get_content() if body else "")
            if found:
                page = httpx.get(f"{base}{found.group(1)}", timeout=30).text
                qr = re.search(r'data-qr-text="([^"]+)"', page)
                assert qr is not None, page[:500]
                return parse_qs(urlparse(html.unescape(qr.group(1))).query)["secret"][0]
        time.sleep(0.2)
    raise AssertionError("no set-up link reached the outbox in 60 s")


async def _staff(base: str, email_address: str, seed: str) -> AuthenticatedClient:
    started = await sign_in.asyncio(
        client=Client(base_url=base),
        body=StaffSignIn(email=email_address, password=PASSWORD, code=pyotp.TOTP(seed).now()),
    )
    assert isinstance(started, StaffSessionStarted), started
    return AuthenticatedClient(base_url=base, token=started.token)


async def test_a_hotel_desk_learns_consent_and_its_withdrawal_by_signed_webhook(
    server: Server, endpoint: Endpoint
) -> None:
    anyone = Client(base_url=server.base)
    # The operator, made on the deployment's command line, signs in with their authenticator.
    added = server.cli(
        "operator", "add", "ops@journey.example", "--name", "Ops", stdin=f"{PASSWORD}\n" * 2
    )
    operator_seed = parse_qs(urlparse(added.split()[-1]).query)["secret"][0]
    operator = await _staff(server.base, "ops@journey.example", operator_seed)

    # The hotel applies; its administrator sets up their sign-in from the mailed link.
    purposes = ApplicationInPurposes()
    purposes["hotel_check_in"] = "The guest register the Hotel Business Act requires"
    applied = await apply.asyncio(
        client=anyone,
        body=ApplicationIn(
            name="Journey Hotel",
            name_ja="ジャーニーホテル",
            category=ServicerCategory.HOTEL,
            contact_email="front@journey.example.jp",
            purposes=purposes,
            admin=AdminIn(email="admin@journey.example.jp", display_name="Aki", password=PASSWORD),
        ),
    )
    assert isinstance(applied, ApplicationReceived), applied
    admin_seed = await asyncio.to_thread(_set_up_secret, server.outbox, server.base)

    # The operator approves the hotel and its purpose.
    pending = await all_servicers.asyncio(client=operator, state=ServicerState.PENDING)
    assert isinstance(pending, list), pending
    hotel = next(s.id for s in pending if s.name == "Journey Hotel")
    decided = await decide_purpose.asyncio_detailed(
        hotel, "hotel_check_in", client=operator, body=PurposeDecision(approve=True)
    )
    assert decided.status_code == 200, decided.content
    approved = await set_state.asyncio_detailed(
        hotel, client=operator, body=StateIn(state=ServicerState.APPROVED)
    )
    assert approved.status_code == 200, approved.content

    # Its administrator makes a desk terminal and registers the hotel's webhook endpoint.
    admin = await _staff(server.base, "admin@journey.example.jp", admin_seed)
    desk = await create_client.asyncio(
        client=admin,
        body=ClientIn(
            kind=ClientKind.TERMINAL,
            label="Front desk",
            scopes=["resolve", "consent:request"],
            purposes=["hotel_check_in"],
        ),
    )
    assert isinstance(desk, ClientCreated), desk
    hook = await create_endpoint.asyncio(
        client=admin,
        body=EndpointIn(url=endpoint.url, events=["consent_request.answered", "consent.revoked"]),
    )
    assert isinstance(hook, EndpointCreated), hook
    verifier = WebhookVerifier(hook.secret)

    # A guest registers and links their IC card.
    guest = await register.asyncio(client=anyone, body=Registration(language="th"))
    assert isinstance(guest, Registered), guest
    visitor = AuthenticatedClient(base_url=server.base, token=guest.session.token)
    linked = await link_card.asyncio_detailed(
        client=visitor, body=CardIn(kind=CardInKind.IC_CARD, id=CARD, label="My Suica")
    )
    assert linked.status_code == 202, linked.content

    # Credentials the platform does not know are refused in OAuth's words.
    with pytest.raises(TokenError) as refused:
        await asyncio.to_thread(TokenCache(server.base, "omc_nobody", "wrong").token)
    assert (refused.value.status, refused.value.error) == (401, "invalid_client")

    # The desk takes a token (once: it is cached) and resolves the card: consent is needed.
    now = [1000.0]  # the cache's clock, moved by the test below
    tokens = TokenCache(
        server.base, desk.client.client_id, desk.client_secret, clock=lambda: now[0]
    )
    at_desk = ResolveRequest(
        carrier=CardPresented(kind=CardPresentedKind.IC_CARD, id=CARD),
        purpose=PurposeKey.HOTEL_CHECK_IN,
    )
    asked = await resolve.asyncio(client=await asyncio.to_thread(tokens.client), body=at_desk)
    assert isinstance(asked, Problem), asked
    assert asked.code == "consent_required"
    request = asked.additional_properties["consent_request"]
    token_in_link = request["url"].rstrip("/").rsplit("/", 1)[-1]

    # The guest accepts on their phone; the desk learns it from a signed webhook, not by polling.
    grant = await accept_request.asyncio(token_in_link, client=visitor)
    assert isinstance(grant, GrantOut), grant
    answered = await endpoint.next(verifier, "consent_request.answered")
    assert answered.data["request_id"] == request["id"]
    assert answered.data["state"] in {"accepted", "fulfilled"}

    served = await resolve.asyncio(client=await asyncio.to_thread(tokens.client), body=at_desk)
    assert isinstance(served, ResolveResponse), served
    assert served.language == "th"
    assert served.subject == answered.subject  # the guest as this hotel knows them, in both
    assert tokens.requests == 1  # the token was reused
    now[0] = tokens.token().expires_at - 61  # a minute and a second left: still kept
    assert tokens.requests == 1
    now[0] += 2  # under a minute left: the next call takes a new one
    assert tokens.token().expires_at > now[0] + 60
    assert tokens.requests == 2

    # The guest withdraws the consent: the hotel is told, and the desk can no longer resolve.
    withdrawn = await revoke.asyncio_detailed(grant.id, client=visitor)
    assert withdrawn.status_code == 200, withdrawn.content
    revoked = await endpoint.next(verifier, "consent.revoked")
    assert revoked.subject == served.subject
    again = await resolve.asyncio(client=await asyncio.to_thread(tokens.client), body=at_desk)
    assert isinstance(again, Problem)
    assert again.code == "consent_required"
