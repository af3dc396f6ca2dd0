"""Alerts: why a real alert was not pushed (too old when it was received).

Revision ID: 0019_alerts_withheld
Revises: 0018_terminal_suspended
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_alerts_withheld"
down_revision: str | None = "0018_terminal_suspended"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("alerts", sa.Column("withheld", sa.String(200), nullable=True))


def downgrade() -> None:
    op.drop_column("alerts", "withheld")
