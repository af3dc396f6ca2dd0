"""Resolve: a servicer's touchpoint learns the visitor's pairwise id, languages and exactly the
attributes that are needed by the purpose, consented by the visitor, and approved for the
servicer — nothing else — and the disclosure is logged for the visitor in the same transaction.

Resolve is the platform's hot path (a terminal at every desk, till and gate), so a resolve is
decided and logged by one statement, :data:`_DECIDE_SQL`, rather than by a query per domain and
a write. For an API client it first checks the client behind the token (live, of an approved
servicer, with the `resolve` scope, a terminal set up for the purpose), counts the request
against the client's rate and records a QR code's single use; then it reads the servicer's
approval for the purpose, the visitor behind the carrier, what they consented to, the values of
exactly the needed and consented attributes and how many visitors the terminal served in the
last minute; applies the rules in a stated order; and, when it discloses, writes the access-log
line in the same statement, so one is never without the other even outside a transaction. It
reads the tables of ``clients``, ``servicers``, ``carriers``, ``visitors`` and ``consent`` with
the conditions their own services use; the tests of each rule run through it. Opening sealed
values and the pairwise id stay in Python.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import orjson
import sqlalchemy as sa
import structlog
from sqlalchemy import select
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from omotenashi.carriers import queries as carriers
from omotenashi.carriers.models import Carrier, CarrierKind
from omotenashi.clients import queries as clients
from omotenashi.clients.models import ApiClient
from omotenashi.consent import queries as consent
from omotenashi.consent.models import ConsentGrant
from omotenashi.db import HotExecutor
from omotenashi.resolve import queries
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.security import ratelimit
from omotenashi.security.keys import PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers import queries as servicers
from omotenashi.servicers.errors import PurposeNotApprovedError, ServicerNotFoundError
from omotenashi.servicers.models import Servicer, ServicerPurpose
from omotenashi.servicers.purposes import CONVERSATION, PURPOSES, PurposeKey
from omotenashi.visitors import queries as visitors_queries
from omotenashi.visitors import service as visitors
from omotenashi.visitors.errors import VisitorNotFoundError
from omotenashi.visitors.models import Visitor

log = structlog.get_logger(__name__)

# How far back a terminal's distinct visitors are counted against its ceiling.
ANOMALY_WINDOW = timedelta(minutes=1)

# The statement is written as text (its CTEs, lateral joins and plan were tuned as such), with
# every rule that another domain owns rendered from that domain's Core piece (``queries``), so
# a rule changes in its owner's one place and resolve follows. The pieces name the statement's
# own aliases and parameters.
_PG = postgresql.dialect()  # type: ignore[no-untyped-call]
_C = aliased(ApiClient, name="c")
_S = aliased(Servicer, name="s")
_SP = aliased(ServicerPurpose, name="sp")
_V = aliased(Visitor, name="v")
_G = aliased(ConsentGrant, name="g")
_CARRIER = aliased(Carrier, name="c")


def _sql(piece: sa.ClauseElement) -> str:
    """A Core piece as SQL text inside the statement: its constants inline, its parameters the
    statement's (given as :func:`_param`); a condition in parentheses, to stand as one term."""
    text = str(piece.compile(dialect=_PG, compile_kwargs={"literal_binds": True}))
    return f"({text})" if isinstance(piece, sa.ColumnElement) else text


def _param(name: str, cast: str | None = None) -> sa.ColumnElement[Any]:
    return sa.literal_column(f"CAST(:{name} AS {cast})" if cast else f":{name}")


# Who resolves, when a service (not an API client) does: the servicer and, for a touchpoint, its
# terminal and ceiling, as given.
_GIVEN_CALLER = """
caller AS (
SELECT CAST(:terminal_id AS uuid) AS terminal_id,
       CAST(:servicer_id AS uuid) AS servicer_id,
       CAST(:ceiling AS integer) AS ceiling,
       CAST(NULL AS uuid) AS client_pk,
       CAST(NULL AS text) AS refusal,
       CAST(NULL AS float8) AS wait,
       CAST(:live AS boolean) AS live
)"""

