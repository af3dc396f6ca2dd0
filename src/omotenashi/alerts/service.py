"""Alert rules: ingest, compose and approve, issue (render, sign, target), verify a forwarded
copy, the visitor's current alerts, push subscriptions, coarse location and safety answers.

Every function takes the caller's session and never commits: an ingest that fails halfway leaves
nothing behind, and the fan-out job is enqueued in the same transaction as the alert it sends.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import h3
import structlog
from sqlalchemy import ColumnElement, Text, and_, delete, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import jobs
from omotenashi.alerts import ALERT_LANGUAGES, codec, forwarded, jma, signatures, targeting
from omotenashi.alerts.areas import Point
from omotenashi.alerts.catalogue import (
    Alert,
    AlertType,
    Cancellation,
    EarthquakeInformation,
    ReportStatus,
)
from omotenashi.alerts.errors import (
    AlertNotAnswerableError,
    AlertNotDraftError,
    AlertNotFoundError,
    EmergencyConsentRequiredError,
    FeedNotAllowedError,
    InvalidAlertError,
    InvalidLocationError,
    InvalidSubscriptionError,
    NoKnownAreaError,
    SecondOperatorRequiredError,
    SubscriptionNotFoundError,
)
from omotenashi.alerts.forwarded import VerificationVerdict as Verdict
from omotenashi.alerts.models import (
    AlertOrigin,
    AlertState,
    AlertTarget,
    PushSubscription,
    SafetyAnswer,
    SafetyCheck,
    StoredAlert,
)
from omotenashi.alerts.render import render
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.config import Settings
from omotenashi.errors import FieldError
from omotenashi.security import audit
from omotenashi.security.audit import AuditEntry
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerCategory
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor
from omotenashi.webhooks import service as webhooks

log = structlog.get_logger(__name__)

INGEST_SCOPE = "alerts:ingest"
FEED_CATEGORIES = frozenset({ServicerCategory.municipality})
"""Servicers whose systems may publish alerts: public bodies, never a hotel or a shop."""

NOTIFY_CHANNEL = "omotenashi_alerts"
"""PostgreSQL notifications of alerts issued or cancelled, for open pages (``stream``)."""

FAN_OUT_JOB = "alerts.fan_out"
DELIVER_JOB = "alerts.deliver"
BATCH_SIZE = 250
"""Subscriptions per delivery job: small enough that a retry repeats little, large enough that
a million recipients make a few thousand jobs, not a million."""

VALIDITY: dict[str, timedelta] = {
    AlertType.EARTHQUAKE_EARLY_WARNING: timedelta(hours=1),
    AlertType.EARTHQUAKE_INFORMATION: timedelta(hours=24),
    AlertType.MAJOR_TSUNAMI_WARNING: timedelta(hours=24),
    AlertType.TSUNAMI_WARNING: timedelta(hours=24),
    AlertType.TSUNAMI_ADVISORY: timedelta(hours=24),
    AlertType.TSUNAMI_FORECAST: timedelta(hours=12),
    AlertType.TSUNAMI_LIFTED: timedelta(hours=12),
    AlertType.WEATHER_WARNINGS_LIFTED: timedelta(hours=6),
    AlertType.VOLCANIC_WARNING: timedelta(days=30),
}
"""How long a JMA report that sets no end of its own (no Head/ValidDateTime) stays current:
earthquake reports never set one, and a tsunami warning is normally followed by its lifting
within a day. Weather warnings stand until the next report for their area lifts them."""

STALE_TYPES = frozenset(
    {
        AlertType.EARTHQUAKE_EARLY_WARNING,
        AlertType.EARTHQUAKE_INFORMATION,
        AlertType.MAJOR_TSUNAMI_WARNING,
        AlertType.TSUNAMI_WARNING,
        AlertType.TSUNAMI_ADVISORY,
        AlertType.TSUNAMI_FORECAST,
        AlertType.TSUNAMI_LIFTED,
    }
)


@dataclass(frozen=True)
class IngestPolicy:
    """The time rules of ingest, from the settings (``from_settings``)."""

    stale_after: timedelta = timedelta(minutes=10)
    """An earthquake or tsunami report received longer than this after JMA issued it is
    issued for operators but never pushed: a push minutes late sends people the wrong way."""
    validity: dict[str, timedelta] = field(default_factory=lambda: dict(VALIDITY))

    @classmethod
    def from_settings(cls, settings: Settings) -> IngestPolicy:
        validity = dict(VALIDITY)
        for alert_type, minutes in settings.alert_validity_minutes.items():
            validity[alert_type] = timedelta(minutes=minutes)
        return cls(timedelta(minutes=settings.alert_stale_after_minutes), validity)


WORDING_WINDOW = timedelta(days=14)
"""How far back a pasted alert text is compared with what we issued (besides every alert still
in force)."""


# Reading alerts.


def _visible() -> ColumnElement[bool]:
    """Alerts that were sent: issued, or since replaced or cancelled (not drafts)."""
    return StoredAlert.state.in_([AlertState.issued, AlertState.superseded, AlertState.cancelled])


async def get(session: AsyncSession, alert_id: uuid.UUID) -> StoredAlert:
    """An alert that was sent; drafts are not found here (see ``get_for_operator``)."""
    alert = await session.scalar(select(StoredAlert).where(StoredAlert.id == alert_id, _visible()))
    if alert is None:
        raise AlertNotFoundError()
    return alert


async def get_for_operator(session: AsyncSession, alert_id: uuid.UUID) -> StoredAlert:
    alert = await session.get(StoredAlert, alert_id)
    if alert is None:
        raise AlertNotFoundError()
    return alert


def alert_of(stored: StoredAlert) -> Alert:
    return codec.alert_from_json(stored.content)


def current_state(stored: StoredAlert, now: datetime | None = None) -> str:
    """current, expired, superseded, cancelled (or draft, discarded for operators)."""
    now = now or datetime.now(UTC)
    if stored.state is AlertState.issued:
        if stored.expires_at is not None and stored.expires_at <= now:
            return "expired"
        return "current"
    return str(stored.state)


def rendering(stored: StoredAlert, language: str) -> dict[str, Any]:
    """The alert in ``language``, English when it is not an alert language."""
    found: dict[str, Any] = stored.renderings.get(language) or stored.renderings["en"]
    return found


# Issuing.


def _render_all(alert: Alert) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for language in ALERT_LANGUAGES:
        rendered = render(alert, language)
        out[language] = {
            "headline": rendered.headline,
            "lines": list(rendered.lines),
            "action": rendered.action,
        }
    return out


def _targets(alert: Alert) -> targeting.Targets:
    """Whom ``alert`` reaches. An alert none of whose areas is a place we know is refused: it
    would be signed and in force, and tell nobody."""
    try:
        found = targeting.targets(alert.areas)
    except ValueError as error:
        raise InvalidAlertError(str(error), fields=[FieldError("areas", str(error))]) from None
    abroad = isinstance(alert.details, EarthquakeInformation) and alert.details.distant
    if found.empty and not abroad:
        raise NoKnownAreaError(found.unresolved)
    return found


def _new_stored(
    alert: Alert,
    *,
    origin: AlertOrigin,
    state: AlertState,
    created_by: str,
    unknown_elements: Sequence[str] = (),
    document_sha256: str | None = None,
) -> StoredAlert:
    found = _targets(alert)
    return StoredAlert(
        id=uuid.uuid4(),
        type=str(alert.type),
        severity=int(alert.severity),
        status=str(alert.status),
        state=state,
        origin=origin,
        source=alert.source,
        event_id=alert.event_id,
        serial=alert.serial,
        content=codec.to_json(alert),
        issued_at=alert.issued_at,
        expires_at=alert.expires_at,
        target_prefectures=sorted(found.prefectures),
        target_municipalities=sorted(found.municipalities),
        target_cells=sorted(found.cells),
        unresolved_areas=found.unresolved,
        unknown_elements=list(unknown_elements),
        renderings=_render_all(alert),
        document_sha256=document_sha256,
        created_by=created_by,
        created_at=datetime.now(UTC),
    )


_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset(
        {
            AlertType.MAJOR_TSUNAMI_WARNING,
            AlertType.TSUNAMI_WARNING,
            AlertType.TSUNAMI_ADVISORY,
            AlertType.TSUNAMI_FORECAST,
            AlertType.TSUNAMI_LIFTED,
        }
    ),
    frozenset(
        {
            AlertType.WEATHER_EMERGENCY_WARNING,
            AlertType.WEATHER_WARNING,
            AlertType.WEATHER_ADVISORY,
            AlertType.WEATHER_WARNINGS_LIFTED,
        }
    ),
)


def _family(alert_type: str) -> list[str]:
    """The types a report of ``alert_type`` can replace: a tsunami warning replaces the
    advisory before it, but an intensity report does not replace the tsunami warning of the
    same earthquake."""
    for family in _FAMILIES:
        if alert_type in family:
            return sorted(family)
    return [alert_type]


LIFTING_TYPES = frozenset({AlertType.TSUNAMI_LIFTED})


def _shares_event(event_id: str) -> ColumnElement[bool]:
    """Alerts of any of the events ``event_id`` names (JMA separates several by spaces)."""
    ids: ColumnElement[list[str]] = func.string_to_array(
        StoredAlert.event_id, " ", type_=ARRAY(Text)
    )
    shared: ColumnElement[bool] = ids.overlap(event_id.split())
    return shared


def _sign(stored: StoredAlert, alert: Alert, keys: PlatformKeys) -> None:
    stored.signature = signatures.sign(
        keys.signing_key,
        alert_id=str(stored.id),
        canonical=codec.canonical(alert),
        alert_type=stored.type,
        severity=stored.severity,
        status=stored.status,
        source=stored.source,
        issued_at=stored.issued_at,
        expires_at=stored.expires_at,
    )


async def _issue(
    session: AsyncSession,
    keys: PlatformKeys,
    stored: StoredAlert,
    alert: Alert,
    *,
    actor: str,
    withheld: str | None = None,
) -> bool:
    """Sign and issue ``stored``; replace older reports of its event. True when visitors are to
    be told: a real (not exercise or test) alert that is the newest of its event and either the
    first of it, more severe than the one before, or reaching further."""
    _sign(stored, alert, keys)
    stored.state = AlertState.issued
    same_event = (
        _shares_event(stored.event_id)
        if stored.event_id is not None
        # Reports without an event id (weather warnings) replace earlier ones for no wider area.
        else and_(
            StoredAlert.event_id.is_(None),
            StoredAlert.target_prefectures.contained_by(stored.target_prefectures),
            StoredAlert.target_municipalities.contained_by(stored.target_municipalities),
            StoredAlert.target_cells.contained_by(stored.target_cells),
        )
    )
    previous = list(
        (
            await session.scalars(
                select(StoredAlert).where(
                    StoredAlert.source == stored.source,
                    StoredAlert.type.in_(_family(stored.type)),
                    StoredAlert.status == stored.status,
                    StoredAlert.state == AlertState.issued,
                    StoredAlert.id != stored.id,
                    same_event,
                )
            )
        ).all()
    )
    newer = [
        old
        for old in previous
        if (old.issued_at, old.serial or 0)
        > (
            stored.issued_at,
            stored.serial or 0,
        )
    ]
    session.add(stored)
    await session.flush()
    if newer:
        # A late copy of an older report: kept, but already replaced.
        stored.state = AlertState.superseded
        stored.superseded_by_id = newer[0].id
        stored.ended_at = datetime.now(UTC)
        await session.flush()
        return False
    now = datetime.now(UTC)
    told_before = False
    for old in previous:
        old.state = AlertState.superseded
        old.superseded_by_id = stored.id
        old.ended_at = now
        told_before = told_before or (
            old.severity >= stored.severity
            and set(stored.target_prefectures) <= set(old.target_prefectures)
            and set(stored.target_municipalities) <= set(old.target_municipalities)
            and set(stored.target_cells) <= set(old.target_cells)
        )
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="alert.issued",
        target=f"alert:{stored.id}",
        details={
            "type": stored.type,
            "status": stored.status,
            "origin": str(stored.origin),
            "superseded": [str(old.id) for old in previous],
            "withheld": stored.withheld,
        },
    )
    # A lifting changes what everyone told of the warning should do: they hear of it too.
    lifts = stored.type in LIFTING_TYPES
    notify = stored.status == ReportStatus.NORMAL and (lifts or not told_before)
    if notify and withheld is not None:
        stored.withheld = withheld
        notify = False
    if notify:
        await jobs.enqueue(session, FAN_OUT_JOB, {"alert_id": str(stored.id)})
        await webhooks.emit_in_area(
            session,
            "alert.issued",
            {"alert_id": str(stored.id), "type": stored.type, "severity": stored.severity},
            prefectures=stored.target_prefectures,
            municipalities=stored.target_municipalities,
        )
    await announce(session, stored.id)
    log.info(
        "alert.issued",
        alert_id=str(stored.id),
        type=stored.type,
        status=stored.status,
        notify=notify,
    )
    return notify


async def authorize_feed(session: AsyncSession, caller: AuthenticatedClient) -> str:
    """An API client may publish alerts only for a public body (a municipality); the audit
    log's name for it."""
    servicer = await servicers.get(session, caller.servicer_id)
    if servicer.category not in FEED_CATEGORIES:
        raise FeedNotAllowedError("Only a municipality's systems may publish alerts.")
    return f"api_client:{caller.id}"


