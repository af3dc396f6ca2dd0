"""index access log by terminal

Revision ID: 0010_access_log_terminal
Revises: 0009_staff_users
Create Date: 2026-11-23 11:51:07.659718+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_access_log_terminal"
down_revision: str | None = "0009_staff_users"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_access_log_terminal_at", "access_log", ["terminal_id", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_access_log_terminal_at", table_name="access_log")
