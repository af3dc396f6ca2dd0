"""Two servicers that compare everything the platform gave them about one visitor cannot tell
that it was the same visitor (OpenID Connect Core §8.1), beyond what the visitor chose to show
both: each knows the visitor only by its own pairwise subject id.

One visitor checks in at two hotels, through the API and at the counter, accepts each hotel's
tap-to-consent request and rates each stay; every body each hotel then receives is gathered (the
problem bodies, the request's status, the receipt and its signed claims, the resolve answers, the
counter page and its register card PDF, the feedback inbox, the statistics page and every CSV).
"""

from __future__ import annotations

import base64
import binascii
import html
import io
import json
import re
import uuid
from dataclasses import dataclass, field

import httpx
from fastapi import FastAPI
from pypdf import PdfReader
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.factories.carriers import make_card
from tests.factories.visitors import make_visitor
from tests.pages import csrf_token, signed_in_staff

from omotenashi.auth import service as auth
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.clients.tokens import issue_access_token
from omotenashi.feedback import service as feedback
from omotenashi.privacy import service as privacy
from omotenashi.runtime import Platform
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role
from omotenashi.statistics import service as statistics
from omotenashi.translation import service as translation

CARD = "0123456789ABCDEF"
PASSPORT = "TR7654321"
EMAIL = "alpha.traveller@mail.example"
PHONE = "+61 400 123 456"
# Whatever looks like an identifier: a UUID, an e-mail address, or a run of 12 or more
# letters, digits, "-" and "_" with a digit in it (ids in base32, base64url or hex, and the
# 12 characters of a pairwise id the counter shows), but a date and time.
IDENTIFIER = re.compile(
    r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w-])(?!\d{4}-\d\d-\d\dT?\d*\b)(?=[\w-]*\d)[\w-]{12,}",
    re.ASCII,
)
COMPACT_JWS = re.compile(r"[\w-]{10,}\.[\w-]{10,}\.[\w-]{40,}")


def _b64(segment: str) -> str:
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        return segment


def _opened(text: str) -> str:
    """``text`` with every compact JWS in it replaced by its header, claims and signature."""
    return COMPACT_JWS.sub(
        lambda m: (
            " ".join(_b64(part) for part in m.group(0).split(".")[:2])
            + " "
            + m.group(0).split(".")[2]
        ),
        text,
    )


def identifiers(text: str) -> set[str]:
    return {found.lower() for found in IDENTIFIER.findall(html.unescape(_opened(text)))}


@dataclass
class Received:
    """Every body one servicer received, by where it came from, and what it sent itself."""

    bodies: dict[str, str] = field(default_factory=dict)
    sent: set[str] = field(default_factory=set)

    def add(self, what: str, answer: httpx.Response) -> httpx.Response:
        assert answer.status_code < 500, (what, answer.text)
        self.sent |= identifiers(str(answer.request.url))
        if answer.headers.get("content-type", "").startswith("application/pdf"):
            pdf = PdfReader(io.BytesIO(answer.content))
            # Its metadata too, but the times it was made (to the second).
            metadata = json.dumps(
                {k: str(v) for k, v in (pdf.metadata or {}).items() if not k.endswith("Date")}
            )
            self.bodies[what] = pdf.pages[0].extract_text() + metadata
        else:
            self.bodies[what] = answer.text
        return answer

    def identifiers(self) -> dict[str, str]:
        """Each identifier found, but those the servicer sent itself (a problem body names the
        path asked for), and the first body it was found in."""
        found: dict[str, str] = {}
        for what, body in self.bodies.items():
            for identifier in identifiers(body) - self.sent:
                found.setdefault(identifier, what)
        return found


@dataclass
class Hotel:
    servicer: Servicer
    terminal: dict[str, str]  # the terminal's bearer token
    counter: httpx.AsyncClient  # a clerk signed in at the counter, at that terminal's desk
    received: Received = field(default_factory=Received)


async def _hotel(
    session: AsyncSession, platform: Platform, app: FastAPI, name: str
) -> tuple[Servicer, dict[str, str], httpx.AsyncClient]:
    servicer = await approved_servicer(session, name, PurposeKey.hotel_check_in)
    terminal, _ = await clients.create_client(
        session,
        servicer.id,
        kind=ClientKind.terminal,
        label="Front desk",
        scopes=("resolve", "consent:request"),
        purposes=("hotel_check_in",),
        actor="staff:test",
    )
    counter = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
        base_url="http://testserver",
    )
    await signed_in_staff(counter, session, platform.keys.master, Role.servicer_staff, servicer.id)
    token = await csrf_token(counter, "/counter")
    chosen = await counter.post(
        "/counter/desk", data={"csrf_token": token, "terminal": str(terminal.id)}
    )
    assert chosen.status_code == 303
    bearer = {"authorization": f"Bearer {issue_access_token(platform.keys, terminal)}"}
    return servicer, bearer, counter


CHECK_IN = {"carrier": {"kind": "ic_card", "id": CARD}, "purpose": "hotel_check_in"}


