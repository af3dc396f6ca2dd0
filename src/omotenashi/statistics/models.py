"""The daily cells statistics are read from, recomputed from the raw tables one day at a time.

A cell counts the events of one metric on one day (Japan time), for one purpose, under one value
of one dimension ("nationality" = "KR", "hour" = "09", ...), over the whole platform
(``servicer_id`` null) or one servicer. Every cell keeps its distinct-visitor count, so it is
published only when that count reaches k; cells are never added up into coarser cells here,
because distinct visitors are not additive.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base


class StatCell(Base):
    __tablename__ = "stat_cells"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    day: Mapped[date]
    servicer_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE")
    )
    metric: Mapped[str] = mapped_column(sa.String(32))
    purpose: Mapped[str] = mapped_column(sa.String(32))  # "" where the metric has none
    dimension: Mapped[str] = mapped_column(sa.String(32))
    value: Mapped[str] = mapped_column(sa.String(32))  # "" where the value is not known
    visitors: Mapped[int]  # distinct visitors in the cell: the k check
    events: Mapped[int]
    amount: Mapped[int] = mapped_column(sa.BigInteger)  # sum of ratings
    marked: Mapped[int]  # unanswered feedback; asks that needed consent
    computed_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())

    __table_args__ = (
        sa.Index("ix_stat_cells_metric_day", "metric", "day"),
        sa.Index("ix_stat_cells_servicer_metric_day", "servicer_id", "metric", "day"),
    )
