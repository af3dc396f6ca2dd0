"""The charge's lean path: a tap at a till in two round trips on the raw pool
(:mod:`omotenashi.payments.endpoint`: :func:`tap`, then :func:`charge`), or in three on an
autocommit connection for what reaches the declared route (:func:`attempt`).

A charge is the payments route a touchpoint calls most, after resolve. Through the session it
took nine round trips (BEGIN, the caller, the key's claim, resolve's decision, the accounts,
the posting, the event, the key's answer, COMMIT) and ran at a third of resolve's rate; the
measurement (``bench/payments.py``) is why this path leaves the ORM, as DESIGN §4 allows.
Here a charge is:

1. the caller and whether its ``Idempotency-Key`` was answered already (one read);
2. resolve's decision for the ``payment`` purpose, unchanged (``resolve.decide``);
3. one statement (:data:`_CHARGE`, the ledger's posting statement with two more parts) that
   looks up the wallet, the merchant's and the fees' accounts, checks and locks the wallet as
   every posting does, claims the key **with its answer**, and writes the operation, its
   linked transfers, the running sums and the ``charge.succeeded`` event — all or nothing.

Anything else goes the way it always went, through :mod:`omotenashi.payments.service` in one
transaction (:func:`omotenashi.payments.api.charge`): a key seen before or being answered by a
concurrent request (the statement's claim finds it and writes nothing), a QR code, an amount
the visitor confirms on their phone, bad input, a refusal by resolve or by the ledger (an empty
wallet, an account not opened yet). So every refusal is answered, and remembered under its key,
by the code that answered it before; this path only ever commits a charge and its answer
together, so a crash leaves either both or neither.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
import sqlalchemy as sa
import structlog
from fastapi import Request
from fastapi.responses import JSONResponse

from omotenashi.carriers.models import CarrierKind
from omotenashi.clients.errors import InsufficientScopeError, InvalidTokenError
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import AccessToken
from omotenashi.db import Executor, HotExecutor
from omotenashi.errors import AppError
from omotenashi.payments import idempotency, ledger
from omotenashi.payments.errors import SandboxPaymentsError
from omotenashi.payments.ledger import Operation
from omotenashi.payments.models import OperationKind
from omotenashi.payments.schemas import ChargeIn, PaymentOut
from omotenashi.payments.service import (
    CURRENCY,
    Payer,
    Payment,
    Presented,
    Rules,
    card_of,
    check_tax_lines,
    event_payload,
    payer_of,
)
from omotenashi.resolve import service as resolve
from omotenashi.resolve.schemas import QrPresented
from omotenashi.resolve.touchpoint import PurposeNotForTerminalError
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey

log = structlog.get_logger(__name__)

_KINDS = {
    "ic_card": CarrierKind.ic_card,
    "nfc_tag": CarrierKind.nfc_tag,
    "qr": CarrierKind.qr_device,
}

# The caller as ``clients.authorize`` reads it, and whether the key has a stored answer.
_CALLER = sa.text(
    """
SELECT c.id, c.client_id, c.servicer_id, c.kind, c.scopes, c.purposes,
       c.max_requests_per_minute, c.max_visitors_per_minute, c.live,
       EXISTS (SELECT FROM idempotency_keys k
                WHERE k.scope = 'client:' || c.id::text AND k.key = :key) AS seen
  FROM api_clients c JOIN servicers s ON s.id = c.servicer_id
 WHERE c.client_id = :client_id AND c.revoked_at IS NULL AND s.state = 'approved'