async def _stay(
    session: AsyncSession,
    client: httpx.AsyncClient,
    visitor_id: uuid.UUID,
    visitor: dict[str, str],
    hotel: Hotel,
) -> tuple[str, str]:
    """The visitor checks in at ``hotel`` and rates it; the receipt's subject and resolve's."""
    got = hotel.received
    asked = got.add(
        "consent_required", await client.post("/v1/resolve", json=CHECK_IN, **_as(hotel))
    )
    assert asked.status_code == 403
    request = asked.json()["consent_request"]
    got.add(
        "receipt before",
        await client.get(f"/v1/consent-requests/{request['id']}/receipt", **_as(hotel)),
    )
    token = request["url"].rsplit("/", 1)[1]
    accepted = await client.post(f"/v1/me/consent-requests/{token}/accept", headers=visitor)
    assert accepted.status_code == 201
    got.add("status", await client.get(request["status_url"], **_as(hotel)))
    receipt = got.add(
        "receipt", await client.get(f"/v1/consent-requests/{request['id']}/receipt", **_as(hotel))
    )
    assert receipt.status_code == 200
    resolved = got.add("resolve", await client.post("/v1/resolve", json=CHECK_IN, **_as(hotel)))
    assert resolved.status_code == 200

    page = got.add("counter", await _look_up(hotel.counter))
    assert "宿泊者名簿" in page.text
    card = dict(
        (name, html.unescape(value))
        for name, value in re.findall(
            r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.text
        )
        if name != "csrf_token"
    )
    token = await csrf_token(hotel.counter, "/counter")
    got.add(
        "register card",
        await hotel.counter.post("/counter/register-card.pdf", data={"csrf_token": token, **card}),
    )

    (interaction, *_) = [
        entry.id
        for entry in await privacy.disclosures(session, visitor_id)
        if entry.servicer_id == hotel.servicer.id
    ]
    await feedback.give(
        session,
        translation.Chain(translator=None),
        visitor_id,
        interaction,
        rating=4,
        comment="とても親切でした",
        language="ja",
    )
    await session.commit()
    got.add("inbox", await hotel.counter.get("/inbox"))
    return receipt.json()["claims"]["piiPrincipalId"], resolved.json()["subject"]


def _as(hotel: Hotel) -> dict[str, dict[str, str]]:
    return {"headers": hotel.terminal}


async def _look_up(counter: httpx.AsyncClient) -> httpx.Response:
    token = await csrf_token(counter, "/counter")
    return await counter.post(
        "/counter/resolve",
        data={"csrf_token": token, "purpose": "hotel_check_in", "carrier": CARD},
        headers={"hx-request": "true"},
    )


async def _statistics(session: AsyncSession, hotel: Hotel) -> None:
    await statistics.recompute_day(session, statistics.today())
    await session.commit()
    got = hotel.received
    got.add("statistics", await hotel.counter.get("/console/statistics"))
    for spec in statistics.chart_specs(hotel.servicer.id):
        got.add(f"{spec.key}.csv", await hotel.counter.get(f"/console/statistics/{spec.key}.csv"))


async def _public(client: httpx.AsyncClient) -> set[str]:
    """What anyone may read: identifiers there link nobody."""
    found: set[str] = set()
    for path in ("/.well-known/jwks.json", "/v1/servicers", "/", "/staff/signin"):
        answer = await client.get(path)
        assert answer.status_code == 200, path
        found |= identifiers(answer.text)
    return found


async def test_two_servicers_cannot_link_a_visitor_by_what_the_platform_gave_them(
    session: AsyncSession, platform: Platform, app: FastAPI, client: httpx.AsyncClient
) -> None:
    visitor = await make_visitor(
        session,
        platform.keys,
        name={"surname": "ALPHA", "given_names": "TRAVELLER"},
        nationality="AU",
        languages=["en"],
        email=EMAIL,
        phone=PHONE,
        passport={
            "document_type": "P",
            "number": PASSPORT,
            "issuing_state": "AUS",
            "expiry_date": "2033-03-03",
        },
    )
    await make_card(session, platform.keys, visitor.id, CARD)
    visitor_id = visitor.id
    started = await auth.start_visitor_session(session, visitor_id)
    visitor = {"authorization": f"Bearer {started.token}"}
    hotels = []
    for name in ("Hotel Ueno", "Hotel Asakusa"):
        servicer, terminal, counter = await _hotel(session, platform, app, name)
        hotels.append(Hotel(servicer, terminal, counter))
    await session.commit()
    x, y = hotels
    try:
        subjects = [await _stay(session, client, visitor_id, visitor, hotel) for hotel in hotels]
        for hotel, other in ((x, y), (y, x)):
            await _statistics(session, hotel)
            # Asking after another servicer's request: the problem names nothing of the visitor.
            hotel.received.add(
                "other's request", await client.get(_other_request(other), **_as(hotel))
            )
    finally:
        for hotel in hotels:
            await hotel.counter.aclose()

    # Each servicer's receipt names the visitor as resolve does for it, and no two alike.
    (x_receipt, x_subject), (y_receipt, y_subject) = subjects
    assert (x_receipt, y_receipt) == (x_subject, y_subject)
    assert x_subject != y_subject
    # The visitor's own id reaches neither, in any form.
    global_forms = {str(visitor_id), visitor_id.hex, f"visitor:{visitor_id}"}
    for hotel in hotels:
        for what, body in hotel.received.bodies.items():
            opened = _opened(body).lower()
            assert not [form for form in global_forms if form in opened], what
    # Nothing that looks like an identifier reaches both, but what anyone may read, what the
    # visitor chose to show both (their e-mail address) and the hotels' own contact, which
    # the receipt names (these two share one).
    shown_to_both = {EMAIL, x.servicer.contact_email, y.servicer.contact_email}
    common = set(x.received.identifiers()) & set(y.received.identifiers())
    linking = common - await _public(client) - shown_to_both
    assert not linking, {
        token: (x.received.identifiers()[token], y.received.identifiers()[token])
        for token in linking
    }
    assert x.received.bodies.keys() == y.received.bodies.keys()


def _other_request(other: Hotel) -> str:
    found = re.search(
        r"/v1/consent-requests/[0-9a-f-]{36}", other.received.bodies["consent_required"]
    )
    assert found is not None
    return found.group(0)
