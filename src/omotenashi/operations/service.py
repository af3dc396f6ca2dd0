"""What the operator watches: headline counts and the terminals the platform suspended."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.clients.models import ApiClient
from omotenashi.japan import JST
from omotenashi.resolve import queries as access_log
from omotenashi.security.audit import AuditEntry
from omotenashi.servicers.models import Servicer, ServicerState
from omotenashi.visitors import queries as visitors_queries
from omotenashi.visitors.models import Visitor

ANOMALY_DETECTOR = "system:anomaly-detector"


@dataclass(frozen=True)
class Headlines:
    visitors: int
    servicers_approved: int
    servicers_pending: int
    resolves_today: int


@dataclass(frozen=True)
class SuspendedTerminal:
    id: uuid.UUID
    label: str
    servicer_name: str
    at: datetime


async def headlines(session: AsyncSession, now: datetime) -> Headlines:
    """Account holders (family members not counted), servicers, and resolves since midnight in
    Japan; servicers' sandbox visitors and their resolves count in none of them."""
    midnight = datetime.combine(now.astimezone(JST).date(), time(), JST)
    row = (
        await session.execute(
            sa.select(
                sa.select(sa.func.count())
                .where(
                    Visitor.registered_by_id.is_(None),
                    Visitor.data_key.is_not(None),
                    visitors_queries.counted(),
                )
                .scalar_subquery(),
                sa.select(sa.func.count())
                .where(Servicer.state == ServicerState.approved)
                .scalar_subquery(),
                sa.select(sa.func.count())
                .where(Servicer.state == ServicerState.pending)
                .scalar_subquery(),
                access_log.logged_since(midnight),
            )
        )
    ).one()
    return Headlines(*row)


async def suspended_terminals(session: AsyncSession, limit: int = 50) -> list[SuspendedTerminal]:
    """Terminals the anomaly detector revoked, newest first (the audit log says when)."""
    rows = await session.execute(
        sa.select(ApiClient.id, ApiClient.label, Servicer.name, AuditEntry.at)
        .join(AuditEntry, AuditEntry.target == sa.func.concat("api_client:", ApiClient.id))
        .join(Servicer, Servicer.id == ApiClient.servicer_id)
        .where(AuditEntry.actor == ANOMALY_DETECTOR, AuditEntry.action == "api_client.revoked")
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return [SuspendedTerminal(*row) for row in rows]
