"""Install the PostgreSQL job queue (PgQueuer's tables, types and triggers).

Revision ID: 0001_job_queue
Revises:
Create Date: 2026-11-23 09:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

from omotenashi.db import execute_script
from omotenashi.jobs import install_sql

revision: str = "0001_job_queue"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    execute_script(op.get_bind(), install_sql())


def downgrade() -> None:
    for table in ("pgqueuer_statistics", "pgqueuer_schedules", "pgqueuer_log", "pgqueuer"):
        op.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    op.execute("DROP TYPE IF EXISTS pgqueuer_status")
    op.execute("DROP FUNCTION IF EXISTS fn_pgqueuer_changed() CASCADE")
