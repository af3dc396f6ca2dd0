"""Who may do what: every endpoint, tried as every kind of caller (OWASP API1 and API3).

Each endpoint lists the callers that get through and the status they get; every other caller
must be turned away with 401, 403 or 404 — and no answer to one visitor or servicer may carry
another's data. A route added without a row here fails `test_every_route_is_in_the_table`.

The cast is made once for the module, and each test runs in a transaction rolled back at its end
(tests/shared_rows.py): what one caller changes is gone for the next test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine
from tests.actors import Cast, build_cast
from tests.routes import http_routes
from tests.shared_rows import SharedRows

from omotenashi.clients.tokens import DEFAULT_TTL
from omotenashi.consent.requests import REQUEST_LIFETIME
from omotenashi.pgcluster import EmbeddedCluster
from omotenashi.runtime import Platform

VISITORS = ("visitor A", "visitor B")
CALLERS = (
    "anonymous",
    "visitor A",
    "visitor B",
    "X admin",
    "X clerk",
    "X terminal",
    "X back-end",
    "Y admin",
    "Y terminal",
    "operator",
    "X sandbox",
    "X sandbox admin",
)
# X's sandbox clients (secrets oms_test_): they reach X's test visitors, its sandbox clients and
# webhook endpoints, and nothing live; no live API client reaches anything of the sandbox.
SANDBOX = ("X sandbox", "X sandbox admin")
# Who sees both modes: the servicer's own signed-in staff, and the platform's operator.
BOTH_MODES = ("X admin", "X clerk", "operator")
SESSIONS = (*VISITORS, "X admin", "X clerk", "Y admin", "operator")
MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
DENIED = {401, 403, 404}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # formatted with the cast as `c`
    allowed: dict[str, int]
    body: Callable[[Cast], Any] | None = None
    # A public listing may name every servicer; nothing else may show one caller another's data.
    public_listing: bool = False
    extra_denied: frozenset[int] = field(default_factory=frozenset)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(CALLERS, status)


def _card(c: Cast) -> dict[str, Any]:
    return {"carrier": {"kind": "ic_card", "id": c.a.card_idm}, "purpose": "hotel_check_in"}


def _pay(c: Cast, amount: int) -> dict[str, Any]:
    return {"carrier": {"kind": "ic_card", "id": c.a.card_idm}, "amount": amount}


def _tax_free(c: Cast) -> dict[str, Any]:
    return {
        "carrier": {"kind": "ic_card", "id": c.a.card_idm},
        "items": [{"name": "Kettle", "quantity": 1, "unit_price": 8_800}],
    }


def _application(c: Cast) -> dict[str, Any]:
    return {
        "name": "Ryokan Z",
        "name_ja": "旅館Z",
        "category": "hotel",
        "contact_email": "front@ryokan-z.example.jp",
        "purposes": {"hotel_check_in": "Guest register"},
        "admin": {
            "email": "owner@ryokan-z.example.jp",
            "display_name": "Owner",
            "password": "p" * 16,
        },
    }


def _new_staff(c: Cast) -> dict[str, Any]:
    return {
        "email": "new-clerk@example.jp",
        "display_name": "New clerk",
        "password": "p" * 16,
        "role": "servicer_staff",
    }


ADMINS = {"X admin": 0, "X back-end": 0, "Y admin": 0}
# Ids of a content item and of a suggestion that do not exist (see their rows).
NO_ITEM = "00000000-0000-4000-8000-00000000c0de"
NO_SUGGESTION = "00000000-0000-4000-8000-0000000005a9"
# Ids of an alert and of a push subscription that do not exist: who may reach real ones is
# tested in tests/alerts/test_api.py.
NO_ALERT = "00000000-0000-4000-8000-0000000a1e27"
NO_SUBSCRIPTION = "00000000-0000-4000-8000-000000005b5c"
# A payment that does not exist: who may reach real ones is tested in tests/payments/test_api.py.
# Neither servicer's terminal is set up for payment, so none may charge here; a back-end gets
# through to the Idempotency-Key check (400) or to the missing payment (404).
NO_PAYMENT = "00000000-0000-4000-8000-0000000ba1a5"
# A webhook endpoint and a delivery that do not exist: who may reach real ones is tested in
# tests/webhooks/test_api.py.
NO_WEBHOOK = "00000000-0000-4000-8000-0000000e4d90"
NO_DELIVERY = "00000000-0000-4000-8000-0000000de11e"
NO_RECORD = "00000000-0000-4000-8000-0000007a8f2e"
NO_FEEDBACK = "00000000-0000-4000-8000-0000000feedb"
HOOK = {"url": "https://pms.example.jp/hook", "events": ["consent_request.answered"]}
EEW = (Path(__file__).parent / "alerts" / "fixtures" / "eew_vxse43.xml").read_bytes()
ALERT_BODY = {
    "details": {"kind": "evacuation", "level": 4},
    "areas": [{"kind": "prefecture", "code": "17", "name_ja": "石川県"}],
    "source": "輪島市 / Wajima City",
}
SUBSCRIPTION = {
    "endpoint": "https://push.example.net/send/abc",
    "keys": {
        "p256dh": "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7V"
        "d8pZGH6SRpkNtoIAiw4",
        "auth": "BTBZMqHH6r4Tts7J_aSIgg",
    },
}
TOILET = {
    "source_lang": "ja",
    "source_text": "お手洗い",
    "target_lang": "en",
    "target_text": "Toilet",
}


def admins(status: int) -> dict[str, int]:
    return dict.fromkeys(ADMINS, status)


ENDPOINTS = (
    Endpoint("DELETE", "/v1/sessions/current", dict.fromkeys(SESSIONS, 204)),
    Endpoint("POST", "/v1/resolve", {"X terminal": 200, "Y terminal": 403}, _card),
    Endpoint("GET", "/v1/consent-requests/{c.x.consent_request_id}", {"X terminal": 200}),
    Endpoint("GET", "/v1/consent-requests/{c.x.accepted_request_id}/receipt", {"X terminal": 200}),
    Endpoint("POST", "/v1/visitors", everyone(201), lambda c: {"language": "th"}),
    Endpoint("GET", "/v1/me/profile", dict.fromkeys(VISITORS, 200)),
    Endpoint("PATCH", "/v1/me/profile", dict.fromkeys(VISITORS, 200), lambda c: {"sex": "X"}),
    Endpoint("POST", "/v1/me/passport/mrz", dict.fromkeys(VISITORS, 200), lambda c: {"mrz": MRZ}),
    Endpoint("GET", "/v1/me/family", dict.fromkeys(VISITORS, 200)),
    Endpoint(
        "POST",
        "/v1/me/family",
        dict.fromkeys(VISITORS, 201),
        lambda c: {"attributes": {"name": {"surname": "KID"}}},
    ),
    Endpoint(
        "PATCH",
        "/v1/me/family/{c.a.member_id}",
        {"visitor A": 200},
        lambda c: {"name": {"surname": "KID"}},
    ),
    Endpoint("DELETE", "/v1/me/family/{c.a.member_id}", {"visitor A": 204}),
    Endpoint("GET", "/v1/me/carriers", dict.fromkeys(VISITORS, 200)),
    Endpoint(
        "POST",
        "/v1/me/carriers",
        dict.fromkeys(VISITORS, 202),
        lambda c: {"kind": "nfc_tag", "id": "04A224B2C35E80", "label": "Wristband"},
    ),
    Endpoint("POST", "/v1/me/devices", dict.fromkeys(VISITORS, 201), lambda c: {"label": "Phone"}),
    Endpoint("DELETE", "/v1/me/carriers/{c.a.carrier_id}", {"visitor A": 200}),
    Endpoint("GET", "/v1/me/consents", dict.fromkeys(VISITORS, 200)),
    Endpoint(
        "POST",
        "/v1/me/consents",
        dict.fromkeys(VISITORS, 201),
        lambda c: {
            "purpose": "hotel_check_in",
            "attributes": ["name"],
            "servicer_id": str(c.y.servicer.id),
        },
    ),
    Endpoint("DELETE", "/v1/me/consents/{c.a.grant_id}", {"visitor A": 200}),
    Endpoint("GET", "/v1/me/consents/{c.a.grant_id}/receipt", {"visitor A": 200}),
    Endpoint("GET", "/v1/me/consent-requests/{c.x.consent_request_token}", {"visitor A": 200}),
    Endpoint(
        "POST", "/v1/me/consent-requests/{c.x.consent_request_token}/accept", {"visitor A": 201}
    ),
    Endpoint(
        "POST", "/v1/me/consent-requests/{c.x.consent_request_token}/decline", {"visitor A": 200}
    ),
    Endpoint("GET", "/v1/me/access-log", dict.fromkeys(VISITORS, 200)),
    Endpoint("GET", "/v1/me/export", dict.fromkeys(VISITORS, 200)),
    Endpoint("DELETE", "/v1/me", dict.fromkeys(VISITORS, 204)),
    Endpoint("POST", "/v1/servicers", everyone(202), _application),
    Endpoint("GET", "/v1/servicers", everyone(200), public_listing=True),
    Endpoint("GET", "/v1/catalogue", everyone(200), public_listing=True),
    Endpoint("GET", "/v1/webhooks/event-types", everyone(200), public_listing=True),
    Endpoint("GET", "/v1/servicer/webhooks", {**admins(200), "X sandbox admin": 200}),
    Endpoint(
        "POST", "/v1/servicer/webhooks", {**admins(201), "X sandbox admin": 201}, lambda c: HOOK
    ),
    Endpoint("DELETE", f"/v1/servicer/webhooks/{NO_WEBHOOK}", {}),
    Endpoint("POST", f"/v1/servicer/webhooks/{NO_WEBHOOK}/rotate", {}),
    Endpoint("POST", f"/v1/servicer/webhooks/{NO_WEBHOOK}/enable", {}),
    Endpoint("GET", f"/v1/servicer/webhooks/{NO_WEBHOOK}/deliveries", {}),
    Endpoint("POST", f"/v1/servicer/webhook-deliveries/{NO_DELIVERY}/replay", {}),
    Endpoint("GET", "/v1/servicer/feedback", admins(200)),
    Endpoint(
        "POST", f"/v1/servicer/feedback/{NO_FEEDBACK}/replies", {}, lambda c: {"body": "感謝"}
    ),
    Endpoint("POST", f"/v1/servicer/feedback/{NO_FEEDBACK}/report", {}, lambda c: {}),
    Endpoint("GET", "/v1/servicer/statistics", admins(200)),
    Endpoint("GET", "/v1/servicer/statistics/resolves-by-hour.csv", admins(200)),
    Endpoint("GET", "/v1/servicer", admins(200)),
    Endpoint("GET", "/v1/servicer/clients", {**admins(200), "X sandbox admin": 200}),
    Endpoint(
        "POST",
        "/v1/servicer/clients",
        admins(201),
        lambda c: {
            "kind": "terminal",
            "label": "Desk 2",
            "scopes": ["resolve"],
            "purposes": ["hotel_check_in"],
        },
    ),
    Endpoint(
        "POST",
        "/v1/servicer/clients/{c.x.terminal_id}/rotate",
        {"X admin": 200, "X back-end": 200},
    ),
    Endpoint(
        "DELETE", "/v1/servicer/clients/{c.x.terminal_id}", {"X admin": 200, "X back-end": 200}
    ),
    Endpoint("POST", "/v1/servicer/staff", admins(201), _new_staff),
    Endpoint("GET", "/v1/operator/servicers", {"operator": 200}),
    Endpoint(
        "POST",
        "/v1/operator/servicers/{c.x.servicer.id}/state",
        {"operator": 200},
        lambda c: {"state": "suspended", "reason": "Complaint under review"},
    ),
    Endpoint(
        "POST",
        "/v1/operator/servicers/{c.x.servicer.id}/purposes/hotel_check_in",
        {"operator": 200},
        lambda c: {"approve": False},
    ),
    Endpoint("GET", "/v1/operator/audit", {"operator": 200}),
    Endpoint("GET", "/v1/operator/audit/chain", {"operator": 200}),
    Endpoint("GET", "/v1/servicer/content", admins(200)),
    Endpoint(
        "POST", "/v1/servicer/content", admins(201), lambda c: {"kind": "notice", "title": "休業日"}
    ),
    # Items and suggestions are not part of the cast: no caller reaches one that does not
    # exist, and whose they are is tested in tests/content/test_api.py.
    Endpoint("GET", f"/v1/servicer/content/{NO_ITEM}", {}),
    Endpoint("PATCH", f"/v1/servicer/content/{NO_ITEM}", {}, lambda c: {"title": "休業日"}),
    Endpoint("DELETE", f"/v1/servicer/content/{NO_ITEM}", {}),
    Endpoint(
        "POST", f"/v1/servicer/content/{NO_ITEM}/translate", {}, lambda c: {"languages": ["en"]}
    ),
    Endpoint(
        "PUT",
        f"/v1/servicer/content/{NO_ITEM}/translations/en/title",
        {},
        lambda c: {"text": "Closed today"},
    ),
    Endpoint("GET", "/v1/servicer/suggestions", admins(200)),
    Endpoint("POST", f"/v1/servicer/suggestions/{NO_SUGGESTION}/accept", {}),
    Endpoint("POST", f"/v1/servicer/suggestions/{NO_SUGGESTION}/reject", {}),
    Endpoint("GET", "/v1/operator/suggestions", {"operator": 200}),
    Endpoint("POST", f"/v1/operator/suggestions/{NO_SUGGESTION}/accept", {}),
    Endpoint("POST", f"/v1/operator/suggestions/{NO_SUGGESTION}/reject", {}),
    Endpoint("GET", "/v1/servicers/{c.x.servicer.id}/menu", everyone(200)),
    Endpoint("GET", "/v1/servicers/{c.x.servicer.id}/notices", everyone(200)),
    Endpoint("GET", "/v1/servicers/{c.x.servicer.id}/events", everyone(200)),
    Endpoint("GET", "/v1/me/menu/{c.x.servicer.id}", dict.fromkeys(VISITORS, 200)),
    Endpoint(
        "POST",
        f"/v1/content/{NO_ITEM}/suggestions",
        {},
        lambda c: {"language": "en", "field": "title", "text": "Closed today"},
    ),
    Endpoint(
        "POST",
        "/v1/operator/translation-bank/segments",
        {"operator": 201},
        lambda c: {"segments": [TOILET], "licence": "CC-BY-4.0"},
    ),
    Endpoint(
        "POST",
        "/v1/servicer/translation-bank/segments",
        admins(201),
        lambda c: {"segments": [TOILET], "licence": "contributor-only"},
    ),
    Endpoint("GET", "/v1/operator/translation-bank/statistics", {"operator": 200}),
    Endpoint("GET", f"/v1/alerts/{NO_ALERT}", {}),
    Endpoint("GET", "/v1/alerts?prefecture=13", everyone(200), public_listing=True),
    Endpoint("GET", "/v1/operator/alerts", {"operator": 200}),
    Endpoint("POST", "/v1/alerts/verify", everyone(200), lambda c: {"text": "A rumour"}),
    Endpoint("GET", "/v1/push/vapid-key", everyone(200)),
    Endpoint("GET", "/v1/me/alerts", dict.fromkeys(VISITORS, 200)),
    Endpoint("GET", "/v1/me/alerts/stream?duration=0", dict.fromkeys(VISITORS, 200)),
    Endpoint("GET", "/v1/me/push-subscriptions", dict.fromkeys(VISITORS, 200)),
    Endpoint(
        "POST", "/v1/me/push-subscriptions", dict.fromkeys(VISITORS, 201), lambda c: SUBSCRIPTION
    ),
    Endpoint("DELETE", f"/v1/me/push-subscriptions/{NO_SUBSCRIPTION}", {}),
    # The cast has not granted the emergency purpose, so sharing a location is refused.
    Endpoint(
        "PUT",
        "/v1/me/alerts/location",
        dict.fromkeys(VISITORS, 409),
        lambda c: {"latitude": 35.7, "longitude": 139.7},
    ),
    Endpoint("DELETE", "/v1/me/alerts/location", dict.fromkeys(VISITORS, 204)),
    Endpoint("POST", f"/v1/me/alerts/{NO_ALERT}/safety", {}, lambda c: {"answer": "safe"}),
    Endpoint("POST", "/v1/alerts/ingest", {"operator": 201}, lambda c: EEW),
    Endpoint("POST", "/v1/operator/alerts/preview", {"operator": 200}, lambda c: ALERT_BODY),
    Endpoint("POST", "/v1/operator/alerts", {"operator": 201}, lambda c: ALERT_BODY),
    Endpoint("GET", f"/v1/operator/alerts/{NO_ALERT}", {}),
    Endpoint("POST", f"/v1/operator/alerts/{NO_ALERT}/approve", {}),
    Endpoint("POST", f"/v1/operator/alerts/{NO_ALERT}/discard", {}),
    Endpoint("POST", f"/v1/operator/alerts/{NO_ALERT}/cancel", {}),
    Endpoint("GET", f"/v1/operator/alerts/{NO_ALERT}/safety", {}),
    Endpoint("POST", "/v1/payments/top-ups/cash", {}, lambda c: _pay(c, 1_000)),
    Endpoint("POST", "/v1/payments/charges", {}, lambda c: _pay(c, 100)),
    Endpoint("POST", "/v1/payments/holds", {}, lambda c: _pay(c, 100)),
    Endpoint(
        "POST", f"/v1/payments/charges/{NO_PAYMENT}/refunds", {"X back-end": 400}, lambda c: {}
    ),
    Endpoint("POST", f"/v1/payments/holds/{NO_PAYMENT}/capture", {"X back-end": 400}, lambda c: {}),
    Endpoint("POST", f"/v1/payments/holds/{NO_PAYMENT}/release", {"X back-end": 400}),
    Endpoint("GET", f"/v1/payments/{NO_PAYMENT}", {"X back-end": 404}),
    Endpoint("GET", f"/v1/payments/confirmations/{NO_PAYMENT}", {"X back-end": 404}),
    Endpoint("GET", "/v1/me/wallet", dict.fromkeys(VISITORS, 200)),
    # Partners: only an approved travel agency's administrator or its back-end holding
    # partners:invite, and the cast has no agency: everyone here is refused (a hotel's
    # administrator and back-end included). The agency's own calls: tests/partners/test_api.py.
    Endpoint("POST", "/v1/partners/imports", {}),
    Endpoint("GET", "/v1/partners/invitations", {}),
    Endpoint("GET", "/v1/partners/invitations/counts", {}),
    Endpoint("POST", f"/v1/partners/invitations/{NO_PAYMENT}/withdraw", {}),
    # The sandbox: X's sandbox clients only (a live client: 403 sandbox_client_required).
    Endpoint("GET", "/v1/sandbox/visitors", dict.fromkeys(SANDBOX, 200)),
    Endpoint(
        "POST", "/v1/sandbox/visitors", dict.fromkeys(SANDBOX, 201), lambda c: {"label": "T2"}
    ),
    Endpoint(
        "GET", "/v1/sandbox/visitors/{c.x.sandbox_visitor_id}/qr", dict.fromkeys(SANDBOX, 200)
    ),
    Endpoint(
        "POST",
        "/v1/sandbox/visitors/{c.x.sandbox_visitor_id}/grants",
        dict.fromkeys(SANDBOX, 201),
        lambda c: {"purpose": "hotel_check_in"},
    ),
    Endpoint(
        "POST",
        "/v1/sandbox/consent-requests/{c.x.sandbox_request_id}/accept",
        dict.fromkeys(SANDBOX, 200),
    ),
    Endpoint(
        "POST",
        "/v1/sandbox/consent-requests/{c.x.sandbox_request_id}/decline",
        dict.fromkeys(SANDBOX, 200),
    ),
    # A live visitor's consent request is not the sandbox's to answer.
    Endpoint("POST", "/v1/sandbox/consent-requests/{c.x.consent_request_id}/accept", {}),
    # Tax-free records (tests/taxfree/test_api.py): neither servicer's terminal is set up for
    # tax-free sales; X's back-end reaches the Idempotency-Key check or a missing record.
    Endpoint("POST", "/v1/tax-free/records", {"X back-end": 400}, _tax_free),
    Endpoint("GET", "/v1/tax-free/records", {"X back-end": 200}),
    Endpoint("GET", f"/v1/tax-free/records/{NO_RECORD}", {"X back-end": 404}),
    Endpoint("GET", f"/v1/tax-free/records/{NO_RECORD}/file", {"X back-end": 404}),
    Endpoint(
        "POST", f"/v1/tax-free/records/{NO_RECORD}/correction", {"X back-end": 404}, lambda c: {}
    ),
    Endpoint("GET", "/v1/me/tax-free", dict.fromkeys(VISITORS, 200)),
)

# Routes reachable without any identity by design, tested in their own modules.
UNGUARDED = {
    "POST /v1/staff/sessions",
    "POST /v1/oauth/token",
    "POST /v1/payments/webhooks/stripe",  # signed by Stripe: tests/payments/test_cards.py
}


@pytest.fixture(scope="module")
async def shared_cast(
    cluster: EmbeddedCluster, migrated: str, platform: Platform
) -> AsyncIterator[SharedRows[Cast]]:
    """One cast for the whole module (see tests/shared_rows.py), made afresh well before its
    pending consent requests and its clients' access tokens expire."""
    rows = SharedRows(
        cluster,
        migrated,
        "authorization_cast",
        lambda session: build_cast(session, platform),
        max_age=min(REQUEST_LIFETIME, DEFAULT_TTL) / 3,
    )
    yield rows
    await rows.close()


