"""access log: the visitor column is no longer a checked foreign key

The foreign-key check of every disclosure's access-log line locked the visitor's row (FOR KEY
SHARE), which dirties a random visitor page per resolve (a full-page image in the WAL after
each checkpoint). The line is written by resolve's one statement for the visitor it has just
read as live; erasure deletes a visitor's lines itself, in its own transaction, and first
waits for the disclosures in flight (``visitors.service.erase``), which is what the cascade did.

Revision ID: 0022_access_log_visitor
Revises: 0022_alerts_fan_outs
Create Date: 2026-12-04 21:30:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022_access_log_visitor"
down_revision: str | None = "0022_alerts_fan_outs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("fk_access_log_visitor_id_visitors"), "access_log", type_="foreignkey")


def downgrade() -> None:
    # Lines of visitors erased meanwhile were deleted with them; none can be left over.
    op.create_foreign_key(
        op.f("fk_access_log_visitor_id_visitors"),
        "access_log",
        "visitors",
        ["visitor_id"],
        ["id"],
        ondelete="CASCADE",
    )
