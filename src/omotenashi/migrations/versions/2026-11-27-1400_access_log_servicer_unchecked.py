"""access log: the servicer column is no longer a checked foreign key

Every disclosure inserts an access-log line, and the foreign-key check of its servicer locks the
servicer's row (FOR KEY SHARE) in every resolve at once: all the desks of one hotel chain queue
on one row, and PostgreSQL keeps a multixact for them. A servicer is never deleted (it is
suspended), and the line is written by resolve's one statement from the servicer it has just
read as approved, so the check guards nothing a test does not.

Revision ID: 0017_access_log_servicer
Revises: 0016_statistics
Create Date: 2026-11-27 14:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017_access_log_servicer"
down_revision: str | None = "0016_statistics"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(
        op.f("fk_access_log_servicer_id_servicers"), "access_log", type_="foreignkey"
    )


def downgrade() -> None:
    op.create_foreign_key(
        op.f("fk_access_log_servicer_id_servicers"),
        "access_log",
        "servicers",
        ["servicer_id"],
        ["id"],
    )
