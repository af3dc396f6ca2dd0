"""Alerts: the progress of each fan-out, so that it commits in slices and resumes after a crash.

Revision ID: 0022_alerts_fan_outs
Revises: 0021_alerts_feed
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_alerts_fan_outs"
down_revision: str | None = "0021_alerts_feed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_fan_outs",
        sa.Column("alert_id", sa.Uuid(), nullable=False),
        sa.Column("notice", sa.String(length=16), nullable=False),
        sa.Column("after_subscription_id", sa.Uuid(), nullable=True),
        sa.Column("subscriptions", sa.Integer(), nullable=False),
        sa.Column("jobs", sa.Integer(), nullable=False),
        sa.Column("scanned", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_fan_outs_alert_id_alerts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alert_id", "notice", name=op.f("pk_alert_fan_outs")),
    )


def downgrade() -> None:
    op.drop_table("alert_fan_outs")