# Who resolves, when an API client does with its access token: the client is read and checked
# (live, of an approved servicer, holding the `resolve` scope, a terminal set up for the
# purpose; a terminal the platform suspended is read too, to be told so), one request is
# counted against its rate (GCRA, as `security.ratelimit` does, with the client's own rate: a
# tenth of a minute's allowance may come at once), and a QR code's single use is recorded, all
# before anything is disclosed and in the same statement.
_CLIENT_CALLER_SQL = """
client AS MATERIALIZED (
SELECT c.id, c.kind, c.max_visitors_per_minute AS ceiling, c.live,
       {suspended} AS suspended,
       {may_resolve} AS may_resolve,
       {may_serve} AS may_serve,
       interval '1 minute' / c.max_requests_per_minute AS spacing,
       interval '1 minute' / c.max_requests_per_minute
           * greatest(1, c.max_requests_per_minute / 10) AS allowance
  FROM api_clients c JOIN servicers s ON s.id = c.servicer_id
 WHERE c.client_id = :client_id AND c.servicer_id = :servicer_id
   AND {live_or_suspended} AND {servicer_approved}
),
counted AS ({counted}),
used AS ({used}),
caller AS (
SELECT CASE WHEN client.kind = 'terminal' THEN client.id END AS terminal_id,
       CAST(:servicer_id AS uuid) AS servicer_id,
       CASE WHEN client.kind = 'terminal' THEN client.ceiling END AS ceiling,
       client.id AS client_pk,
       CASE
         WHEN client.id IS NULL THEN 'invalid_token'
         WHEN client.suspended THEN 'terminal_suspended'
         WHEN NOT client.may_resolve THEN 'insufficient_scope'
         WHEN NOT client.may_serve THEN 'purpose_not_for_terminal'
         WHEN NOT EXISTS (SELECT FROM counted) THEN 'rate_limited'
         WHEN CAST(:qr_carrier_id AS uuid) IS NOT NULL AND NOT EXISTS (SELECT FROM used)
         THEN 'qr_replayed'
       END AS refusal,
       (SELECT {wait} FROM rate_limits r WHERE r.key = 'client:' || client.id)::float8 AS wait,
       client.live
  FROM (SELECT) AS one LEFT JOIN client ON true
)"""
_QR_USE: sa.ColumnElement[Any] = sa.literal_column("CAST(:qr_carrier_id AS uuid)")
_CLIENT_CALLER = _CLIENT_CALLER_SQL.format(
    suspended=_sql(clients.suspended(_C)),
    may_resolve=_sql(clients.holds(sa.literal("resolve"), _C)),
    may_serve=_sql(clients.serves(_param("purpose", "text"), _C)),
    live_or_suspended=_sql(clients.live_or_suspended(_C)),
    servicer_approved=_sql(servicers.approved(_S)),
    counted=ratelimit.take_sql(
        "SELECT 'client:' || id, statement_timestamp() + spacing FROM client"
        " WHERE may_resolve AND may_serve AND NOT suspended",
        interval="(SELECT spacing FROM client)",
        window="(SELECT allowance FROM client)",
        now="statement_timestamp()",
    ),
    # A QR code's single use, recorded once the request is counted.
    used=_sql(
        carriers.first_uses(
            sa.select(_QR_USE, _param("qr_step", "bigint"))
            .select_from(sa.table("counted"))
            .where(_QR_USE.is_not(None))
        )
    ),
    wait=ratelimit.wait_sql(
        "r.theoretical_arrival", "client.spacing", "client.allowance", "statement_timestamp()"
    ),
)

