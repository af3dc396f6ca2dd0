"""The statements that scope sandbox rows to a servicer: every read of them starts here."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from omotenashi.sandbox.models import SandboxVisitor
from omotenashi.visitors import queries as visitors_queries
from omotenashi.visitors.models import Visitor


def visitors_of(servicer_id: uuid.UUID) -> sa.Select[SandboxVisitor]:
    """The servicer's test visitors that are not erased, in its sandbox only."""
    return (
        sa.select(SandboxVisitor)
        .join(Visitor, Visitor.id == SandboxVisitor.visitor_id)
        .where(
            SandboxVisitor.servicer_id == servicer_id,
            visitors_queries.live(),
            visitors_queries.in_mode(False, servicer_id),
        )
    )
