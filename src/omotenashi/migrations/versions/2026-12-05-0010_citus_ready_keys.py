"""Visitor-keyed tables carry the visitor in their primary key and in the foreign keys between
them, so that they can be distributed by visitor id on Citus (issue 24, docs/scale.md).

Each primary key ``(id)`` becomes ``(visitor_id, id)``; the foreign keys from feedback to the
access log, from a consent request to its grant and from a feedback reply to its feedback gain
the visitor column (a reply gets one, filled from its feedback). The separate index on
``visitor_id`` goes where the new key leads with it; a plain index on ``id`` stays where the
code finds a row by its id alone (a servicer's view of a request, a feedback, a suggestion; the
push fan-out's pages). ``carriers.id`` stays unique: a QR code names only its carrier.

Revision ID: 0023_citus_ready_keys
Revises: 0022_oidc_identity
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023_citus_ready_keys"
down_revision: str | None = "0022_oidc_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> keeps a plain index on id (looked up by id alone somewhere)
_REKEYED = {
    "access_log": False,
    "carriers": False,  # unique on id instead, below
    "consent_grants": False,
    "consent_requests": True,
    "feedback": True,
    "passkeys": False,
    "push_subscriptions": True,
    "translation_suggestions": True,
    "payment_confirmations": True,
}
# Their index on visitor_id alone, now the leading column of the primary key.
_REDUNDANT = [
    "carriers",
    "consent_requests",
    "feedback",
    "passkeys",
    "push_subscriptions",
    "translation_suggestions",
    "payment_confirmations",
]


def upgrade() -> None:
    # Foreign keys that lean on the old primary keys go first.
    op.drop_constraint("fk_feedback_access_log_id_access_log", "feedback", type_="foreignkey")
    op.drop_constraint(
        "fk_consent_requests_grant_id_consent_grants", "consent_requests", type_="foreignkey"
    )
    op.drop_constraint(
        "fk_feedback_replies_feedback_id_feedback", "feedback_replies", type_="foreignkey"
    )
    op.drop_constraint("fk_qr_uses_carrier_id_carriers", "qr_uses", type_="foreignkey")

    for table, by_id in _REKEYED.items():
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["visitor_id", "id"])
        if by_id:
            op.create_index(f"ix_{table}_id", table, ["id"])
    for table in _REDUNDANT:
        op.drop_index(f"ix_{table}_visitor_id", table_name=table)
    op.create_unique_constraint("uq_carriers_id", "carriers", ["id"])

    op.add_column("feedback_replies", sa.Column("visitor_id", sa.Uuid(), nullable=True))
    op.execute(
        "UPDATE feedback_replies r SET visitor_id = f.visitor_id"
        " FROM feedback f WHERE f.id = r.feedback_id"
    )
    op.alter_column("feedback_replies", "visitor_id", nullable=False)
    op.drop_constraint("pk_feedback_replies", "feedback_replies", type_="primary")
    op.create_primary_key("pk_feedback_replies", "feedback_replies", ["visitor_id", "id"])

    op.create_foreign_key(
        "fk_feedback_visitor_id_access_log",
        "feedback",
        "access_log",
        ["visitor_id", "access_log_id"],
        ["visitor_id", "id"],
        ondelete="CASCADE",
    )
    # A grant goes only with its visitor, who takes their requests with them; CASCADE, since a
    # SET NULL would empty visitor_id too.
    op.create_foreign_key(
        "fk_consent_requests_visitor_id_consent_grants",
        "consent_requests",
        "consent_grants",
        ["visitor_id", "grant_id"],
        ["visitor_id", "id"],
        ondelete="CASCADE",
    )
    op.create_foreign_key(
        "fk_feedback_replies_visitor_id_feedback",
        "feedback_replies",
        "feedback",
        ["visitor_id", "feedback_id"],
        ["visitor_id", "id"],
        ondelete="CASCADE",
    )
    op.create_foreign_key(
        "fk_qr_uses_carrier_id_carriers",
        "qr_uses",
        "carriers",
        ["carrier_id"],
        ["id"],
        ondelete="CASCADE",
    )


def downgrade() -> None:
    op.drop_constraint("fk_qr_uses_carrier_id_carriers", "qr_uses", type_="foreignkey")
    op.drop_constraint(
        "fk_feedback_replies_visitor_id_feedback", "feedback_replies", type_="foreignkey"
    )
    op.drop_constraint(
        "fk_consent_requests_visitor_id_consent_grants", "consent_requests", type_="foreignkey"
    )
    op.drop_constraint("fk_feedback_visitor_id_access_log", "feedback", type_="foreignkey")

    op.drop_constraint("pk_feedback_replies", "feedback_replies", type_="primary")
    op.create_primary_key("pk_feedback_replies", "feedback_replies", ["id"])
    op.drop_column("feedback_replies", "visitor_id")

    op.drop_constraint("uq_carriers_id", "carriers", type_="unique")
    for table in _REDUNDANT:
        op.create_index(f"ix_{table}_visitor_id", table, ["visitor_id"])
    for table, by_id in _REKEYED.items():
        if by_id:
            op.drop_index(f"ix_{table}_id", table_name=table)
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["id"])

    op.create_foreign_key(
        "fk_qr_uses_carrier_id_carriers",
        "qr_uses",
        "carriers",
        ["carrier_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_foreign_key(
        "fk_feedback_replies_feedback_id_feedback",
        "feedback_replies",
        "feedback",
        ["feedback_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_foreign_key(
        "fk_consent_requests_grant_id_consent_grants",
        "consent_requests",
        "consent_grants",
        ["grant_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_foreign_key(
        "fk_feedback_access_log_id_access_log",
        "feedback",
        "access_log",
        ["access_log_id"],
        ["id"],
        ondelete="CASCADE",
    )
