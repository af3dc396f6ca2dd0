"""Alerts: JMA Atom feeds polled (their validators) and the entries seen in them.

Revision ID: 0021_alerts_feed
Revises: 0020_payments
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021_alerts_feed"
down_revision: str | None = "0020_payments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_feeds",
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("etag", sa.String(length=200), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("polled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_alert_feeds")),
    )
    op.create_table(
        "alert_feed_entries",
        sa.Column("entry_id", sa.String(length=1000), nullable=False),
        sa.Column("document_url", sa.String(length=1000), nullable=False),
        sa.Column("feed_url", sa.String(length=1000), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("alert_id", sa.Uuid(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_feed_entries_alert_id_alerts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_feed_entries")),
        sa.UniqueConstraint("entry_id", name=op.f("uq_alert_feed_entries_entry_id")),
    )
    op.create_index(
        op.f("ix_alert_feed_entries_document_url"),
        "alert_feed_entries",
        ["document_url"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("alert_feed_entries")
    op.drop_table("alert_feeds")