"""
)


async def caller(
    connection: Executor, token: AccessToken, key: str
) -> tuple[AuthenticatedClient, bool]:
    """The payment terminal behind the token (refused as ``touchpoint_terminal`` refuses), and
    whether ``key`` was answered for it already."""
    row = (
        await connection.execute(_CALLER, {"client_id": token.client_id, "key": key})
    ).one_or_none()
    if row is None or row.servicer_id != token.servicer_id:
        raise InvalidTokenError()
    scopes = token.scopes & set(row.scopes)
    if "resolve" not in scopes:
        raise InsufficientScopeError("resolve")
    if not row.live:
        raise SandboxPaymentsError()
    client = AuthenticatedClient(
        id=row.id,
        client_id=row.client_id,
        servicer_id=row.servicer_id,
        kind=ClientKind(row.kind),
        scopes=frozenset(scopes),
        purposes=tuple(row.purposes),
        max_requests_per_minute=row.max_requests_per_minute,
        max_visitors_per_minute=row.max_visitors_per_minute,
        live=row.live,
    )
    if client.kind is not ClientKind.terminal or str(PurposeKey.payment) not in client.purposes:
        raise PurposeNotForTerminalError()
    return client, bool(row.seen)


# The same caller, checked inside resolve's deciding statement (its ``caller`` CTE, see
# ``resolve.service.card_statement_with_caller``), so that the tap's first round trip reads the
# caller, whether its key was answered and resolve's decision at once. A refusal here (no live
# client of an approved servicer behind the token, no ``resolve`` scope, a sandbox client, not a
# payment terminal, or the key seen already) decides the outcome and writes nothing: the
# declared route answers it.
_PAYING_CALLER = """
caller AS (
SELECT c.id AS terminal_id,
       CAST(:servicer_id AS uuid) AS servicer_id,
       CAST(NULL AS integer) AS ceiling,
       c.id AS client_pk,
       CASE
         WHEN c.id IS NULL THEN 'invalid_token'
         WHEN NOT ('resolve' = ANY(c.scopes)) THEN 'insufficient_scope'
         WHEN NOT c.live THEN 'payments_not_in_sandbox'
         WHEN c.kind <> 'terminal' OR NOT ('payment' = ANY(c.purposes))
         THEN 'purpose_not_for_terminal'
         WHEN EXISTS (SELECT FROM idempotency_keys k
                       WHERE k.scope = 'client:' || c.id::text AND k.key = CAST(:key AS text))
         THEN 'answered'
       END AS refusal,
       CAST(NULL AS float8) AS wait,
       coalesce(c.live, true) AS live,
       c.client_id AS paying_client_id,
       c.scopes AS paying_scopes,
       c.purposes AS paying_purposes,
       c.max_requests_per_minute AS paying_max_requests,
       c.max_visitors_per_minute AS paying_max_visitors
  FROM (SELECT) AS one
  LEFT JOIN (api_clients c JOIN servicers s ON s.id = c.servicer_id AND s.state = 'approved')
         ON c.client_id = CAST(:client_id AS text)
        AND c.servicer_id = CAST(:servicer_id AS uuid)
        AND c.revoked_at IS NULL
)"""

_DECIDE_PAYING = resolve.card_statement_with_caller(_PAYING_CALLER)


async def tap(
    connection: HotExecutor,
    keys: PlatformKeys,
    token: AccessToken,
    key: str,
    presented: Presented,
    now: datetime,
) -> tuple[AuthenticatedClient, Payer] | None:
    """The terminal and the visitor, when the tap may pay by :func:`charge`: one round trip
    reads the caller and its key and makes resolve's decision for ``payment`` (logged for the
    visitor when it discloses). None when anything else is the answer (nothing was written
    then): the declared route's way answers it."""
    if "resolve" not in token.scopes:
        return None
    card = card_of(keys, presented)
    params = resolve.decide_params(
        servicer_id=token.servicer_id,
        purpose=PurposeKey.payment,
        whom=card,
        now=now,
    )
    del params["terminal_id"], params["ceiling"]
    params |= {"client_id": token.client_id, "key": key}
    row = (await connection.execute(_DECIDE_PAYING, params)).one()
    if row.refusal is not None:
        return None
    decision = resolve.decision_of(row, token.servicer_id, PurposeKey.payment)
    if decision.outcome is not resolve.Outcome.disclosed:
        return None
    client = AuthenticatedClient(
        id=row.client_pk,
        client_id=row.paying_client_id,
        servicer_id=token.servicer_id,
        kind=ClientKind.terminal,
        scopes=frozenset(token.scopes & set(row.paying_scopes)),
        purposes=tuple(row.paying_purposes),
        max_requests_per_minute=row.paying_max_requests,
        max_visitors_per_minute=row.paying_max_visitors,
    )
    return client, payer_of(keys, decision)


def fits(rules: Rules, presented: Presented, amount: Any, currency: str, tax_lines: Any) -> bool:
    """Whether the charge may take this path; if not, the service's way answers whatever is
    wrong with it."""
    if presented.kind is CarrierKind.qr_device or currency != CURRENCY:
        return False
    if isinstance(amount, bool) or not isinstance(amount, int):
        return False
    if not 0 < amount <= min(rules.tap_limit, rules.wallet_limit):
        return False
    try:
        check_tax_lines(tax_lines, amount)
    except AppError:
        return False
    return True


_ACCOUNTS = """accounts AS MATERIALIZED (
SELECT (ARRAY[
         (SELECT id FROM ledger_accounts
           WHERE kind = 'wallet' AND visitor_id = CAST(:visitor_id AS uuid)),
         (SELECT id FROM ledger_accounts
           WHERE kind = 'merchant' AND servicer_id = CAST(:servicer_id AS uuid)),
         (SELECT id FROM ledger_accounts WHERE kind = 'fees')
       ])[1:CAST(:n_accounts AS integer)] AS ids
)"""

# The key is claimed only by a charge the ledger allows, with the answer it gets; a key already
# claimed (by a concurrent request, which the insert waits for) lets nothing be written.
_CLAIMED = """claimed AS (
INSERT INTO idempotency_keys (scope, key, fingerprint, status, body)
SELECT CAST(:scope AS text), CAST(:key AS text), CAST(:fingerprint AS bytea), 201,
       CAST(CAST(:answer AS text) AS jsonb)
 WHERE (SELECT ok FROM allowed)
    ON CONFLICT DO NOTHING
RETURNING 1
),
gate AS (SELECT EXISTS (SELECT FROM claimed) AS ok)"""

