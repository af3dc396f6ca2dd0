"""Every HTML page as every kind of person: who is let in, who is sent to sign in, who is refused.
A page route missing from the table fails the last test, so a new page cannot skip this.

Everyone is signed in once for the module, and each test runs in a transaction rolled back at
its end (tests/shared_rows.py): what one caller changes is gone for the next test."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from tests.factories import approved_servicer
from tests.pages import csrf_token, signed_in_staff, signed_in_visitor
from tests.routes import http_routes
from tests.shared_rows import SharedRows

from omotenashi.auth import service as auth
from omotenashi.pgcluster import EmbeddedCluster
from omotenashi.runtime import Platform
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role

CALLERS = ("anonymous", "visitor", "clerk", "admin", "operator")
VISITOR_SIGN_IN, STAFF_SIGN_IN = "/signin?next=", "/staff/signin?next="


@dataclass(frozen=True)
class Page:
    method: str
    path: str
    allowed: tuple[str, ...]  # who gets the page (2xx); the others are sent to sign in or refused
    sign_in: str | None  # where someone not signed in the right way is sent

    @property
    def route(self) -> str:
        return self.path.split("?")[0]


ANYONE = CALLERS
VISITOR = ("visitor",)
COUNTER = ("clerk", "admin")
PAGES = (
    Page("GET", "/", ANYONE, None),
    Page("GET", "/signin", ("anonymous", "clerk", "admin", "operator"), None),
    Page("GET", "/staff/signin", ANYONE, None),
    Page("GET", "/join", ANYONE, None),
    Page("GET", "/sw.js", ANYONE, None),
    Page("GET", "/docs", ANYONE, None),
    Page("GET", "/me", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/register/about", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/register/family", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/register/stay/towns?town_query=taito", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/pass", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/consents", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/consents/new?purpose=food_service", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/access", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/privacy", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/privacy/export", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/counter", COUNTER, STAFF_SIGN_IN),
    Page("GET", "/console", ("admin",), STAFF_SIGN_IN),
    Page("GET", "/operator", ("operator",), STAFF_SIGN_IN),
    Page("GET", "/inbox", COUNTER, STAFF_SIGN_IN),
    Page("GET", "/alerts", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/verify", ANYONE, None),
    Page("GET", "/operator/alerts", ("operator",), STAFF_SIGN_IN),
    Page("GET", "/operator/feedback", ("operator",), STAFF_SIGN_IN),
    Page("GET", "/operator/statistics", ("operator",), STAFF_SIGN_IN),
    Page("GET", "/operator/statistics/resolves-by-hour.csv", ("operator",), STAFF_SIGN_IN),
    Page("GET", "/console/statistics", COUNTER, STAFF_SIGN_IN),
    Page("GET", "/console/statistics/resolves-by-hour.csv", COUNTER, STAFF_SIGN_IN),
    Page("GET", "/events", ANYONE, None),
    Page("GET", "/console/content", ("admin",), STAFF_SIGN_IN),
    Page("GET", "/operator/translation-bank", ("operator",), STAFF_SIGN_IN),
    Page("GET", "/wallet", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/wallet/card", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/console/payments", COUNTER, STAFF_SIGN_IN),
    Page("GET", "/console/payments/settlement.csv", COUNTER, STAFF_SIGN_IN),
    Page("GET", "/me/tax-free", VISITOR, VISITOR_SIGN_IN),
    Page("GET", "/console/tax-free", COUNTER, STAFF_SIGN_IN),
    Page("GET", "/console/tax-free/records.csv", COUNTER, STAFF_SIGN_IN),
    # Without a seat cookie: "this conversation has ended", to anyone.
    Page("GET", "/talk", ANYONE, None),
    Page("GET", "/phrasebook/ne", ANYONE, None),
    Page("GET", "/console/webhooks", ("admin",), STAFF_SIGN_IN),
    Page("GET", "/developers", ANYONE, None),
    # An approved travel agency's administrators only; a hotel's are refused (the agency's own
    # visits: tests/partners/test_pages.py).
    Page("GET", "/partners/console", (), STAFF_SIGN_IN),
    Page("GET", "/console/sandbox", ("admin",), STAFF_SIGN_IN),
)
# Routes reached only through a form or a script of the pages above, or with a secret in the
# path; each is covered by its own domain's page tests.
COVERED_ELSEWHERE = {
    # tests/webhooks/test_pages.py: an administrator's forms, CSRF-checked by their router
    "POST /console/webhooks",
    "POST /console/webhooks/{endpoint_id}/rotate",
    "POST /console/webhooks/{endpoint_id}/enable",
    "POST /console/webhooks/{endpoint_id}/delete",
    "POST /console/webhooks/deliveries/{delivery_id}/replay",
    # tests/sandbox/test_pages.py: one test visitor's simulator and forms, its servicer's
    # administrators only (another servicer's get 404)
    "POST /console/sandbox",  # and in POSTS below
    "GET /console/sandbox/{visitor_id}",
    "GET /console/sandbox/{visitor_id}/qr",
    "POST /console/sandbox/{visitor_id}/requests/{request_id}/{answer}",
    "POST /console/sandbox/{visitor_id}/grant",
    "POST /csp-reports",  # tests/test_security_headers.py
    "GET /.well-known/jwks.json",  # public by design, tests/security/test_jwks.py
    "GET /.well-known/oidc-client-jwks.json",  # public by design, tests/oidc/test_sign_in.py
    # Anyone may start a sign-in and bring an answer back; only the browser that started it
    # gets anywhere (tests/oidc/test_sign_in.py). Verifying needs a visitor (same file).
    "POST /signin/oidc/{provider}",
    "GET /signin/oidc/callback",
    "POST /me/verify/{provider}",
    "GET /redoc",  # a redirect to /docs, tests/test_security_headers.py
    "GET /register",
    "GET /register/{step_key}",
    "POST /register/{step_key}",
    "POST /register/passport/check",
    "POST /register/family",
    "POST /register/family/{member_id}/remove",
    "POST /signin/email",
    "POST /signin/code",
    "POST /signin/passkey/options",
    "POST /signin/passkey",
    "POST /passkeys/options",
    "POST /passkeys",
    "POST /signout",
    "POST /staff/signin",
    "POST /join",
    "POST /staff/signout",
    "POST /pass/device",
    "POST /pass/cards",
    "POST /pass/carriers/{carrier_id}/revoke",
    "POST /consents",
    "POST /consents/{grant_id}/revoke",
    "POST /consents/{grant_id}/narrow",
    "GET /consent/requests/{token}",
    "POST /consent/requests/{token}/accept",
    "POST /consent/requests/{token}/decline",
    "POST /privacy/erase",
    "POST /counter/desk",
    "POST /counter/resolve",
    "GET /counter/requests/{request_id}",
    "POST /counter/register-card.pdf",
    "POST /console/clients",
    "POST /console/clients/{client_id}/rotate",
    "POST /console/clients/{client_id}/revoke",
    "POST /console/staff",
    "POST /console/staff/{staff_id}/disable",
    "POST /operator/servicers/{servicer_id}/state",
    "POST /operator/servicers/{servicer_id}/purposes/{purpose}",
    "GET /feedback/{access_log_id}",
    "POST /feedback/{access_log_id}",
    "POST /feedback/{access_log_id}/delete",
    "POST /inbox/{feedback_id}/reply",
    "POST /inbox/{feedback_id}/report",
    "POST /operator/feedback/{feedback_id}",
    # Tried by everyone above through one chart's CSV each.
    "GET /operator/statistics/{key}.csv",
    "GET /console/statistics/{key}.csv",
    "POST /alerts/emergency",
    "GET /alerts/stream",
    "POST /alerts/push",
    "GET /alerts/{alert_id}",
    "POST /alerts/{alert_id}/safety",
    "POST /verify",
    "POST /operator/alerts/preview",
    "POST /operator/alerts",
    "POST /operator/alerts/{alert_id}/{decision}",
    "GET /operator/alerts/{alert_id}",
    "GET /operator/alerts/{alert_id}/safety",
    "GET /menus/{servicer_id}",
    "POST /suggestions",
    "POST /console/content",
    "GET /console/content/{item_id}",
    "POST /console/content/{item_id}",
    "POST /console/content/{item_id}/translate",
    "POST /console/content/{item_id}/translations",
    "POST /console/content/{item_id}/delete",
    "POST /console/suggestions/{suggestion_id}",
    "POST /operator/suggestions/{suggestion_id}",
    "GET /signage/{terminal_id}",
    "GET /signage/{terminal_id}/stream",
    "GET /join/enrol/{token}",
    # Tax-free (tests/taxfree/test_pages.py): the counter needs a desk; a record, a shop.
    "GET /counter/tax-free",
    "POST /counter/tax-free",
    "GET /console/tax-free/{record_id}/file",
    "POST /console/tax-free/{record_id}/correct",
    "POST /console/tax-free/{record_id}/refund",
    "POST /console/tax-free/confirmations",
    # Payments (tests/payments/test_pages.py): the counter's form needs a desk first.
    "GET /counter/payments",
    "POST /counter/payments",
    "POST /console/payments/{charge_id}/refund",
    "GET /wallet/receipts/{payment_id}",
    "GET /wallet/confirm/{token}",
    "POST /wallet/card",
    "POST /wallet/confirm/{token}",
    "GET /counter/payments/confirmations/{confirmation_id}",
    "GET /console/payments/{payment_id}/invoice",
    "POST /console/payments/invoice-number",  # tried by every caller in POSTS below
    # Conversation (tests/conversation/test_pages.py): a conversation's own pages need one
    # started by the servicer's counter; the visitor's side needs the seat its code gave.
    "POST /counter/talk",  # tried by every caller in POSTS below
    "GET /counter/talk/{conversation_id}",
    "GET /counter/talk/{conversation_id}/stream",
    "POST /counter/talk/{conversation_id}/invite",
    "POST /counter/talk/{conversation_id}/say",
    "POST /counter/talk/{conversation_id}/write",
    "POST /counter/talk/{conversation_id}/turn",
    "POST /counter/talk/{conversation_id}/end",
    "GET /talk/stream",
    "POST /talk/say",
    "POST /talk/write",
    "POST /talk/end",
    "GET /talk/join/{code}",
    "POST /talk/join/{code}",
    "GET /phrasebook/{language}",
    # Partners (tests/partners/test_pages.py): an agency's forms and print page, CSRF-checked
    # and refused to all but an agency's administrators; the invitation has its secret in the path.
    "POST /partners/console/imports",  # tried by every caller in POSTS below
    "POST /partners/console/invitations/{invitation_id}/withdraw",
    "GET /partners/console/invitations/{invitation_id}/print",
    "GET /invite/{token}",
    "POST /invite/{token}",
}
# A few state-changing pages tried by everyone, with a valid CSRF token: only their people pass.
POSTS = (
    ("/partners/console/imports", {}, (), STAFF_SIGN_IN),
    ("/console/clients", {"kind": "terminal", "label": "Desk"}, ("admin",), STAFF_SIGN_IN),
    ("/console/sandbox", {"label": "Guest A"}, ("admin",), STAFF_SIGN_IN),
    (
        "/console/staff",
        {"display_name": "Ito", "email": "ito@hotel.example.jp", "password": "twelve chars!"},
        ("admin",),
        STAFF_SIGN_IN,
    ),
    (f"/console/staff/{uuid.UUID(int=0)}/disable", {}, ("admin",), STAFF_SIGN_IN),
    (
        f"/operator/servicers/{uuid.UUID(int=0)}/state",
        {"state": "approved"},
        ("operator",),
        STAFF_SIGN_IN,
    ),
    ("/privacy/erase", {}, VISITOR, VISITOR_SIGN_IN),
    ("/console/content", {"kind": "dish", "title": "Tofu"}, ("admin",), STAFF_SIGN_IN),
    (
        f"/operator/suggestions/{uuid.UUID(int=0)}",
        {"accept": "true"},
        ("operator",),
        STAFF_SIGN_IN,
    ),
    ("/counter/resolve", {"purpose": "hotel_check_in", "carrier": "X"}, COUNTER, STAFF_SIGN_IN),
    ("/counter/payments", {"action": "charge", "amount": "100"}, COUNTER, STAFF_SIGN_IN),
    ("/counter/talk", {"language": "ne"}, COUNTER, STAFF_SIGN_IN),
    (
        "/console/payments/invoice-number",
        {"invoice_registration_number": ""},
        ("admin",),
        STAFF_SIGN_IN,
    ),
    (
        f"/console/payments/{uuid.UUID(int=0)}/refund",
        {"amount": "100"},
        COUNTER,
        STAFF_SIGN_IN,
    ),
)


Cookies = dict[str, str]
People = dict[str, Cookies]  # each caller's


async def _sign_in(
    caller: str, client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    if caller == "anonymous":
        return
    if caller == "visitor":
        await signed_in_visitor(client, session, Keyring(platform.keys.master))
        return
    if caller == "operator":
        await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
        return
    hotel = await approved_servicer(session, f"Hotel {caller}", PurposeKey.hotel_check_in)
    role = Role.servicer_admin if caller == "admin" else Role.servicer_staff
    await signed_in_staff(client, session, platform.keys.master, role, hotel.id)


async def _everyone(session: AsyncSession, platform: Platform) -> People:
    """Each caller signed in (a visitor; a clerk and an administrator, each of a hotel of their
    own; an operator): the cookies their browser holds."""
    cookies = {}
    for caller in CALLERS:
        async with httpx.AsyncClient() as browser:
            await _sign_in(caller, browser, session, platform)
            cookies[caller] = dict(browser.cookies)
    return cookies


@pytest.fixture(scope="module")
async def shared_people(
    cluster: EmbeddedCluster, migrated: str, platform: Platform
) -> AsyncIterator[SharedRows[People]]:
    """Everyone signed in once for the whole module (see tests/shared_rows.py), and again well
    before a session left idle (each test's use of it is rolled back) would end."""
    rows = SharedRows(
        cluster,
        migrated,
        "page_authorization",
        lambda session: _everyone(session, platform),
        max_age=min(auth.IDLE.values()) / 2,
    )
    yield rows
    await rows.close()


@pytest.fixture
async def engine(shared_people: SharedRows[People]) -> AsyncEngine:
    """Each test's transaction (``session``, ``app``, ``client``) on their database."""
    return await shared_people.engine()


@pytest.fixture
def people(shared_people: SharedRows[People], engine: AsyncEngine) -> People:
    return shared_people.value


def _become(caller: str, client: httpx.AsyncClient, people: People) -> None:
    client.cookies.clear()
    for name, value in people[caller].items():
        client.cookies.set(name, value)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
async def test_each_page_lets_in_only_its_people(
    page: Page,
    caller: str,
    client: httpx.AsyncClient,
    people: People,
) -> None:
    _become(caller, client, people)
    answer = await client.request(page.method, page.path)
    if caller in page.allowed:
        assert answer.status_code == 200, answer.text[:300]
    elif page.sign_in is None:  # a signed-in visitor is sent on from the sign-in page
        assert answer.status_code == 303
    elif answer.status_code == 303:
        assert answer.headers["location"].startswith(page.sign_in)
    else:
        assert answer.status_code == 403, answer.text[:300]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("path", "form", "allowed", "sign_in"), POSTS, ids=lambda v: str(v))
async def test_state_changing_pages_refuse_the_wrong_people(
    path: str,
    form: dict[str, str],
    allowed: tuple[str, ...],
    sign_in: str,
    caller: str,
    client: httpx.AsyncClient,
    people: People,
) -> None:
    _become(caller, client, people)
    token = await csrf_token(client, "/staff/signin")
    answer = await client.post(path, data={"csrf_token": token, **form})
    if caller in allowed:
        assert answer.status_code < 500
        assert answer.status_code not in (401, 403)
    elif answer.status_code == 303:
        assert answer.headers["location"].startswith(sign_in)
    else:
        assert answer.status_code == 403


def test_every_page_route_is_in_a_table(app: FastAPI) -> None:
    routes = {
        f"{method} {path}"
        for method, path in http_routes(app)
        if not path.startswith("/v1/") and path not in ("/healthz", "/readyz", "/metrics")
    }
    tabled = {f"{page.method} {page.route}" for page in PAGES}
    assert routes - tabled - COVERED_ELSEWHERE == set()