_DECIDE_SQL = """
WITH {caller},
facts AS MATERIALIZED (
SELECT caller.*,
       s.id IS NOT NULL AS servicer_known,
       {servicer_approved} AND {purpose_approved} AS approved,
       v.id AS visitor_id,
       v.language,
       v.data_key,
       granted.keys AS granted,
       shared.clear,
       shared.sealed_keys,
       shared.sealed_values,
       shared.present_keys,
       shared.verified,
       seen.visitors AS visitors_seen,
       last_seen.at AS last_seen
  FROM caller
  LEFT JOIN servicers s ON s.id = caller.servicer_id
  LEFT JOIN servicer_purposes sp ON sp.servicer_id = s.id AND sp.purpose = :purpose
  -- Only a visitor of the caller's mode: a sandbox caller's test visitors, else live ones; the
  -- other mode's visitor is as unknown as no visitor at all.
  LEFT JOIN visitors v ON v.id = ({whom}) AND {visitor_live} AND {visitor_in_mode}
  -- What the visitor lets this servicer (itself, or its whole category) see for the purpose.
  LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT k::text) AS keys
          FROM consent_grants g CROSS JOIN unnest(g.attributes) AS k
         WHERE {granted}
       ) granted ON true
  -- The values of what is both needed and granted; nothing else is even read.
  LEFT JOIN LATERAL (
        SELECT jsonb_object_agg(a.key, a.clear_value) FILTER (WHERE a.sealed_value IS NULL)
                   AS clear,
               array_agg(a.key) FILTER (WHERE a.sealed_value IS NOT NULL) AS sealed_keys,
               array_agg(a.sealed_value) FILTER (WHERE a.sealed_value IS NOT NULL)
                   AS sealed_values,
               array_agg(a.key ORDER BY a.key) AS present_keys,
               -- Who vouched for each verified value, and when (read from the rows already
               -- read; NULL when nothing is verified, as for most visitors).
               jsonb_object_agg(
                   a.key,
                   jsonb_build_object(
                       'verified_by', a.verified_by,
                       'verified_at',
                       to_char(a.verified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                   )
               ) FILTER (WHERE a.verified_by IS NOT NULL) AS verified
          FROM visitor_attributes a
         WHERE a.visitor_id = v.id AND a.key = ANY(:needed) AND a.key = ANY(granted.keys)
       ) shared ON true
  -- When the terminal last served this visitor in the window (read from the visitor's own
  -- rows; the terminal is compared in a form no index serves).
  CROSS JOIN LATERAL (
        SELECT max(l.at) AS at FROM access_log l
         WHERE caller.ceiling IS NOT NULL
           AND l.visitor_id = v.id AND l.at > :since AND l.at <= :now
           AND l.terminal_id IS NOT DISTINCT FROM caller.terminal_id
       ) last_seen
  LEFT JOIN terminal_load t ON t.terminal_id = caller.terminal_id
  -- NULL when the terminal already served this visitor in the window (one more resolve of
  -- them cannot raise its count, so no count is made). Otherwise, in constant time, its
  -- distinct visitors of this minute and the one before (``terminal_load``, kept below): the
  -- window lies within those two minutes, so that sum bounds its distinct visitors in the
  -- window, and while it is under the ceiling the rule holds without counting. Only when it
  -- reaches the ceiling are the window's distinct visitors counted exactly, at most `ceiling`
  -- of them, so the rule is applied as exactly as before.
  -- The plan is made once per connection, without the values (``db.HOT_PATH_SETTINGS``), so
  -- the conditions leave no room for a worse one: the window is a closed range (a range of
  -- unknown bounds is estimated narrow, so the terminal's index is read, however the log is
  -- spread over terminals).
  CROSS JOIN LATERAL (
        SELECT CASE
                 WHEN caller.ceiling IS NULL OR last_seen.at IS NOT NULL THEN NULL
                 WHEN bound.visitors < caller.ceiling THEN bound.visitors
                 ELSE (SELECT count(*) FROM (SELECT DISTINCT l.visitor_id FROM access_log l
                                              WHERE l.terminal_id = caller.terminal_id
                                                AND l.at > :since AND l.at <= :now
                                              LIMIT caller.ceiling) AS served)
               END AS visitors
          FROM (SELECT CASE
                         WHEN t.minute >= date_trunc('minute', CAST(:now AS timestamptz))
                         THEN t.visitors + t.previous
                         WHEN t.minute = date_trunc('minute', CAST(:now AS timestamptz))
                                         - interval '1 minute'
                         THEN t.visitors
                         ELSE 0
                       END AS visitors) AS bound
       ) seen
),
-- The rules, in the order they are told: the caller refused (above); no such visitor; a
-- terminal over its ceiling; the servicer or purpose not approved; nothing needed is
-- consented; else disclose.
decided AS (
SELECT facts.*,
       CASE
         WHEN refusal IS NOT NULL THEN refusal
         WHEN visitor_id IS NULL THEN 'not_found'
         WHEN visitors_seen >= ceiling THEN 'over_ceiling'
         WHEN NOT approved THEN 'not_approved'
         WHEN NOT coalesce(granted && CAST(:needed AS text[]), false) THEN 'consent_required'
         ELSE 'disclosed'
       END AS outcome
  FROM facts
),
-- A disclosure and its line in the visitor's access log are one statement: neither without
-- the other.
logged AS (
INSERT INTO access_log (visitor_id, at, servicer_id, terminal_id, purpose, attribute_keys, live)
SELECT visitor_id, :now, servicer_id, terminal_id, :purpose, coalesce(present_keys, '{{}}'), live
  FROM decided
 WHERE outcome = 'disclosed'
RETURNING id
),
-- A terminal's distinct visitors a minute, counted as it discloses to a visitor it had not
-- served yet this minute (its previous minute's kept beside them).
load AS (
INSERT INTO terminal_load AS t (terminal_id, minute, visitors, previous)
SELECT terminal_id, date_trunc('minute', CAST(:now AS timestamptz)), 1, 0
  FROM decided
 WHERE outcome = 'disclosed' AND ceiling IS NOT NULL
   AND (last_seen IS NULL OR last_seen < date_trunc('minute', CAST(:now AS timestamptz)))
    ON CONFLICT (terminal_id) DO UPDATE
   SET visitors = CASE WHEN t.minute >= excluded.minute THEN t.visitors + 1 ELSE 1 END,
       previous = CASE
                    WHEN t.minute >= excluded.minute THEN t.previous
                    WHEN t.minute = excluded.minute - interval '1 minute' THEN t.visitors
                    ELSE 0
                  END,
       minute = greatest(t.minute, excluded.minute)
)
SELECT decided.*, (SELECT id FROM logged) AS logged_id FROM decided
"""


