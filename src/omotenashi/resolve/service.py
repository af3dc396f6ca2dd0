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

import sqlalchemy as sa
import structlog
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.carriers.models import CarrierKind
from omotenashi.db import Executor
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.resolve.models import AccessLogEntry
from omotenashi.security import ratelimit
from omotenashi.security.keys import PlatformKeys
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers.errors import PurposeNotApprovedError, ServicerNotFoundError
from omotenashi.servicers.purposes import CONVERSATION, PURPOSES, PurposeKey
from omotenashi.visitors import service as visitors
from omotenashi.visitors.errors import VisitorNotFoundError

log = structlog.get_logger(__name__)

# How far back a terminal's distinct visitors are counted against its ceiling.
ANOMALY_WINDOW = timedelta(minutes=1)

# Who resolves, when a service (not an API client) does: the servicer and, for a touchpoint, its
# terminal and ceiling, as given.
_GIVEN_CALLER = """
caller AS (
SELECT CAST(:terminal_id AS uuid) AS terminal_id,
       CAST(:servicer_id AS uuid) AS servicer_id,
       CAST(:ceiling AS integer) AS ceiling,
       CAST(NULL AS uuid) AS client_pk,
       CAST(NULL AS text) AS refusal,
       CAST(NULL AS float8) AS wait
)"""