@dataclass(frozen=True)
class Ingested:
    """What one document did: the alert it issued, or the alerts it cancelled."""

    alert: StoredAlert | None
    cancelled: list[uuid.UUID]
    unknown_elements: list[str]
    duplicate: bool = False
    warnings: list[str] = field(default_factory=list)
    """What the operator should know: a cancellation that found nothing to cancel."""


async def ingest(
    session: AsyncSession,
    keys: PlatformKeys,
    document: bytes,
    *,
    actor: str,
    policy: IngestPolicy | None = None,
    now: datetime | None = None,
) -> Ingested:
    """Read a JMA XML report and issue (or cancel) what it says.

    A document that cannot be read raises ``jma.MalformedAlert`` (422) before anything is
    stored. The same document sent again is answered with the alert it made the first time.
    A report that sets no end is given the policy's validity for its type; an earthquake or
    tsunami report received after the policy's bound is issued for operators but not pushed.
    """
    policy = policy or IngestPolicy()
    now = now or datetime.now(UTC)
    sha256 = hashlib.sha256(document).hexdigest()
    existing = await session.scalar(
        select(StoredAlert).where(StoredAlert.document_sha256 == sha256)
    )
    if existing is not None:
        return Ingested(existing, [], list(existing.unknown_elements), duplicate=True)
    earlier_cancellation = await session.scalar(
        select(AuditEntry.details).where(
            AuditEntry.action == "alert.cancelled",
            AuditEntry.details["document_sha256"].astext == sha256,
        )
    )
    if earlier_cancellation is not None:
        ids = [uuid.UUID(found) for found in earlier_cancellation.get("alerts", [])]
        return Ingested(None, ids, [], duplicate=True)
    parsed = jma.parse(document)
    if isinstance(parsed.alert, Cancellation):
        cancelled = await _cancel(session, parsed.alert, actor=actor, sha256=sha256)
        warnings = []
        if not cancelled:
            event = parsed.alert.cancels_event_id or "no event id"
            warnings.append(
                f"The cancellation (取消) of {event} found no alert of that event to cancel."
            )
        return Ingested(None, cancelled, parsed.unknown_elements, warnings=warnings)
    alert = parsed.alert
    validity = policy.validity.get(alert.type)
    if alert.expires_at is None and validity is not None:
        alert = replace(alert, expires_at=alert.issued_at + validity)
    withheld = None
    if isinstance(alert.details, EarthquakeInformation) and alert.details.distant:
        withheld = "an event abroad: kept for operators until a tsunami report names our coasts"
    age = now - alert.issued_at
    if alert.type in STALE_TYPES and age > policy.stale_after:
        withheld = (
            f"received {int(age.total_seconds() // 60)} min after it was issued "
            f"(push bound {int(policy.stale_after.total_seconds() // 60)} min)"
        )
    stored = _new_stored(
        alert,
        origin=AlertOrigin.jma_xml,
        state=AlertState.draft,
        created_by=actor,
        unknown_elements=parsed.unknown_elements,
        document_sha256=sha256,
    )
    await _issue(session, keys, stored, alert, actor=actor, withheld=withheld)
    if parsed.unknown_elements:
        log.info(
            "alert.unknown_elements", alert_id=str(stored.id), count=len(parsed.unknown_elements)
        )
    return Ingested(stored, [], parsed.unknown_elements)


