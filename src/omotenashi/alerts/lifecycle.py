"""An alert's life: ingest a JMA report, compose and approve (four eyes), issue (render, sign,
target, replace older reports of its event), cancel and discard.

Every function takes the caller's session and never commits: an ingest that fails halfway leaves
nothing behind, and the fan-out job is enqueued in the same transaction as the alert it sends.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import ColumnElement, Text, and_, func, or_, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.alerts import ALERT_LANGUAGES, codec, fanout, jma, signatures, targeting
from omotenashi.alerts.catalogue import (
    Alert,
    AlertType,
    Cancellation,
    EarthquakeInformation,
    ReportStatus,
    TsunamiArrival,
    TsunamiForecast,
)
from omotenashi.alerts.errors import (
    AlertNotDraftError,
    AlertNotFoundError,
    FeedNotAllowedError,
    InvalidAlertError,
    NoKnownAreaError,
    SecondOperatorRequiredError,
)
from omotenashi.alerts.models import AlertOrigin, AlertState, FanOutProgress, StoredAlert
from omotenashi.alerts.reading import alert_of, get_for_operator
from omotenashi.alerts.render import render
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.config import Settings
from omotenashi.errors import FieldError
from omotenashi.security import audit
from omotenashi.security.audit import AuditEntry
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerCategory
from omotenashi.webhooks import service as webhooks

log = structlog.get_logger(__name__)

INGEST_SCOPE = "alerts:ingest"
FEED_CATEGORIES = frozenset({ServicerCategory.municipality})
"""Servicers whose systems may publish alerts: public bodies, never a hotel or a shop."""

NOTIFY_CHANNEL = "omotenashi_alerts"
"""PostgreSQL notifications of alerts issued or cancelled, for open pages (``stream``)."""

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
    if told_before and _observed_on(alert) - set().union(
        *(_observed_on(alert_of(o)) for o in previous)
    ):
        # A tsunami now observed on a coast where none was before: it is here, not expected.
        told_before = False
    await session.flush()
    # A lifting changes what everyone told of the warning should do: they hear of it too.
    lifts = stored.type in LIFTING_TYPES
    notify = stored.status == ReportStatus.NORMAL and (lifts or not told_before)
    if notify and lifts and withheld is None:
        withheld = await _lifts_what_was_never_pushed(session, stored, same_event)
    if notify and withheld is not None:
        stored.withheld = withheld
        notify = False
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
    if notify:
        await fanout.start(session, stored.id)
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


def _observed_on(alert: Alert) -> set[str]:
    """The tsunami forecast regions on whose coast ``alert`` says a tsunami was observed."""
    details = alert.details
    if not isinstance(details, TsunamiForecast):
        return set()
    return {
        forecast.area.code
        for forecast in details.forecasts
        if forecast.observed_height is not None
        or forecast.arrival is TsunamiArrival.FIRST_WAVE_OBSERVED
    }


async def _lifts_what_was_never_pushed(
    session: AsyncSession, lifting: StoredAlert, same_event: ColumnElement[bool]
) -> str | None:
    """Why ``lifting`` must not be pushed: the warnings of its event are known here but none of
    them reached a phone (each was withheld, received too late). "The warning is lifted" would
    then tell visitors of a warning they were never sent, and read as if it had been; the
    lifting stays on the alert pages, where the withheld warning's place was."""
    earlier = and_(
        StoredAlert.source == lifting.source,
        StoredAlert.type.in_(_family(lifting.type)),
        StoredAlert.status == lifting.status,
        StoredAlert.state.in_([AlertState.issued, AlertState.superseded]),
        StoredAlert.id != lifting.id,
        same_event,
    )
    found = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(
                    or_(
                        StoredAlert.recipients > 0,
                        select(FanOutProgress.alert_id)
                        .where(
                            FanOutProgress.alert_id == StoredAlert.id,
                            FanOutProgress.notice == fanout.ALERT_NOTICE,
                        )
                        .exists(),
                    )
                ),
            ).where(earlier)
        )
    ).one()
    known, pushed = int(found[0]), int(found[1])
    if known and not pushed:
        return "lifts a warning that was withheld from phones: never pushed, so neither is this"
    return None


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
    if alert.recipients > 0 or await fanout.began(session, alert.id):
        # (A fan-out still under way has pushed to some: they are told too.)
        await fanout.start(session, alert.id, notice=fanout.CANCELLED_NOTICE)


# Verifying a forwarded copy.