def _decide(caller: str, whom: str) -> sa.TextualSelect:
    statement = _DECIDE_SQL.format(
        caller=caller,
        whom=whom,
        servicer_approved=_sql(servicers.approved(_S)),
        purpose_approved=_sql(servicers.purpose_approved(_SP)),
        visitor_live=_sql(visitors_queries.live(_V)),
        visitor_in_mode=_sql(
            visitors_queries.in_mode(
                sa.literal_column("caller.live"), sa.literal_column("caller.servicer_id"), _V
            )
        ),
        granted=_sql(
            consent.granted_to(
                visitor=sa.literal_column("v.id"),
                purpose=_param("purpose"),
                servicer=sa.literal_column("s.id"),
                category=sa.literal_column("s.category"),
                now=_param("now"),
                grant=_G,
            )
        ),
    )
    return (
        sa.text(statement)
        .bindparams(sa.bindparam("needed", type_=ARRAY(sa.String)))
        .columns(
            sa.column("terminal_id", sa.Uuid),
            sa.column("servicer_id", sa.Uuid),
            sa.column("ceiling", sa.Integer),
            sa.column("client_pk", sa.Uuid),
            sa.column("refusal", sa.String),
            sa.column("wait", sa.Float),
            sa.column("live", sa.Boolean),
            sa.column("servicer_known", sa.Boolean),
            sa.column("approved", sa.Boolean),
            sa.column("visitor_id", sa.Uuid),
            sa.column("language", sa.String),
            sa.column("data_key", sa.LargeBinary),
            sa.column("granted", ARRAY(sa.String)),
            sa.column("clear", JSONB),
            sa.column("sealed_keys", ARRAY(sa.String)),
            sa.column("sealed_values", ARRAY(sa.LargeBinary)),
            sa.column("present_keys", ARRAY(sa.String)),
            sa.column("verified", JSONB),
            sa.column("visitors_seen", sa.Integer),
            sa.column("last_seen", sa.DateTime(timezone=True)),
            sa.column("outcome", sa.String),
            sa.column("logged_id", sa.BigInteger),
        )
    )


