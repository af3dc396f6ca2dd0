"""Alerts as issued, the targeting table kept by triggers, Web Push subscriptions and safety
answers.

Revision ID: 0014_alerts
Revises: 0013_content_translation
Create Date: 2026-11-27 11:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014_alerts"
down_revision: str | None = "0013_content_translation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The targeting table follows profiles, consent and visitors without any code path having to
# remember it: each change recomputes the rows of the visitor and of the family members they
# registered. A family member is told through the visitor who registered them, in that visitor's
# language, under that visitor's (or their own) emergency consent; a member without a lodging of
# their own is where that visitor lodges. The shared coarse cell is kept across recomputations.
FUNCTIONS = (
    """
CREATE FUNCTION alert_targets_refresh(target uuid) RETURNS void
LANGUAGE sql AS $$
    WITH people AS (
        SELECT v.id, coalesce(v.registered_by_id, v.id) AS reach, v.data_key IS NOT NULL AS live
        FROM visitors v
        WHERE v.id = target OR v.registered_by_id = target
    ), computed AS (
        SELECT
            p.id,
            p.reach,
            (SELECT r.language FROM visitors r WHERE r.id = p.reach) AS language,
            coalesce(
                (SELECT a.clear_value ->> 'lodging_municipality' FROM visitor_attributes a
                 WHERE a.visitor_id = p.id AND a.key = 'stay'),
                (SELECT a.clear_value ->> 'lodging_municipality' FROM visitor_attributes a
                 WHERE a.visitor_id = p.reach AND a.key = 'stay' AND p.reach <> p.id)
            ) AS lodging,
            CASE WHEN p.live THEN
                (SELECT max(g.expires_at) FROM consent_grants g
                 WHERE g.visitor_id IN (p.id, p.reach) AND g.purpose = 'emergency'
                   AND g.revoked_at IS NULL)
            END AS until
        FROM people p
    ), gone AS (
        DELETE FROM alert_targets t
        USING computed c
        WHERE t.visitor_id = c.id AND c.until IS NULL
    )
    INSERT INTO alert_targets
        (visitor_id, reach_visitor_id, language, prefecture, municipality, emergency_until)
    SELECT c.id, c.reach, c.language, left(c.lodging, 2), left(c.lodging, 5), c.until
    FROM computed c
    WHERE c.until IS NOT NULL
    ON CONFLICT (visitor_id) DO UPDATE SET
        reach_visitor_id = EXCLUDED.reach_visitor_id,
        language = EXCLUDED.language,
        prefecture = EXCLUDED.prefecture,
        municipality = EXCLUDED.municipality,
        emergency_until = EXCLUDED.emergency_until;
$$
""",
    """
CREATE FUNCTION alert_targets_on_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM alert_targets_refresh(OLD.visitor_id);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.visitor_id <> NEW.visitor_id THEN
        PERFORM alert_targets_refresh(OLD.visitor_id);
    END IF;
    PERFORM alert_targets_refresh(NEW.visitor_id);
    RETURN NEW;
END;
$$
""",
    """
CREATE FUNCTION alert_targets_on_visitor() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM alert_targets_refresh(NEW.id);
    IF NEW.registered_by_id IS DISTINCT FROM OLD.registered_by_id
       AND OLD.registered_by_id IS NOT NULL THEN
        PERFORM alert_targets_refresh(OLD.registered_by_id);
    END IF;
    RETURN NEW;
