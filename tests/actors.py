"""Every kind of caller of the API, made through the product's own services: anonymous, two
visitors, two servicers (each with an administrator, a counter clerk, a terminal and a back-end
client) and an operator. Tests of authorisation and journeys share this cast."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.carriers import make_card
from tests.factories.clients import make_client
from tests.factories.servicers import approved_servicer
from tests.factories.staff import staff_headers
from tests.factories.visitors import make_visitor

from omotenashi.auth import service as auth
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.clients.tokens import issue_access_token
from omotenashi.consent import requests as consent_requests
from omotenashi.consent import service as consent
from omotenashi.runtime import Platform
from omotenashi.sandbox import service as sandbox
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role

Headers = dict[str, str]
PASSWORD = "correct horse battery staple"


def bearer(token: str) -> Headers:
    return {"authorization": f"Bearer {token}"}


def basic(client_id: str, secret: str) -> Headers:
    return {"authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


async def token_request(
    http: httpx.AsyncClient, client_id: str, secret: str, **form: str
) -> httpx.Response:
    """An API client asks for an access token with its id and secret (HTTP Basic)."""
    return await http.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials", **form},
        headers=basic(client_id, secret),
    )


@dataclass
class VisitorCast:
    id: uuid.UUID
    headers: Headers
    card_idm: str
    carrier_id: uuid.UUID
    grant_id: uuid.UUID
    member_id: uuid.UUID


@dataclass
class ServicerCast:
    servicer: Servicer
    admin: Headers
    clerk: Headers
    terminal: Headers
    terminal_id: uuid.UUID
    backend: Headers
    backend_id: uuid.UUID
    consent_request_id: uuid.UUID  # asked of visitor A, pending
    consent_request_token: str
    accepted_request_id: uuid.UUID  # asked of visitor B, accepted
    # Its sandbox (X's only): a sandbox terminal and back-end, a test visitor with a consent
    # request pending, and every id of the sandbox, which no live answer may carry.
    sandbox: Headers = field(default_factory=dict)
    sandbox_admin: Headers = field(default_factory=dict)
    sandbox_visitor_id: uuid.UUID | None = None
    sandbox_request_id: uuid.UUID | None = None
    sandbox_ids: list[str] = field(default_factory=list)


@dataclass
class Cast:
    a: VisitorCast
    b: VisitorCast
    x: ServicerCast
    y: ServicerCast
    operator: Headers
    callers: dict[str, Headers] = field(default_factory=dict)


async def _visitor(
    session: AsyncSession, platform: Platform, idm: str, surname: str
) -> tuple[uuid.UUID, Headers, uuid.UUID, uuid.UUID]:
    visitor = await make_visitor(
        session,
        platform.keys,
        name={"surname": surname, "given_names": "TEST"},
        nationality="AU",
        languages=["en"],
        passport={
            "document_type": "P",
            "number": "X1234567",
            "issuing_state": "AUS",
            "expiry_date": "2033-03-03",
        },
    )
    card = await make_card(session, platform.keys, visitor.id, idm)
    assert card is not None
    member = await make_visitor(session, platform.keys, registered_by=visitor.id)
    started = await auth.start_visitor_session(session, visitor.id)
    return visitor.id, bearer(started.token), card.id, member.id


async def _servicer(
    session: AsyncSession,
    platform: Platform,
    name: str,
    tag: str,
    visitor_a: uuid.UUID,
    visitor_b: uuid.UUID,
) -> ServicerCast:
    servicer = await approved_servicer(session, name, PurposeKey.hotel_check_in)
    terminal, _ = await make_client(session, servicer, location="1F")
    backend, _ = await make_client(
        session,
        servicer,
        kind=ClientKind.system,
        label="Property management system",
        scopes=("servicer:admin",),
        location=None,
    )
    asked = await consent_requests.ask(
        session,
        servicer_id=servicer.id,
        visitor_id=visitor_a,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        terminal_id=terminal.id,
    )
    answered = await consent_requests.ask(
        session,
        servicer_id=servicer.id,
        visitor_id=visitor_b,
        purpose=PurposeKey.hotel_check_in,
        attributes=["nationality"],
        terminal_id=terminal.id,
    )
    await consent_requests.accept(session, platform.keys, visitor_b, answered.token)
    return ServicerCast(
        servicer=servicer,
        admin=await staff_headers(
            session, f"admin@{tag}.example.jp", Role.servicer_admin, servicer
        ),
        clerk=await staff_headers(
            session, f"clerk@{tag}.example.jp", Role.servicer_staff, servicer
        ),
        terminal=bearer(issue_access_token(platform.keys, terminal)),
        terminal_id=terminal.id,
        backend=bearer(issue_access_token(platform.keys, backend)),
        backend_id=backend.id,
        consent_request_id=asked.id,
        consent_request_token=asked.token,
        accepted_request_id=answered.id,
    )


async def _sandbox(session: AsyncSession, platform: Platform, cast: ServicerCast) -> None:
    """Give ``cast``'s servicer a sandbox: clients, a test visitor and a request pending."""
    terminal, _ = await clients.create_client(
        session,
        cast.servicer.id,
        kind=ClientKind.terminal,
        label="Sandbox desk",
        scopes=("resolve", "consent:request"),
        purposes=("hotel_check_in",),
        actor="staff:test",
        live=False,
    )
    backend, _ = await clients.create_client(
        session,
        cast.servicer.id,
        kind=ClientKind.system,
        label="Sandbox CI",
        scopes=("servicer:admin",),
        actor="staff:test",
        live=False,
    )
    visitor = await sandbox.create_visitor(
        session, platform.keys, cast.servicer.id, label="Test guest", actor="staff:test"
    )
    asked = await consent_requests.ask(
        session,
        servicer_id=cast.servicer.id,
        visitor_id=visitor.id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        terminal_id=terminal.id,
        live=False,
    )
    cast.sandbox = bearer(issue_access_token(platform.keys, terminal))
    cast.sandbox_admin = bearer(issue_access_token(platform.keys, backend))
    cast.sandbox_visitor_id = visitor.id
    cast.sandbox_request_id = asked.id
    cast.sandbox_ids = [
        str(terminal.id),
        terminal.client_id,
        str(backend.id),
        backend.client_id,
        str(visitor.id),
        visitor.subject,
        visitor.card_idm,
        str(asked.id),
        "SANDBOX",
    ]