# The visitor by id (a consent request names them, or a QR code), or by the live card or tag.
_BY_VISITOR = ":visitor_id"
_BY_CARD = _sql(
    carriers.card_holder(
        _param("kind"), _param("lookup_hash"), _CARRIER, mode=sa.literal_column("caller.live")
    )
)
_DECIDE = {
    (False, False): _decide(_GIVEN_CALLER, _BY_VISITOR),
    (False, True): _decide(_GIVEN_CALLER, _BY_CARD),
    (True, False): _decide(_CLIENT_CALLER, _BY_VISITOR),
    (True, True): _decide(_CLIENT_CALLER, _BY_CARD),
}


@dataclass(frozen=True)
class Card:
    """A card or tag as a touchpoint presents it: its kind and keyed lookup hash."""

    kind: CarrierKind
    lookup_hash: bytes


class Outcome(StrEnum):
    # The API client's refusals, decided before anything else.
    invalid_token = "invalid_token"  # noqa: S105 - no live client of an approved servicer behind it
    terminal_suspended = "terminal_suspended"  # revoked by the platform for abnormal use
    insufficient_scope = "insufficient_scope"  # the client no longer holds `resolve`
    purpose_not_for_terminal = "purpose_not_for_terminal"  # a terminal not set up for it
    rate_limited = "rate_limited"  # over the client's request rate (see ``Decision.retry_after``)
    qr_replayed = "qr_replayed"  # the QR code was used already
    # The resolve's own.
    not_found = "not_found"  # no live visitor behind the carrier or id
    over_ceiling = "over_ceiling"  # the terminal would exceed its distinct visitors a minute
    not_approved = "not_approved"  # the servicer or its purpose is not approved
    consent_required = "consent_required"  # nothing the purpose needs is consented
    disclosed = "disclosed"  # and logged for the visitor, in the same statement


@dataclass(frozen=True)
class QrCode:
    """A QR code whose MAC checked out: its single use is recorded by the deciding statement."""

    carrier_id: uuid.UUID
    step: int


@dataclass(frozen=True)
class Decision:
    """One resolve as :data:`_DECIDE_SQL` decided it, with what it read to decide."""

    outcome: Outcome
    servicer_id: uuid.UUID
    purpose: PurposeKey
    terminal_id: uuid.UUID | None  # the terminal that resolved, if a terminal did
    client_pk: uuid.UUID | None  # the API client that resolved, if one did
    ceiling: int | None  # the terminal's distinct visitors a minute
    retry_after: int  # whole seconds, when rate limited
    visitor_id: uuid.UUID | None
    language: str
    data_key: bytes | None
    granted: frozenset[str]
    clear: dict[str, Any]
    sealed: dict[str, bytes]
    # Provenance of the verified values read: key → {"verified_by", "verified_at"}.
    verified: dict[str, Any]
    visitors_seen: int | None  # distinct visitors of the terminal in the window; None: no count
    live: bool = True  # the caller's mode: false in a servicer's sandbox

    @property
    def missing(self) -> tuple[str, ...]:
        """Needed but not granted: what a tap-to-consent would ask for."""
        return tuple(k for k in PURPOSES[self.purpose].attributes if k not in self.granted)