async def _cancel(
    session: AsyncSession, cancellation: Cancellation, *, actor: str, sha256: str | None = None
) -> list[uuid.UUID]:
    query = select(StoredAlert).where(
        StoredAlert.source == cancellation.source,
        StoredAlert.type.in_([str(kind) for kind in cancellation.alert_types]),
        StoredAlert.state.in_([AlertState.issued, AlertState.superseded]),
        StoredAlert.status == str(cancellation.status),
    )
    if cancellation.cancels_event_id is not None:
        query = query.where(_shares_event(cancellation.cancels_event_id))
    else:
        query = (
            query.where(StoredAlert.state == AlertState.issued)
            .order_by(StoredAlert.issued_at.desc())
            .limit(1)
        )
    found = list((await session.scalars(query)).all())
    now = datetime.now(UTC)
    for alert in found:
        alert.state = AlertState.cancelled
        alert.ended_at = now
        await _tell_cancelled(session, alert)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="alert.cancelled",
        target=f"event:{cancellation.cancels_event_id or '-'}",
        details={"alerts": [str(alert.id) for alert in found], "document_sha256": sha256},
    )
    log.info("alert.cancelled", alerts=len(found))
    return [alert.id for alert in found]


# Composing by operators, with four eyes.


def parse_composed(data: dict[str, Any], *, now: datetime | None = None) -> Alert:
    """An operator's alert from its JSON (``codec``); ``issued_at`` defaults to now."""
    body = dict(data)
    body.setdefault("issued_at", (now or datetime.now(UTC)).isoformat())
    try:
        return codec.alert_from_json(body)
    except codec.AlertShapeError as error:
        raise InvalidAlertError(
            f"{error.path} {error.message}.", fields=[FieldError(error.path, error.message)]
        ) from None


