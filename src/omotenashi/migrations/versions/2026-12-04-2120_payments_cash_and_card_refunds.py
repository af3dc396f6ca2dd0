"""Payments: a settled day's cash taken at the counter; a card top-up's refund to the card.

Revision ID: 0022_payments_cash_refunds
Revises: 0022_conversations
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_payments_cash_refunds"
down_revision: str | None = "0022_conversations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("payouts", sa.Column("cash", sa.BigInteger(), server_default="0", nullable=False))
    op.add_column("card_top_ups", sa.Column("refund_id", sa.String(length=255), nullable=True))
    op.add_column(
        "card_top_ups", sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("card_top_ups", "refunded_at")
    op.drop_column("card_top_ups", "refund_id")
    op.drop_column("payouts", "cash")