def decide_statement(*, client: bool, card: bool) -> sa.TextualSelect:
    """The deciding statement for an API client's resolve (else a service's), of a card or tag
    (else a visitor known by id)."""
    return _DECIDE[(client, card)]


def card_statement_with_caller(caller: str) -> sa.TextualSelect:
    """The deciding statement for a card or tag, with its ``caller`` CTE given by a domain that
    checks its own caller in the same round trip (payments' terminal and its Idempotency-Key).

    ``caller`` is SQL text, ``caller AS (...)``, of one row with the columns of
    :data:`_GIVEN_CALLER` (``terminal_id``, ``servicer_id``, ``ceiling``, ``client_pk``,
    ``refusal``, ``wait``) and, if it likes, more of its own (prefixed, to stay apart from the
    statement's): they come back in the row. A ``refusal`` that is not NULL decides the outcome
    (as that text) and nothing is written. Its parameters join :func:`decide_params`'s, run with
    ``terminal_id``/``ceiling`` left out."""
    return _decide(caller, _BY_CARD)


def decide_params(
    *,
    servicer_id: uuid.UUID,
    purpose: PurposeKey,
    whom: uuid.UUID | Card,
    terminal_id: uuid.UUID | None = None,
    ceiling: int | None = None,
    client_id: str | None = None,
    qr: QrCode | None = None,
    now: datetime,
    live: bool = True,
) -> dict[str, Any]:
    """The values :func:`decide_statement`'s statement is run with (see :func:`decide`)."""
    params: dict[str, Any] = {
        "servicer_id": servicer_id,
        "purpose": str(purpose),
        "needed": list(PURPOSES[purpose].attributes),
        "now": now,
        "since": now - ANOMALY_WINDOW,
    }
    if client_id is not None:
        params |= {
            "client_id": client_id,
            "qr_carrier_id": qr.carrier_id if qr else None,
            "qr_step": qr.step if qr else None,
        }
    else:
        params |= {"terminal_id": terminal_id, "ceiling": ceiling, "live": live}
    if isinstance(whom, Card):
        params |= {"kind": whom.kind.value, "lookup_hash": whom.lookup_hash}
    else:
        params["visitor_id"] = whom
    return params


async def decide(
    session: HotExecutor,
    *,
    servicer_id: uuid.UUID,
    purpose: PurposeKey,
    whom: uuid.UUID | Card,
    terminal_id: uuid.UUID | None = None,
    ceiling: int | None = None,
    client_id: str | None = None,
    qr: QrCode | None = None,
    now: datetime,
    live: bool = True,
) -> Decision:
    """Decide a resolve of ``whom`` for the servicer and purpose, and log it for the visitor
    when it discloses, in one round trip. An unknown servicer is :class:`ServicerNotFoundError`.

    ``client_id``: the API client resolving with its access token (of ``servicer_id``); the
    statement checks it, counts the request against its rate, takes its terminal and ceiling
    from it and records ``qr``'s use. Without one, ``terminal_id`` is the terminal resolving,
    which the access log names; with a ``ceiling``, it may not serve more distinct visitors
    than that in :data:`ANOMALY_WINDOW`.

    ``live``: the mode of the servicer's caller when no ``client_id`` is given (an API client's
    is read with it): false for its sandbox, whose test visitors alone it then reaches."""
    params = decide_params(
        servicer_id=servicer_id,
        purpose=purpose,
        whom=whom,
        terminal_id=terminal_id,
        ceiling=ceiling,
        client_id=client_id,
        qr=qr,
        now=now,
        live=live,
    )
    statement = decide_statement(client=client_id is not None, card=isinstance(whom, Card))
    row = (await session.execute(statement, params)).one()
    return decision_of(row, servicer_id, purpose)


