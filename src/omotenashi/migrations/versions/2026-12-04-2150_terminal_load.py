"""terminal_load: a terminal's distinct visitors this minute and the minute before

Resolve checks a terminal's ceiling of distinct visitors a minute on every disclosure to a new
visitor. Counting the last minute's log cost one index entry and one row per line (600 at a
busy gate); the sum of these two counters bounds that count in constant time, and the exact
count is made only when the bound reaches the ceiling. Not a foreign key to api_clients: the
check would lock the client's row in every resolve, and clients are revoked, never deleted.

Revision ID: 0023_terminal_load
Revises: 0022_access_log_visitor
Create Date: 2026-12-04 21:50:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023_terminal_load"
down_revision: str | None = "0022_access_log_visitor"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "terminal_load",
        sa.Column("terminal_id", sa.Uuid(), nullable=False),
        sa.Column("minute", sa.DateTime(timezone=True), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=False),
        sa.Column("previous", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", name=op.f("pk_terminal_load")),
    )


def downgrade() -> None:
    op.drop_table("terminal_load")