def preview(alert: Alert) -> dict[str, Any]:
    """The alert in every alert language, and whom it would reach, without storing anything."""
    found = _targets(alert)
    return {
        "renderings": _render_all(alert),
        "unresolved_areas": found.unresolved,
    }


async def draft(session: AsyncSession, data: dict[str, Any], *, operator: str) -> StoredAlert:
    """Store an operator's alert as a draft, to be approved by another operator."""
    alert = parse_composed(data)
    stored = _new_stored(
        alert, origin=AlertOrigin.operator, state=AlertState.draft, created_by=operator
    )
    session.add(stored)
    await session.flush()
    await audit.record(
        session,
        actor=operator,
        action="alert.drafted",
        target=f"alert:{stored.id}",
        details={"type": stored.type, "status": stored.status},
    )
    log.info("alert.drafted", alert_id=str(stored.id), type=stored.type)
    return stored


async def approve(
    session: AsyncSession, keys: PlatformKeys, alert_id: uuid.UUID, *, operator: str
) -> StoredAlert:
    """A second operator approves a draft: it is issued now, signed and sent."""
    stored = await session.scalar(
        select(StoredAlert).where(StoredAlert.id == alert_id).with_for_update()
    )
    if stored is None:
        raise AlertNotFoundError()
    if stored.state is not AlertState.draft or stored.origin is not AlertOrigin.operator:
        raise AlertNotDraftError(f"The alert is {stored.state}; only a draft can be approved.")
    if stored.created_by == operator:
        raise SecondOperatorRequiredError(
            "The operator who composed an alert cannot approve it; ask another operator."
        )
    now = datetime.now(UTC)
    composed = alert_of(stored)
    if composed.expires_at is not None and composed.expires_at <= now:
        raise InvalidAlertError(
            "The alert would expire before it is sent; compose it again.",
            fields=[FieldError("expires_at", "Already past.")],
        )
    body = codec.to_json(composed)
    body["issued_at"] = now.isoformat()
    alert = codec.alert_from_json(body)
    stored.content = codec.to_json(alert)
    stored.issued_at = alert.issued_at
    stored.renderings = _render_all(alert)
    stored.approved_by = operator
    await audit.record(
        session,
        actor=operator,
        action="alert.approved",
        target=f"alert:{stored.id}",
        details={"drafted_by": stored.created_by},
    )
    await _issue(session, keys, stored, alert, actor=operator)
    return stored


async def discard(session: AsyncSession, alert_id: uuid.UUID, *, operator: str) -> StoredAlert:
    stored = await get_for_operator(session, alert_id)
    if stored.state is not AlertState.draft:
        raise AlertNotDraftError(f"The alert is {stored.state}; only a draft can be discarded.")
    stored.state = AlertState.discarded
    stored.ended_at = datetime.now(UTC)
    await session.flush()
    await audit.record(
        session, actor=operator, action="alert.discarded", target=f"alert:{stored.id}"
    )
    return stored


async def cancel(session: AsyncSession, alert_id: uuid.UUID, *, operator: str) -> StoredAlert:
    """An operator withdraws an issued alert (issued in error); it verifies as cancelled."""
    stored = await get_for_operator(session, alert_id)
    if stored.state is not AlertState.issued:
        raise AlertNotDraftError(f"The alert is {stored.state}; only an issued one is cancelled.")
    stored.state = AlertState.cancelled
    stored.ended_at = datetime.now(UTC)
    await _tell_cancelled(session, stored)
    await session.flush()
    await audit.record(
        session, actor=operator, action="alert.cancelled", target=f"alert:{stored.id}"
    )
    return stored


async def announce(session: AsyncSession, alert_id: uuid.UUID) -> None:
    """Wake open pages' streams once the caller's transaction commits (NOTIFY is sent then)."""
    await session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": NOTIFY_CHANNEL, "payload": str(alert_id)},
    )


async def _tell_cancelled(session: AsyncSession, alert: StoredAlert) -> None:
    """Those who were pushed an alert are pushed its withdrawal, so no phone keeps showing it."""
    await announce(session, alert.id)
    if alert.recipients > 0:
        await jobs.enqueue(
            session, FAN_OUT_JOB, {"alert_id": str(alert.id), "notice": CANCELLED_NOTICE}
        )


# Verifying a forwarded copy.


@dataclass(frozen=True)
class Verification:
    """What a forwarded alert is.

    ``verdict`` says whether the text is an alert we issued as issued, one we issued but changed,
    or nothing we issued; ``matched_by`` how the alert was found: ``signature`` (the platform's
    JWS checked), ``link`` (our alert's address) or ``wording``. A link or a signature names the
    alert; the text beside it is still compared with what was issued, in every language.
    """

    verdict: Verdict
    state: str
    """current, expired, superseded, cancelled, or unknown."""
    matched_by: str | None
    reason: str
    alert: StoredAlert | None = None
    language: str | None = None
    """The alert language the text was compared in (None when there was only a link or a
    signature to compare)."""
    official_text: str | None = None
    """What was issued in ``language``."""
    differences: tuple[forwarded.Span, ...] = ()
    """The text against ``official_text``, when it was changed."""

    @property
    def genuine(self) -> bool:
        return self.verdict is Verdict.OFFICIAL_UNCHANGED