def decision_of(row: Any, servicer_id: uuid.UUID, purpose: PurposeKey) -> Decision:
    """The decision a row of the deciding statement holds (see :func:`decide`)."""
    outcome = Outcome(row.outcome)
    if not row.servicer_known and outcome not in _REFUSALS:
        raise ServicerNotFoundError()
    decision = Decision(
        outcome=outcome,
        servicer_id=servicer_id,
        purpose=purpose,
        terminal_id=row.terminal_id,
        client_pk=row.client_pk,
        ceiling=row.ceiling,
        retry_after=max(1, math.ceil(row.wait or 0)),
        visitor_id=row.visitor_id,
        language=row.language or "",
        data_key=row.data_key,
        granted=frozenset(row.granted or ()),
        clear=_json(row.clear),
        sealed=dict(zip(row.sealed_keys or (), row.sealed_values or (), strict=True)),
        verified=_json(row.verified),
        visitors_seen=row.visitors_seen,
        live=row.live is not False,
    )
    if outcome is Outcome.disclosed:
        log.info(
            "resolve.disclosed",
            servicer_id=str(servicer_id),
            purpose=str(purpose),
            attributes=len(row.present_keys or ()),
        )
    return decision


def _json(value: Any) -> dict[str, Any]:
    """A jsonb object as read: decoded by the connection's codec, or its text where the
    connection leaves decoding to SQLAlchemy's result layer (a raw read on its connection)."""
    if isinstance(value, str | bytes):
        value = orjson.loads(value)
    return dict(value or {})


_REFUSALS = {
    Outcome.invalid_token,
    Outcome.terminal_suspended,
    Outcome.insufficient_scope,
    Outcome.purpose_not_for_terminal,
    Outcome.rate_limited,
    Outcome.qr_replayed,
}


@dataclass(frozen=True)
class Resolution:
    subject: str
    language: str
    purpose: PurposeKey
    attributes: dict[str, Any]
    missing: tuple[str, ...]  # needed but not granted: what a tap-to-consent would ask for
    # Per disclosed attribute: {"verified_by": issuer, "verified_at": ISO 8601 UTC} when an
    # OpenID Provider vouched for the value, None when the visitor typed it.
    verification: dict[str, dict[str, str] | None]


def disclosed(keys: PlatformKeys, decision: Decision) -> Resolution:
    """What a disclosing decision shows the servicer: the pairwise id, the language and the
    attributes it read, opened. Any other decision is its error: the purpose not approved
    (403), the visitor gone (404), nothing consented (403, naming what is missing); a terminal
    over its ceiling, and an API client's refusals, are the caller's to act on first."""
    if decision.outcome in _REFUSALS:
        raise AssertionError(f"refused ({decision.outcome}): the caller answers it")
    match decision.outcome:
        case Outcome.not_approved:
            raise PurposeNotApprovedError()
        case Outcome.not_found:
            raise VisitorNotFoundError()
        case Outcome.consent_required:
            raise ConsentRequiredError(extra={"missing": list(decision.missing)})
        case Outcome.over_ceiling:
            raise AssertionError("a terminal over its ceiling is suspended, not disclosed to")
    assert decision.visitor_id is not None
    assert decision.data_key is not None
    attributes = visitors.open_attributes(
        keys.keyring,
        decision.visitor_id,
        decision.data_key,
        clear=decision.clear,
        sealed=decision.sealed,
    )
    subject = subject_id(pairwise_key(keys.derivation), decision.servicer_id, decision.visitor_id)
    return Resolution(
        subject=subject,
        language=decision.language,
        purpose=decision.purpose,
        attributes=attributes,
        missing=decision.missing,
        verification={key: decision.verified.get(key) for key in attributes},
    )


