"""api clients: when a terminal was suspended, apart from an ordinary revocation

A terminal the anomaly detector stops is revoked like any other, but it must be told why: 403
terminal_suspended, as the API documents, rather than 401 invalid_token. Terminals suspended
before this revision are found in the audit log.

Revision ID: 0018_terminal_suspended
Revises: 0017_access_log_servicer
Create Date: 2026-12-04 19:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_terminal_suspended"
down_revision: str | None = "0017_access_log_servicer"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "api_clients", sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_check_constraint(
        op.f("ck_api_clients_suspended_means_revoked"),
        "api_clients",
        "suspended_at IS NULL OR revoked_at IS NOT NULL",
    )
    op.execute(
        """
        UPDATE api_clients c SET suspended_at = c.revoked_at
         WHERE c.revoked_at IS NOT NULL
           AND EXISTS (SELECT FROM audit_log a
                        WHERE a.target = 'api_client:' || c.id
                          AND a.actor = 'system:anomaly-detector'
                          AND a.action = 'api_client.revoked')
        """
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_api_clients_suspended_means_revoked"), "api_clients", type_="check")
    op.drop_column("api_clients", "suspended_at")
