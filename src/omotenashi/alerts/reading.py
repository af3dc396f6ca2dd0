"""Reading alerts: one alert, its state and rendering, the alerts in force for a visitor or
at a place, and the operator's list. Every function takes the caller's session.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.alerts import codec, targeting
from omotenashi.alerts.catalogue import Alert, ReportStatus
from omotenashi.alerts.errors import AlertNotFoundError, InvalidAlertError
from omotenashi.alerts.location import point as _point
from omotenashi.alerts.models import AlertState, AlertTarget, StoredAlert
from omotenashi.errors import FieldError


def visible() -> ColumnElement[bool]:
    """Alerts that were sent: issued, or since replaced or cancelled (not drafts)."""
    return StoredAlert.state.in_([AlertState.issued, AlertState.superseded, AlertState.cancelled])


async def get(session: AsyncSession, alert_id: uuid.UUID) -> StoredAlert:
    """An alert that was sent; drafts are not found here (see ``get_for_operator``)."""
    alert = await session.scalar(select(StoredAlert).where(StoredAlert.id == alert_id, visible()))
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