async def resolve(
    session: AsyncSession,
    keys: PlatformKeys,
    *,
    servicer_id: uuid.UUID,
    visitor_id: uuid.UUID,
    purpose: PurposeKey,
    terminal_id: uuid.UUID | None = None,
    now: datetime | None = None,
    live: bool = True,
) -> Resolution:
    """Resolve a visitor known by id, with no ceiling (a touchpoint's resolve, with its
    carrier and its terminal's ceiling, is :mod:`omotenashi.resolve.touchpoint`)."""
    decision = await decide(
        session,
        servicer_id=servicer_id,
        purpose=purpose,
        whom=visitor_id,
        terminal_id=terminal_id,
        now=now or datetime.now(UTC),
        live=live,
    )
    return disclosed(keys, decision)


async def access_log(session: AsyncSession, visitor_id: uuid.UUID) -> list[AccessLogEntry]:
    """Who saw what of this visitor, newest first."""
    return list(
        (
            await session.scalars(
                select(AccessLogEntry)
                .where(AccessLogEntry.visitor_id == visitor_id)
                .order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
            )
        ).all()
    )


CONVERSATION_LOOKBACK = timedelta(hours=1)


async def log_conversation(
    session: AsyncSession,
    keys: PlatformKeys,
    *,
    servicer_id: uuid.UUID,
    terminal_id: uuid.UUID,
    subject: str,
    now: datetime,
) -> bool:
    """Note in the access log of the visitor this terminal resolved as ``subject`` within the
    last hour that a conversation took place there. The counter knows only the pairwise id; the
    visitor is found among the terminal's recent disclosures. False when none matches."""
    recent = await session.execute(
        select(AccessLogEntry.visitor_id, AccessLogEntry.live)
        .where(
            AccessLogEntry.terminal_id == terminal_id,
            AccessLogEntry.servicer_id == servicer_id,
            AccessLogEntry.at >= now - CONVERSATION_LOOKBACK,
            AccessLogEntry.purpose != CONVERSATION,
        )
        .distinct()
    )
    key = pairwise_key(keys.derivation)
    for visitor_id, live in recent:
        if subject_id(key, servicer_id, visitor_id) == subject:
            session.add(
                AccessLogEntry(
                    live=live,  # a sandbox's conversation stays the sandbox's
                    visitor_id=visitor_id,
                    at=now,
                    servicer_id=servicer_id,
                    terminal_id=terminal_id,
                    purpose=CONVERSATION,
                    attribute_keys=[],
                )
            )
            await session.flush()
            return True
    return False


@dataclass(frozen=True)
class Disclosure:
    """One line of "who saw my data": a servicer, at a terminal, saw these items, for this."""

    id: int
    at: datetime
    servicer_name: str
    servicer_name_ja: str
    terminal_label: str | None
    terminal_location: str | None
    purpose: str
    attribute_keys: tuple[str, ...]
    servicer_id: uuid.UUID


async def disclosures(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    *,
    limit: int = 200,
    before: datetime | None = None,
) -> list[Disclosure]:
    """The visitor's access log, newest first, with the names a person recognises."""
    await visitors.get(session, visitor_id)
    lines = queries.log_of(visitor_id, before=before).limit(limit).subquery()
    query = (
        sa.select(
            lines.c.id,
            lines.c.at,
            Servicer.name,
            Servicer.name_ja,
            ApiClient.label,
            ApiClient.location,
            lines.c.purpose,
            lines.c.attribute_keys,
            Servicer.id,
        )
        .join(Servicer, Servicer.id == lines.c.servicer_id)
        .outerjoin(ApiClient, ApiClient.id == lines.c.terminal_id)
        .order_by(lines.c.at.desc(), lines.c.id.desc())
    )
    return [
        Disclosure(id, at, name, name_ja, label, location, purpose, tuple(keys), servicer_id)
        for id, at, name, name_ja, label, location, purpose, keys, servicer_id in (
            await session.execute(query)
        )
    ]