async def build_cast(session: AsyncSession, platform: Platform) -> Cast:
    a_id, a_headers, a_card, a_member = await _visitor(
        session, platform, "0123456789ABCDEF", "ALPHA"
    )
    b_id, b_headers, b_card, b_member = await _visitor(
        session, platform, "FEDCBA9876543210", "BRAVO"
    )
    x = await _servicer(session, platform, "Hotel X Ueno", "x", a_id, b_id)
    y = await _servicer(session, platform, "Hotel Y Asakusa", "y", a_id, b_id)
    await _sandbox(session, platform, x)
    grants = {}
    for visitor_id in (a_id, b_id):
        grants[visitor_id] = await consent.grant(
            session,
            platform.keys,
            visitor_id,
            purpose=PurposeKey.hotel_check_in,
            attributes=["name", "nationality", "passport"],
            servicer_id=x.servicer.id,
        )
    a = VisitorCast(a_id, a_headers, "0123456789ABCDEF", a_card, grants[a_id].id, a_member)
    b = VisitorCast(b_id, b_headers, "FEDCBA9876543210", b_card, grants[b_id].id, b_member)
    operator = await staff_headers(session, "ops@omotenashi.example", Role.operator, None)
    await session.commit()
    cast = Cast(a=a, b=b, x=x, y=y, operator=operator)
    cast.callers = {
        "anonymous": {},
        "visitor A": a.headers,
        "visitor B": b.headers,
        "X admin": x.admin,
        "X clerk": x.clerk,
        "X terminal": x.terminal,
        "X back-end": x.backend,
        "Y admin": y.admin,
        "Y terminal": y.terminal,
        "operator": operator,
        "X sandbox": x.sandbox,
        "X sandbox admin": x.sandbox_admin,
    }
    return cast