_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_URL_PART = r"[A-Za-z0-9._~%!$&'()*+,;=:@-]"
_ALERT_LINK = re.compile(
    rf"(?:https?://{_URL_PART}+)?(?:/{_URL_PART}*)*?/?alerts/({_UUID})"
    r"(?![0-9A-Za-z-])/?(?:\?lang=[A-Za-z-]{2,16}(?![^\s]))?"
)
"""A link to an alert page, in full: only ASCII URL characters, so no word written next to it
is taken for part of it (and so left out of the comparison)."""

_STATES = {
    "current": "This is an official alert and it is in force.",
    "expired": "This was an official alert; it has expired.",
    "superseded": "This was an official alert; a newer report of the same event replaced it.",
    "cancelled": "This alert was issued and then cancelled: it is no longer valid.",
}
_CHANGED = (
    "This text was changed: it is not what was issued. Compare it with the official text; "
    "only the official text is valid."
)
_OFFICIAL_STATES = {
    "current": "The official alert is in force.",
    "expired": "The official alert has expired.",
    "superseded": "The official alert was replaced by a newer report of the same event.",
    "cancelled": "The official alert was cancelled: it is no longer valid.",
}
_UNKNOWN = (
    "No official alert matches this text. Treat it as unconfirmed and check official sources."
)


def _not_issued(reason: str) -> Verification:
    return Verification(Verdict.NO_SUCH_ALERT, "unknown", None, reason)


Rendered = tuple[StoredAlert, str]
"""An alert in one of its languages."""


def _renderings(alerts: Sequence[StoredAlert]) -> Iterator[tuple[Rendered, dict[str, Any]]]:
    for alert in alerts:
        for language, rendered in alert.renderings.items():
            yield (alert, language), rendered


def _found(
    alert: StoredAlert,
    matched_by: str,
    now: datetime,
    pasted: str,
    match: forwarded.Match[Rendered] | None,
) -> Verification:
    """``alert``, and what ``pasted`` is of it: one of its renderings (``match``) unchanged or
    changed, or, with no ``match``, nothing but the link or signature that named it."""
    state = current_state(alert, now)
    changed = match is not None and not match.same
    reason = f"{_CHANGED} {_OFFICIAL_STATES[state]}" if changed else _STATES[state]
    if alert.status != ReportStatus.NORMAL:
        reason += f" It is marked as {alert.status}, not a real alert."
    if match is None:
        return Verification(Verdict.OFFICIAL_UNCHANGED, state, matched_by, reason, alert)
    return Verification(
        Verdict.OFFICIAL_CHANGED if changed else Verdict.OFFICIAL_UNCHANGED,
        state,
        matched_by,
        reason,
        alert,
        language=match.key[1],
        official_text=match.official,
        differences=tuple(forwarded.differences(match.official, pasted)) if changed else (),
    )


def _named(alert: StoredAlert, matched_by: str, rest: str, now: datetime) -> Verification:
    """The text beside the link or signature that named ``alert``, compared with each of its
    renderings."""
    match = forwarded.closest(rest, _renderings([alert]), identified=True)
    return _found(alert, matched_by, now, rest, match)


def _without_links_to(alert_id: uuid.UUID, text: str) -> str:
    return _ALERT_LINK.sub(
        lambda link: " " if uuid.UUID(link.group(1)) == alert_id else link.group(0), text
    )


async def verify_forwarded(
    session: AsyncSession, keys: PlatformKeys, text: str, *, now: datetime | None = None
) -> Verification:
    """Say whether ``text`` — a forwarded alert: its words, its link, its signature, or any of
    them together — is an alert the platform issued as it was issued, a changed copy of one,
    or nothing we issued; and whether the alert is current, expired, replaced or cancelled.

    Only whitespace is normalised, and the link and signature are left out of the comparison;
    every other word counts, in whichever alert language the text is written.
    """
    now = now or datetime.now(UTC)
    token = signatures.COMPACT_JWS.search(text)
    if token is not None:
        try:
            claims = signatures.verify(keys, token.group(0))
        except signatures.BadSignature:
            return _not_issued(
                "The signature does not match: this text was not issued by the platform, "
                "or it was changed after it was."
            )
        try:
            alert_id = uuid.UUID(str(claims["jti"]))
        except ValueError:
            alert_id = None
        alert = (
            await session.scalar(select(StoredAlert).where(StoredAlert.id == alert_id, _visible()))
            if alert_id
            else None
        )
        if alert is None or signatures.digest(codec.canonical(alert_of(alert))) != claims["sha256"]:
            return _not_issued("The signature is not that of any alert we issued.")
        rest = _without_links_to(alert.id, text.replace(token.group(0), " "))
        return _named(alert, "signature", rest, now)
    link = _ALERT_LINK.search(text)
    if link is not None:
        alert = await session.scalar(
            select(StoredAlert).where(StoredAlert.id == uuid.UUID(link.group(1)), _visible())
        )
        if alert is None:
            return _not_issued("The link does not lead to any alert we issued.")
        return _named(alert, "link", _without_links_to(alert.id, text), now)
    if forwarded.is_empty(text):
        return _not_issued(_UNKNOWN)
    recent = (
        await session.scalars(
            select(StoredAlert)
            .where(
                _visible(),
                or_(
                    StoredAlert.issued_at > now - WORDING_WINDOW,
                    StoredAlert.state == AlertState.issued,
                ),
            )
            .order_by(StoredAlert.issued_at.desc())
            .limit(500)
        )
    ).all()
    match = forwarded.closest(text, _renderings(recent), identified=False)
    if match is None:
        return _not_issued(_UNKNOWN)
    return _found(match.key[0], "wording", now, text, match)