END;
$$
""",
)

# Separate statements: a WHEN clause may not name NEW on DELETE triggers nor OLD on INSERT ones.
TRIGGERS = (
    """CREATE TRIGGER alert_targets_stay_write
        AFTER INSERT OR UPDATE ON visitor_attributes
        FOR EACH ROW WHEN (NEW.key = 'stay')
        EXECUTE FUNCTION alert_targets_on_change()""",
    """CREATE TRIGGER alert_targets_stay_delete
        AFTER DELETE ON visitor_attributes
        FOR EACH ROW WHEN (OLD.key = 'stay')
        EXECUTE FUNCTION alert_targets_on_change()""",
    """CREATE TRIGGER alert_targets_consent_write
        AFTER INSERT OR UPDATE ON consent_grants
        FOR EACH ROW WHEN (NEW.purpose = 'emergency')
        EXECUTE FUNCTION alert_targets_on_change()""",
    """CREATE TRIGGER alert_targets_consent_delete
        AFTER DELETE ON consent_grants
        FOR EACH ROW WHEN (OLD.purpose = 'emergency')
        EXECUTE FUNCTION alert_targets_on_change()""",
    """CREATE TRIGGER alert_targets_visitor
        AFTER UPDATE OF language, registered_by_id, data_key ON visitors
        FOR EACH ROW EXECUTE FUNCTION alert_targets_on_visitor()""",
)


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "draft",
                "issued",
                "superseded",
                "cancelled",
                "discarded",
                name="alert_state",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "origin",
            sa.Enum("jma_xml", "operator", name="alert_origin", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=True),
        sa.Column("serial", sa.Integer(), nullable=True),
        sa.Column("content", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("target_prefectures", postgresql.ARRAY(sa.String(length=2)), nullable=False),
        sa.Column("target_municipalities", postgresql.ARRAY(sa.String(length=5)), nullable=False),
        sa.Column("target_cells", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.Column("unresolved_areas", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("unknown_elements", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("renderings", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.Column("document_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("approved_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("superseded_by_id", sa.Uuid(), nullable=True),
        sa.Column("recipients", sa.Integer(), server_default="0", nullable=False),
        sa.Column("delivered", sa.Integer(), server_default="0", nullable=False),
        sa.Column("failed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"],
            ["alerts.id"],
            name=op.f("fk_alerts_superseded_by_id_alerts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("document_sha256", name=op.f("uq_alerts_document_sha256")),
    )
    op.create_index("ix_alerts_current", "alerts", ["state", "issued_at"], unique=False)
    op.create_index("ix_alerts_event", "alerts", ["source", "event_id"], unique=False)
    op.create_table(
        "alert_safety_answers",
        sa.Column("alert_id", sa.Uuid(), nullable=False),
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column(
            "answer",
            sa.Enum("safe", "need_help", name="safety_answer", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("prefecture", sa.String(length=2), nullable=True),
        sa.Column("municipality", sa.String(length=5), nullable=True),
        sa.Column("cell", sa.BigInteger(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_alert_safety_answers_alert_id_alerts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_alert_safety_answers_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alert_id", "visitor_id", name=op.f("pk_alert_safety_answers")),
    )
    op.create_table(
        "alert_targets",
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("reach_visitor_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("prefecture", sa.String(length=2), nullable=True),
        sa.Column("municipality", sa.String(length=5), nullable=True),
        sa.Column("cell", sa.BigInteger(), nullable=True),
        sa.Column("cell_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("emergency_until", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reach_visitor_id"],
            ["visitors.id"],
            name=op.f("fk_alert_targets_reach_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_alert_targets_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visitor_id", name=op.f("pk_alert_targets")),
    )
    op.create_index("ix_alert_targets_cell", "alert_targets", ["cell"], unique=False)
    op.create_index(
        "ix_alert_targets_municipality", "alert_targets", ["municipality"], unique=False
    )
    op.create_index("ix_alert_targets_prefecture", "alert_targets", ["prefecture"], unique=False)
    op.create_index("ix_alert_targets_reach", "alert_targets", ["reach_visitor_id"], unique=False)
    op.create_table(
        "push_subscriptions",
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column("endpoint", sa.String(length=2048), nullable=False),
        sa.Column("p256dh", sa.String(length=128), nullable=False),
        sa.Column("auth", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_push_subscriptions_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscriptions")),
        sa.UniqueConstraint("endpoint", name=op.f("uq_push_subscriptions_endpoint")),
    )
    op.create_index(
        op.f("ix_push_subscriptions_visitor_id"), "push_subscriptions", ["visitor_id"], unique=False
    )
    for statement in (*FUNCTIONS, *TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER alert_targets_visitor ON visitors")
    op.execute("DROP TRIGGER alert_targets_consent_delete ON consent_grants")
    op.execute("DROP TRIGGER alert_targets_consent_write ON consent_grants")
    op.execute("DROP TRIGGER alert_targets_stay_delete ON visitor_attributes")
    op.execute("DROP TRIGGER alert_targets_stay_write ON visitor_attributes")
    op.execute("DROP FUNCTION alert_targets_on_visitor()")
    op.execute("DROP FUNCTION alert_targets_on_change()")
    op.execute("DROP FUNCTION alert_targets_refresh(uuid)")
    op.drop_index(op.f("ix_push_subscriptions_visitor_id"), table_name="push_subscriptions")
    op.drop_table("push_subscriptions")
    op.drop_index("ix_alert_targets_reach", table_name="alert_targets")
    op.drop_index("ix_alert_targets_prefecture", table_name="alert_targets")
    op.drop_index("ix_alert_targets_municipality", table_name="alert_targets")
    op.drop_index("ix_alert_targets_cell", table_name="alert_targets")
    op.drop_table("alert_targets")
    op.drop_table("alert_safety_answers")
    op.drop_index("ix_alerts_event", table_name="alerts")
    op.drop_index("ix_alerts_current", table_name="alerts")
    op.drop_table("alerts")