# Who resolves, when an API client does with its access token: the client is read and checked
# (live, of an approved servicer, holding the `resolve` scope, a terminal set up for the
# purpose; a terminal the platform suspended is read too, to be told so), one request is
# counted against its rate (GCRA, as `security.ratelimit` does, with the client's own rate: a
# tenth of a minute's allowance may come at once), and a QR code's single use is recorded, all
# before anything is disclosed and in the same statement.
_CLIENT_CALLER_SQL = """
client AS MATERIALIZED (
SELECT c.id, c.kind, c.max_visitors_per_minute AS ceiling,
       c.suspended_at IS NOT NULL AS suspended,
       'resolve' = ANY(c.scopes) AS may_resolve,
       c.kind <> 'terminal' OR CAST(:purpose AS text) = ANY(c.purposes) AS may_serve,
       interval '1 minute' / c.max_requests_per_minute AS spacing,
       interval '1 minute' / c.max_requests_per_minute
           * greatest(1, c.max_requests_per_minute / 10) AS allowance
  FROM api_clients c JOIN servicers s ON s.id = c.servicer_id
 WHERE c.client_id = :client_id AND c.servicer_id = :servicer_id
   AND (c.revoked_at IS NULL OR c.suspended_at IS NOT NULL) AND s.state = 'approved'
),
counted AS ({counted}),
used AS (
INSERT INTO qr_uses (carrier_id, step)
SELECT CAST(:qr_carrier_id AS uuid), CAST(:qr_step AS bigint)
  FROM counted
 WHERE CAST(:qr_carrier_id AS uuid) IS NOT NULL
    ON CONFLICT DO NOTHING
RETURNING 1
),
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
       (SELECT {wait} FROM rate_limits r WHERE r.key = 'client:' || client.id)::float8 AS wait
  FROM (SELECT) AS one LEFT JOIN client ON true
)"""
_CLIENT_CALLER = _CLIENT_CALLER_SQL.format(
    counted=ratelimit.take_sql(
        "SELECT 'client:' || id, statement_timestamp() + spacing FROM client"
        " WHERE may_resolve AND may_serve AND NOT suspended",
        interval="(SELECT spacing FROM client)",
        window="(SELECT allowance FROM client)",
        now="statement_timestamp()",
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
       s.state = 'approved' AND sp.state IS NOT DISTINCT FROM 'approved' AS approved,
       v.id AS visitor_id,
       v.language,
       v.data_key,
       granted.keys AS granted,
       shared.clear,
       shared.sealed_keys,
       shared.sealed_values,
       shared.present_keys,
       seen.visitors AS visitors_seen
  FROM caller
  LEFT JOIN servicers s ON s.id = caller.servicer_id
  LEFT JOIN servicer_purposes sp ON sp.servicer_id = s.id AND sp.purpose = :purpose
  LEFT JOIN visitors v ON v.id = ({whom}) AND v.data_key IS NOT NULL
  -- What the visitor lets this servicer (itself, or its whole category) see for the purpose.
  LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT k::text) AS keys
          FROM consent_grants g CROSS JOIN unnest(g.attributes) AS k
         WHERE g.visitor_id = v.id
           AND g.purpose = :purpose
           AND (g.servicer_id = s.id OR g.servicer_category = s.category)
           AND g.revoked_at IS NULL
           AND g.expires_at > :now
       ) granted ON true
  -- The values of what is both needed and granted; nothing else is even read.
  LEFT JOIN LATERAL (
        SELECT jsonb_object_agg(a.key, a.clear_value) FILTER (WHERE a.sealed_value IS NULL)
                   AS clear,
               array_agg(a.key) FILTER (WHERE a.sealed_value IS NOT NULL) AS sealed_keys,
               array_agg(a.sealed_value) FILTER (WHERE a.sealed_value IS NOT NULL)
                   AS sealed_values,
               array_agg(a.key ORDER BY a.key) AS present_keys
          FROM visitor_attributes a
         WHERE a.visitor_id = v.id AND a.key = ANY(:needed) AND a.key = ANY(granted.keys)
       ) shared ON true
  -- NULL when the terminal already served this visitor in the window (one more resolve of
  -- them cannot raise its count, so the count is not even made); otherwise how many distinct
  -- visitors it served, counting at most `ceiling`.
  -- The plan is made once per connection, without the values (``db.HOT_PATH_SETTINGS``), so
  -- the conditions leave no room for a worse one: the window is a closed range (a range of
  -- unknown bounds is estimated narrow, so the terminal's index is read, however the log is
  -- spread over terminals), and whether this visitor was served is read from the visitor's own
  -- rows (the terminal is compared in a form no index serves).
  CROSS JOIN LATERAL (
        SELECT CASE
                 WHEN caller.ceiling IS NULL THEN NULL
                 WHEN EXISTS (SELECT FROM access_log l
                               WHERE l.visitor_id = v.id AND l.at > :since AND l.at <= :now
                                 AND l.terminal_id IS NOT DISTINCT FROM caller.terminal_id)
                 THEN NULL
                 ELSE (SELECT count(*) FROM (SELECT DISTINCT l.visitor_id FROM access_log l
                                              WHERE l.terminal_id = caller.terminal_id
                                                AND l.at > :since AND l.at <= :now
                                              LIMIT caller.ceiling) AS served)
               END AS visitors
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
INSERT INTO access_log (visitor_id, at, servicer_id, terminal_id, purpose, attribute_keys)
SELECT visitor_id, :now, servicer_id, terminal_id, :purpose, coalesce(present_keys, '{{}}')
  FROM decided
 WHERE outcome = 'disclosed'
RETURNING id
)
SELECT decided.*, (SELECT id FROM logged) AS logged_id FROM decided
"""


def _decide(caller: str, whom: str) -> sa.TextualSelect:
    return (
        sa.text(_DECIDE_SQL.format(caller=caller, whom=whom))
        .bindparams(sa.bindparam("needed", type_=ARRAY(sa.String)))
        .columns(
            sa.column("terminal_id", sa.Uuid),
            sa.column("servicer_id", sa.Uuid),
            sa.column("ceiling", sa.Integer),
            sa.column("client_pk", sa.Uuid),
            sa.column("refusal", sa.String),
            sa.column("wait", sa.Float),
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
            sa.column("visitors_seen", sa.Integer),
            sa.column("outcome", sa.String),
            sa.column("logged_id", sa.BigInteger),
        )
    )


# The visitor by id (a consent request names them, or a QR code), or by the live card or tag.
_BY_VISITOR = ":visitor_id"
_BY_CARD = (
    "SELECT c.visitor_id FROM carriers c WHERE c.kind = :kind AND c.lookup_hash = :lookup_hash"
    " AND c.revoked_at IS NULL"
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
    visitors_seen: int | None  # distinct visitors of the terminal in the window; None: no count

    @property
    def missing(self) -> tuple[str, ...]:
        """Needed but not granted: what a tap-to-consent would ask for."""
        return tuple(k for k in PURPOSES[self.purpose].attributes if k not in self.granted)


async def decide(
    session: Executor,
    *,
    servicer_id: uuid.UUID,
    purpose: PurposeKey,
    whom: uuid.UUID | Card,
    terminal_id: uuid.UUID | None = None,
    ceiling: int | None = None,
    client_id: str | None = None,
    qr: QrCode | None = None,
    now: datetime,
) -> Decision:
    """Decide a resolve of ``whom`` for the servicer and purpose, and log it for the visitor
    when it discloses, in one round trip. An unknown servicer is :class:`ServicerNotFoundError`.

    ``client_id``: the API client resolving with its access token (of ``servicer_id``); the
    statement checks it, counts the request against its rate, takes its terminal and ceiling
    from it and records ``qr``'s use. Without one, ``terminal_id`` is the terminal resolving,
    which the access log names; with a ``ceiling``, it may not serve more distinct visitors
    than that in :data:`ANOMALY_WINDOW`."""
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
        params |= {"terminal_id": terminal_id, "ceiling": ceiling}
    if isinstance(whom, Card):
        params |= {"kind": whom.kind.value, "lookup_hash": whom.lookup_hash}
    else:
        params["visitor_id"] = whom
    statement = _DECIDE[(client_id is not None, isinstance(whom, Card))]
    row = (await session.execute(statement, params)).one()
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
        clear=dict(row.clear or {}),
        sealed=dict(zip(row.sealed_keys or (), row.sealed_values or (), strict=True)),
        visitors_seen=row.visitors_seen,
    )
    if outcome is Outcome.disclosed:
        log.info(
            "resolve.disclosed",
            servicer_id=str(servicer_id),
            purpose=str(purpose),
            attributes=len(row.present_keys or ()),
        )
    return decision


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
    recent = await session.scalars(
        select(AccessLogEntry.visitor_id)
        .where(
            AccessLogEntry.terminal_id == terminal_id,
            AccessLogEntry.servicer_id == servicer_id,
            AccessLogEntry.at >= now - CONVERSATION_LOOKBACK,
            AccessLogEntry.purpose != CONVERSATION,
        )
        .distinct()
    )
    key = pairwise_key(keys.derivation)
    for visitor_id in recent:
        if subject_id(key, servicer_id, visitor_id) == subject:
            session.add(
                AccessLogEntry(
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