# Who is told.


def _in_area(alert: StoredAlert) -> ColumnElement[bool]:
    clauses: list[ColumnElement[bool]] = []
    if alert.target_prefectures:
        clauses.append(AlertTarget.prefecture == func.any(alert.target_prefectures))
    if alert.target_municipalities:
        clauses.append(AlertTarget.municipality == func.any(alert.target_municipalities))
    if alert.target_cells:
        clauses.append(AlertTarget.cell == func.any(alert.target_cells))
    return or_(*clauses) if clauses else and_(False)  # type: ignore[arg-type]


def targeted(alert: StoredAlert, now: datetime) -> ColumnElement[bool]:
    """The targeting rows ``alert`` reaches: in its areas, with emergency consent now."""
    return and_(AlertTarget.emergency_until > now, _in_area(alert))


async def targeted_visitors(
    session: AsyncSession, alert: StoredAlert, now: datetime | None = None
) -> list[uuid.UUID]:
    """The visitors to tell (family members are told through who registered them)."""
    now = now or datetime.now(UTC)
    rows = await session.scalars(
        select(AlertTarget.reach_visitor_id).where(targeted(alert, now)).distinct()
    )
    return list(rows.all())


@dataclass(frozen=True)
class FanOut:
    recipients: int
    subscriptions: int
    jobs: int


CANCELLED_NOTICE = "cancelled"