@pytest.fixture
async def engine(shared_cast: SharedRows[Cast]) -> AsyncEngine:
    """Each test's transaction (``session``, ``app``, ``client``) on the cast's database."""
    return await shared_cast.engine()


@pytest.fixture
def cast(shared_cast: SharedRows[Cast], engine: AsyncEngine) -> Cast:
    return shared_cast.value


async def _call(
    http: httpx.AsyncClient, cast: Cast, endpoint: Endpoint, caller: str
) -> httpx.Response:
    body = endpoint.body(cast) if endpoint.body else None
    if isinstance(body, bytes):
        return await http.request(
            endpoint.method,
            endpoint.path.format(c=cast),
            content=body,
            headers={**cast.callers[caller], "content-type": "application/xml"},
        )
    return await http.request(
        endpoint.method,
        endpoint.path.format(c=cast),
        json=body,
        headers=cast.callers[caller],
    )


def _leaks(cast: Cast, endpoint: Endpoint, caller: str, text: str) -> list[str]:
    """Names of other people's data found in an answer meant for ``caller``."""
    others = {"ALPHA": "visitor A", "BRAVO": "visitor B"}
    found = [
        name
        for name, owner in others.items()
        if name in text and caller != owner and not (caller == "X terminal" and name == "ALPHA")
    ]
    # What the caller itself sent (a problem's ``instance`` echoes the path) is no disclosure.
    text = text.replace(endpoint.path.format(c=cast), "")
    if caller in SANDBOX:  # nothing live of its own servicer either
        live = [
            str(cast.x.terminal_id),
            str(cast.x.backend_id),
            str(cast.x.consent_request_id),
            str(cast.x.accepted_request_id),
            cast.a.card_idm,
            cast.b.card_idm,
        ]
        found += [f"live {value}" for value in live if value in text]
    elif caller not in BOTH_MODES:
        found += [f"sandbox {value}" for value in cast.x.sandbox_ids if value in text]
    if not endpoint.public_listing:
        if caller.startswith("Y") and "Hotel X Ueno" in text:
            found.append("Hotel X Ueno")
        if caller.startswith("X") and "Hotel Y Asakusa" in text:
            found.append("Hotel Y Asakusa")
    return found


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
async def test_callers_without_the_right_are_turned_away(
    endpoint: Endpoint, cast: Cast, client: httpx.AsyncClient
) -> None:
    for caller in CALLERS:
        if caller in endpoint.allowed:
            continue
        response = await _call(client, cast, endpoint, caller)
        assert response.status_code in DENIED, (caller, response.status_code, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert not _leaks(cast, endpoint, caller, response.text), caller


ALLOWED = [(e, caller) for e in ENDPOINTS for caller in e.allowed]


@pytest.mark.parametrize(("endpoint", "caller"), ALLOWED, ids=lambda v: str(v))
async def test_the_right_caller_gets_through_and_sees_only_their_own(
    endpoint: Endpoint, caller: str, cast: Cast, client: httpx.AsyncClient
) -> None:
    response = await _call(client, cast, endpoint, caller)
    assert response.status_code == endpoint.allowed[caller], response.text
    assert not _leaks(cast, endpoint, caller, response.text), caller


def test_every_route_is_in_the_table(app: FastAPI) -> None:
    routes = {f"{method} {path}" for method, path in http_routes(app) if path.startswith("/v1/")}
    tabled = {f"{e.method} {e.path.split('?')[0]}" for e in ENDPOINTS}
    templated = {" ".join((e.method, _as_template(e.path))) for e in ENDPOINTS}
    assert routes - UNGUARDED <= {*tabled, *templated}, sorted(routes - UNGUARDED - templated)


def _as_template(path: str) -> str:
    """`/v1/me/consents/{c.a.grant_id}` → the route template `/v1/me/consents/{grant_id}`."""
    import re

    names = {
        "c.a.grant_id": "grant_id",
        "c.a.member_id": "member_id",
        "c.a.carrier_id": "carrier_id",
        "c.x.consent_request_id": "request_id",
        "c.x.accepted_request_id": "request_id",
        "c.x.sandbox_request_id": "request_id",
        "c.x.sandbox_visitor_id": "visitor_id",
        "c.x.consent_request_token": "token",
        "c.x.terminal_id": "client_id",
        "c.x.servicer.id": "servicer_id",
    }
    path = re.sub(r"\{([^}]+)\}", lambda m: "{" + names[m.group(1)] + "}", path)
    path = path.split("?")[0]
    path = path.replace(NO_ITEM, "{item_id}").replace(NO_SUGGESTION, "{suggestion_id}")
    path = path.replace(NO_FEEDBACK, "{feedback_id}")
    path = path.replace("/statistics/resolves-by-hour.csv", "/statistics/{key}.csv")
    path = path.replace(NO_WEBHOOK, "{endpoint_id}").replace(NO_DELIVERY, "{delivery_id}")
    path = path.replace(NO_ALERT, "{alert_id}").replace(NO_SUBSCRIPTION, "{subscription_id}")
    path = path.replace(f"/holds/{NO_PAYMENT}", "/holds/{hold_id}")
    path = path.replace(f"/charges/{NO_PAYMENT}", "/charges/{charge_id}")
    path = path.replace(f"/confirmations/{NO_PAYMENT}", "/confirmations/{confirmation_id}")
    path = path.replace(f"/invitations/{NO_PAYMENT}", "/invitations/{invitation_id}")
    path = path.replace(NO_PAYMENT, "{payment_id}").replace(NO_RECORD, "{record_id}")
    path = path.replace("/translations/en/title", "/translations/{language}/{field}")
    return path.replace("/purposes/hotel_check_in", "/purposes/{purpose}")


async def test_a_sandbox_token_meets_live_data_as_nothing_and_the_reverse(
    cast: Cast, client: httpx.AsyncClient
) -> None:
    """The wall between a servicer's sandbox and its live data, from both sides: what the other
    mode holds is answered exactly as what does not exist."""

    async def resolve(caller: str, idm: str) -> tuple[int, str, str, str]:
        body = {"carrier": {"kind": "ic_card", "id": idm}, "purpose": "hotel_check_in"}
        answer = await client.post("/v1/resolve", json=body, headers=cast.callers[caller])
        problem = answer.json()
        return answer.status_code, problem["code"], problem["title"], problem["detail"]

    unknown_idm = "0000000000000001"
    test_idm = next(v for v in cast.x.sandbox_ids if v.startswith("FFFF"))
    live_card = await resolve("X sandbox", cast.a.card_idm)
    assert live_card == await resolve("X sandbox", unknown_idm)
    assert live_card[:2] == (404, "carrier_not_found")
    assert await resolve("X terminal", test_idm) == await resolve("X terminal", "FFFF000000000000")

    live_request = f"/v1/consent-requests/{cast.x.consent_request_id}"
    sandbox_request = f"/v1/consent-requests/{cast.x.sandbox_request_id}"
    nothing = "/v1/consent-requests/00000000-0000-4000-8000-000000000000"
    for caller, other_mode in (("X sandbox", live_request), ("X terminal", sandbox_request)):
        crossed = await client.get(other_mode, headers=cast.callers[caller])
        absent = await client.get(nothing, headers=cast.callers[caller])
        assert (crossed.status_code, crossed.json()["code"]) == (
            absent.status_code,
            absent.json()["code"],
        )
        assert crossed.status_code == 404
    assert (await client.get(sandbox_request, headers=cast.x.sandbox)).status_code == 200

    # Statistics and the rest of what exists only live: refused to a sandbox client.
    for path in ("/v1/servicer/statistics", "/v1/servicer", "/v1/servicer/feedback"):
        refused = await client.get(path, headers=cast.x.sandbox_admin)
        assert refused.status_code == 403, path
        assert refused.json()["code"] == "sandbox_only"

    # Webhooks: each mode lists and reaches its own endpoints only.
    live_hook = await client.post("/v1/servicer/webhooks", json=HOOK, headers=cast.x.backend)
    sandbox_hook = await client.post(
        "/v1/servicer/webhooks", json=HOOK, headers=cast.x.sandbox_admin
    )
    live_id, sandbox_id = live_hook.json()["endpoint"]["id"], sandbox_hook.json()["endpoint"]["id"]
    for headers, own, other in (
        (cast.x.backend, live_id, sandbox_id),
        (cast.x.sandbox_admin, sandbox_id, live_id),
    ):
        listed = (await client.get("/v1/servicer/webhooks", headers=headers)).json()
        assert [e["id"] for e in listed] == [own]
        crossed = await client.get(f"/v1/servicer/webhooks/{other}/deliveries", headers=headers)
        assert crossed.status_code == 404