# The webhook seam's row, as ``service._announce`` writes it.
_EVENT = """,
announced AS (
INSERT INTO payment_events (servicer_id, kind, operation_id, payload)
SELECT CAST(:servicer_id AS uuid), 'charge.succeeded', o.id, CAST(CAST(:event AS text) AS jsonb)
  FROM operation o
)"""

_CHARGE = ledger.post_statement(
    ledger.POST_TEMPLATE.format(
        accounts=_ACCOUNTS, wallet="(SELECT ids[1] FROM accounts)", gate=_CLAIMED, also=_EVENT
    ),
    json_as_text=True,
)


async def payer(
    connection: Executor,
    keys: PlatformKeys,
    client: AuthenticatedClient,
    presented: Presented,
    now: datetime,
) -> Payer | None:
    """The visitor, when resolve's decision for ``payment`` lets the tap pay; else None (the
    service's way answers the refusal, and asks for consent)."""
    decision = await resolve.decide(
        connection,
        servicer_id=client.servicer_id,
        purpose=PurposeKey.payment,
        whom=card_of(keys, presented),
        terminal_id=client.id,
        now=now,
    )
    if decision.outcome is not resolve.Outcome.disclosed:
        return None
    return payer_of(keys, decision)


async def charge(
    connection: HotExecutor,
    rules: Rules,
    client: AuthenticatedClient,
    who: Payer,
    amount: int,
    *,
    tax_lines: dict[str, int] | None,  # as :func:`fits` found them
    description: str | None,
    actor: str,
    key: str,
    fingerprint: bytes,
    now: datetime,
) -> dict[str, Any] | None:
    """Charge in one statement; the answer (as stored under the key), or None when nothing was
    written (the ledger refused, an account is not open, or the key was claimed meanwhile)."""
    fee = rules.fee(amount)
    operation = Operation(
        kind=OperationKind.charge,
        amount=amount,
        servicer_id=client.servicer_id,
        fee=fee,
        subject=who.subject,
        terminal_id=client.id,
        actor=actor,
        description=description,
        tax_lines=check_tax_lines(tax_lines, amount),
    )
    payment = Payment.of(operation, now)
    answer = PaymentOut.model_validate(payment).model_dump(mode="json")
    # The accounts by place: 1 the wallet, 2 the merchant, 3 the fees.
    n = 3 if fee else 2
    params = {
        **ledger.operation_params(operation),
        "created_at": now,
        "visitor_id": who.visitor_id,
        "n_accounts": n,
        "dq": [0] * n,
        "dp": [amount, fee, 0][:n],
        "cq": [0] * n,
        "cp": [0, amount, fee][:n],
        "ceilings": [None] * n,
        "debits": [1, 2][: n - 1],
        "credits": [2, 3][: n - 1],
        "amounts": [amount, fee][: n - 1],
        "kinds": ["posted"] * (n - 1),
        "pending_ids": [None] * (n - 1),
        "scope": f"client:{client.id}",
        "key": key,
        "fingerprint": fingerprint,
        # JSON as text, cast in the statement: it runs on a raw connection of either pool.
        "tax_lines": _json_text(operation.tax_lines),
        "answer": _json_text(answer),
        "event": _json_text(event_payload(payment)),
    }
    row = (await connection.execute(_CHARGE, params)).one()
    if not row.written:
        return None
    assert row.updated == n, "every account of a posted operation is updated"
    log.info("payments.charge", operation_id=str(operation.id), amount=amount)
    return answer


def _json_text(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value).decode()


def _key(request: Request) -> str | None:
    """The request's Idempotency-Key, when it is one the API accepts."""
    key = request.headers.get("idempotency-key", "").strip()
    return key if key and len(key) <= idempotency.MAX_KEY_LENGTH else None


async def attempt(
    request: Request,
    connection: Executor,
    keys: PlatformKeys,
    rules: Rules,
    token: AccessToken,
    body: ChargeIn,
) -> tuple[AuthenticatedClient, JSONResponse | None, Payer | None]:
    """The caller; the charge's answer, when this path made it; else the visitor, when
    resolve's decision found them (the service's way takes it from there)."""
    key = _key(request)
    client, seen = await caller(connection, token, key or "")
    presented = Presented(
        _KINDS[body.carrier.kind],
        body.carrier.payload if isinstance(body.carrier, QrPresented) else body.carrier.id,
    )
    if (
        key is None
        or seen
        or not fits(rules, presented, body.amount, body.currency, body.tax_lines)
    ):
        return client, None, None
    now = datetime.now(UTC)
    who = await payer(connection, keys, client, presented, now)
    if who is None:
        return client, None, None
    answer = await charge(
        connection,
        rules,
        client,
        who,
        body.amount,
        tax_lines=body.tax_lines,
        description=body.description,
        actor=f"client:{client.client_id}",
        key=key,
        fingerprint=idempotency.fingerprint(
            request.method, request.url.path, body.model_dump(mode="json")
        ),
        now=now,
    )
    if answer is None:
        return client, None, who
    return client, JSONResponse(answer, status_code=201), who