async def fan_out(
    session: AsyncSession,
    alert_id: uuid.UUID,
    *,
    notice: str | None = None,
    now: datetime | None = None,
) -> FanOut:
    """Select the visitors ``alert_id`` reaches and enqueue its delivery to each of their push
    subscriptions, ``BATCH_SIZE`` to a job. The messages were rendered when it was issued.
    With ``notice`` "cancelled", what is delivered is that the alert was withdrawn."""
    now = now or datetime.now(UTC)
    alert = await get(session, alert_id)
    reached = select(AlertTarget.reach_visitor_id).where(targeted(alert, now)).distinct().subquery()
    recipients = int(await session.scalar(select(func.count()).select_from(reached)) or 0)
    numbered = (
        select(
            PushSubscription.id,
            (func.row_number().over(order_by=PushSubscription.id) - 1).label("n"),
        )
        .where(PushSubscription.visitor_id.in_(select(reached.c.reach_visitor_id)))
        .subquery()
    )
    batch = (numbered.c.n // BATCH_SIZE).label("batch")
    batches = (
        await session.execute(
            select(
                func.json_build_object(
                    "alert_id",
                    str(alert.id),
                    "notice",
                    notice,
                    "subscriptions",
                    func.json_agg(numbered.c.id),
                ).cast(Text),
                func.count(),
            ).group_by(batch)
        )
    ).all()
    await jobs.enqueue_many(session, DELIVER_JOB, [payload.encode() for payload, _ in batches])
    subscriptions = sum(int(count) for _, count in batches)
    if notice is None:
        alert.recipients = recipients
    await session.flush()
    log.info(
        "alert.fanned_out",
        alert_id=str(alert.id),
        recipients=recipients,
        subscriptions=subscriptions,
        jobs=len(batches),
    )
    return FanOut(recipients, subscriptions, len(batches))


async def current_for_visitor(
    session: AsyncSession, visitor_id: uuid.UUID, *, now: datetime | None = None
) -> list[StoredAlert]:
    """Alerts in force where the visitor (or a family member they registered) is, newest first.
    Exercises and tests are not: they never reach a visitor as if they were real."""
    now = now or datetime.now(UTC)
    rows = (
        await session.execute(
            select(AlertTarget.prefecture, AlertTarget.municipality, AlertTarget.cell).where(
                AlertTarget.reach_visitor_id == visitor_id, AlertTarget.emergency_until > now
            )
        )
    ).all()
    prefectures = sorted({row.prefecture for row in rows if row.prefecture})
    municipalities = sorted({row.municipality for row in rows if row.municipality})
    cells = sorted({row.cell for row in rows if row.cell is not None})
    if not (prefectures or municipalities or cells):
        return []
    return list(
        (
            await session.scalars(
                select(StoredAlert)
                .where(
                    StoredAlert.state == AlertState.issued,
                    StoredAlert.status == ReportStatus.NORMAL,
                    or_(StoredAlert.expires_at.is_(None), StoredAlert.expires_at > now),
                    or_(
                        StoredAlert.target_prefectures.overlap(prefectures),
                        StoredAlert.target_municipalities.overlap(municipalities),
                        StoredAlert.target_cells.overlap(cells),
                    ),
                )
                .order_by(StoredAlert.issued_at.desc())
                .limit(50)
            )
        ).all()
    )


async def current_in_area(
    session: AsyncSession,
    *,
    municipality: str | None = None,
    prefecture: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    now: datetime | None = None,
) -> list[StoredAlert]:
    """Alerts in force at a place: a municipality (5 or 6 digits), a prefecture, or a point.
    For signage and screens that switch to an alert in their area; nothing personal."""
    now = now or datetime.now(UTC)
    clauses: list[ColumnElement[bool]] = []
    if municipality is not None:
        if not (municipality.isascii() and municipality.isdigit() and len(municipality) in (5, 6)):
            raise InvalidAlertError(
                "A municipality is its 5- or 6-digit JIS X 0402 code.",
                fields=[FieldError("municipality", "Not a JIS X 0402 code.")],
            )
        clauses.append(StoredAlert.target_municipalities.contains([municipality[:5]]))
        prefecture = prefecture or municipality[:2]
    if prefecture is not None:
        clauses.append(StoredAlert.target_prefectures.contains([prefecture]))
    if latitude is not None and longitude is not None:
        cell = targeting.location_cell(_point(latitude, longitude))
        clauses.append(StoredAlert.target_cells.contains([cell]))
    if not clauses:
        raise InvalidAlertError(
            "Name the place: a municipality, a prefecture, or latitude and longitude.",
            fields=[FieldError("municipality", "Missing.")],
        )
    return list(
        (
            await session.scalars(
                select(StoredAlert)
                .where(
                    StoredAlert.state == AlertState.issued,
                    StoredAlert.status == ReportStatus.NORMAL,
                    or_(StoredAlert.expires_at.is_(None), StoredAlert.expires_at > now),
                    or_(*clauses),
                )
                .order_by(StoredAlert.severity.desc(), StoredAlert.issued_at.desc())
                .limit(50)
            )
        ).all()
    )


async def recent_for_operator(
    session: AsyncSession, *, limit: int = 50, state: AlertState | None = None
) -> list[StoredAlert]:
    """The newest alerts, drafts included (the console's list)."""
    query = select(StoredAlert).order_by(StoredAlert.created_at.desc()).limit(limit)
    if state is not None:
        query = query.where(StoredAlert.state == state)
    return list((await session.scalars(query)).all())


# Push subscriptions.


_B64URL = re.compile(r"[A-Za-z0-9_-]+=*")


def _b64url_bytes(value: str) -> bytes | None:
    import base64

    if not _B64URL.fullmatch(value):
        return None
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except ValueError:
        return None


def _check_subscription(
    endpoint: str, p256dh: str, auth: str, *, allow_loopback: bool
) -> list[FieldError]:
    from urllib.parse import urlsplit

    errors = []
    try:
        url = urlsplit(endpoint)
        host = url.hostname or ""
    except ValueError:
        url, host = None, ""
    loopback = host in {"127.0.0.1", "localhost", "::1"}
    secure = url is not None and url.scheme == "https" and not loopback
    local = url is not None and allow_loopback and loopback and url.scheme in {"http", "https"}
    if not host or not (secure or local):
        errors.append(
            FieldError("endpoint", "Must be the https URL the browser's push service gave.")
        )
    key = _b64url_bytes(p256dh)
    if key is None or len(key) != 65 or key[0] != 4:
        errors.append(FieldError("keys.p256dh", "Must be an uncompressed P-256 key, base64url."))
    secret = _b64url_bytes(auth)
    if secret is None or len(secret) != 16:
        errors.append(FieldError("keys.auth", "Must be 16 bytes, base64url."))
    return errors


async def subscribe(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    *,
    endpoint: str,
    p256dh: str,
    auth: str,
    allow_loopback: bool = False,
) -> PushSubscription:
    """Keep a browser's push subscription for the visitor. The same endpoint sent again (the
    browser renewed its keys, or another visitor signed in on that browser) replaces the old."""
    errors = _check_subscription(endpoint, p256dh, auth, allow_loopback=allow_loopback)
    if errors:
        raise InvalidSubscriptionError(fields=errors)
    now = datetime.now(UTC)
    values = {"visitor_id": visitor_id, "p256dh": p256dh, "auth": auth, "created_at": now}
    subscription_id = await session.scalar(
        insert(PushSubscription)
        .values(id=uuid.uuid4(), endpoint=endpoint, **values)
        .on_conflict_do_update(index_elements=["endpoint"], set_=values)
        .returning(PushSubscription.id)
    )
    found = await session.get(PushSubscription, subscription_id, populate_existing=True)
    assert found is not None
    log.info("push.subscribed", subscription_id=str(found.id))
    return found


async def unsubscribe(
    session: AsyncSession, visitor_id: uuid.UUID, subscription_id: uuid.UUID
) -> None:
    result = await session.execute(
        delete(PushSubscription).where(
            PushSubscription.id == subscription_id, PushSubscription.visitor_id == visitor_id
        )
    )
    if not getattr(result, "rowcount", 0):
        raise SubscriptionNotFoundError()
    log.info("push.unsubscribed", subscription_id=str(subscription_id))


async def subscriptions_of(session: AsyncSession, visitor_id: uuid.UUID) -> list[PushSubscription]:
    return list(
        (
            await session.scalars(
                select(PushSubscription)
                .where(PushSubscription.visitor_id == visitor_id)
                .order_by(PushSubscription.created_at)
            )
        ).all()
    )


# What a visitor's export holds of alerts.


async def export_for(session: AsyncSession, visitor_id: uuid.UUID) -> dict[str, Any]:
    """What the alerts domain holds about a visitor: the targeting row (area and any shared
    cell), push subscriptions and safety answers."""
    target = await session.get(AlertTarget, visitor_id)
    answers = (
        await session.scalars(select(SafetyCheck).where(SafetyCheck.visitor_id == visitor_id))
    ).all()
    return {
        "targeting": None
        if target is None
        else {
            "prefecture": target.prefecture,
            "municipality": target.municipality,
            "location_cell": h3.int_to_str(target.cell) if target.cell is not None else None,
            "location_shared_at": target.cell_at.isoformat() if target.cell_at else None,
            "emergency_consent_until": target.emergency_until.isoformat(),
        },
        "push_subscriptions": [
            {
                "id": str(found.id),
                "endpoint": found.endpoint,
                "created_at": found.created_at.isoformat(),
                "last_delivered_at": found.last_delivered_at.isoformat()
                if found.last_delivered_at
                else None,
            }
            for found in await subscriptions_of(session, visitor_id)
        ],
        "safety_answers": [
            {
                "alert_id": str(answer.alert_id),
                "answer": str(answer.answer),
                "location_cell": h3.int_to_str(answer.cell) if answer.cell is not None else None,
                "answered_at": answer.answered_at.isoformat(),
            }
            for answer in answers
        ],
    }


# Coarse location.


def _point(latitude: float, longitude: float) -> Point:
    try:
        return Point(latitude, longitude)
    except ValueError as error:
        raise InvalidLocationError(
            str(error), fields=[FieldError("latitude", str(error))]
        ) from None


async def share_location(
    session: AsyncSession, visitor_id: uuid.UUID, latitude: float, longitude: float
) -> int:
    """Keep the visitor's location as a coarse H3 cell (never the point) so alerts for drawn
    areas reach them. Needs their emergency consent; returns the cell."""
    cell = targeting.location_cell(_point(latitude, longitude))
    result = await session.execute(
        update(AlertTarget)
        .where(AlertTarget.visitor_id == visitor_id)
        .values(cell=cell, cell_at=datetime.now(UTC))
    )
    if not getattr(result, "rowcount", 0):
        raise EmergencyConsentRequiredError(
            "Sharing a location for alerts needs an active grant for the emergency purpose."
        )
    log.info("alerts.location_shared", visitor_id=str(visitor_id))
    return cell


async def forget_location(session: AsyncSession, visitor_id: uuid.UUID) -> None:
    await session.execute(
        update(AlertTarget)
        .where(AlertTarget.visitor_id == visitor_id)
        .values(cell=None, cell_at=None)
    )
    log.info("alerts.location_forgotten", visitor_id=str(visitor_id))


# Safety check.


async def answer_safety(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    alert_id: uuid.UUID,
    answer: SafetyAnswer,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
) -> SafetyCheck:
    """The visitor says they are safe or need help; answering again replaces the answer."""
    alert = await get(session, alert_id)
    if alert.state is not AlertState.issued:
        raise AlertNotAnswerableError(f"The alert is {current_state(alert)}.")
    cell = None
    if latitude is not None or longitude is not None:
        if latitude is None or longitude is None:
            raise InvalidLocationError(
                "Give both latitude and longitude, or neither.",
                fields=[FieldError("latitude" if latitude is None else "longitude", "Missing.")],
            )
        cell = targeting.location_cell(_point(latitude, longitude))
    target = await session.get(AlertTarget, visitor_id)
    values = {
        "answer": answer,
        "prefecture": target.prefecture if target else None,
        "municipality": target.municipality if target else None,
        "cell": cell,
        "answered_at": datetime.now(UTC),
    }
    await session.execute(
        insert(SafetyCheck)
        .values(alert_id=alert_id, visitor_id=visitor_id, **values)
        .on_conflict_do_update(index_elements=["alert_id", "visitor_id"], set_=values)
    )
    found = await session.get(
        SafetyCheck, {"alert_id": alert_id, "visitor_id": visitor_id}, populate_existing=True
    )
    assert found is not None
    log.info("alerts.safety_answered", alert_id=str(alert_id), answer=str(answer))
    return found


@dataclass(frozen=True)
class AreaCount:
    prefecture: str | None
    municipality: str | None
    safe: int
    need_help: int


@dataclass(frozen=True)
class PersonInNeed:
    """What a rescuer needs of a visitor who asked for help, and no more."""

    visitor_id: uuid.UUID
    answered_at: datetime
    name: Any
    languages: list[str]
    accessibility_needs: Any
    family_members: int
    municipality: str | None
    location: Point | None
    """The centre of the coarse cell they gave, about 1 km from where they were."""


@dataclass(frozen=True)
class SafetyReport:
    counts: list[AreaCount]
    need_help: list[PersonInNeed] = field(default_factory=list)


async def safety_report(
    session: AsyncSession, keys: PlatformKeys, alert_id: uuid.UUID, *, operator: str
) -> SafetyReport:
    """Answers per area, and who needs help. Opening the list is audited; it holds only what
    the visitors' emergency consent covers."""
    await get(session, alert_id)
    counted = (
        await session.execute(
            select(
                SafetyCheck.prefecture,
                SafetyCheck.municipality,
                func.count().filter(SafetyCheck.answer == SafetyAnswer.safe).label("safe"),
                func.count().filter(SafetyCheck.answer == SafetyAnswer.need_help).label("help"),
            )
            .where(SafetyCheck.alert_id == alert_id)
            .group_by(SafetyCheck.prefecture, SafetyCheck.municipality)
            .order_by(SafetyCheck.prefecture, SafetyCheck.municipality)
        )
    ).all()
    counts = [
        AreaCount(row.prefecture, row.municipality, int(row.safe), int(row.help)) for row in counted
    ]
    asking = (
        await session.scalars(
            select(SafetyCheck)
            .where(SafetyCheck.alert_id == alert_id, SafetyCheck.answer == SafetyAnswer.need_help)
            .order_by(SafetyCheck.answered_at)
        )
    ).all()
    keyring = keys.keyring
    people = []
    for check in asking:
        consented = await session.scalar(
            select(AlertTarget.visitor_id).where(
                AlertTarget.visitor_id == check.visitor_id,
                AlertTarget.emergency_until > datetime.now(UTC),
            )
        )
        profile: dict[str, Any] = {}
        if consented is not None:
            profile = await visitors.read_profile(
                session,
                keyring,
                check.visitor_id,
                ["name", "preferred_languages", "accessibility_needs"],
            )
        members = int(
            await session.scalar(
                select(func.count())
                .select_from(Visitor)
                .where(Visitor.registered_by_id == check.visitor_id, Visitor.data_key.is_not(None))
            )
            or 0
        )
        people.append(
            PersonInNeed(
                visitor_id=check.visitor_id,
                answered_at=check.answered_at,
                name=profile.get("name"),
                languages=list(profile.get("preferred_languages") or []),
                accessibility_needs=profile.get("accessibility_needs"),
                family_members=members,
                municipality=check.municipality,
                location=targeting.cell_centre(check.cell) if check.cell is not None else None,
            )
        )
    await audit.record(
        session,
        actor=operator,
        action="alert.safety_report_read",
        target=f"alert:{alert_id}",
        details={"need_help": [str(person.visitor_id) for person in people]},
    )
    return SafetyReport(counts, people)
