"""Servicer content with its translations and dish tags, visitor suggestions, and the
translation bank.

Revision ID: 0013_content_translation
Revises: 0012_web_sign_in
Create Date: 2026-11-23 13:11:52.227318+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013_content_translation"
down_revision: str | None = "0012_web_sign_in"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Fuzzy memory lookup searches segments with trigram similarity (pg_trgm's % operator).
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "content_items",
        sa.Column("servicer_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "dish",
                "notice",
                "signage",
                "event",
                name="content_kind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("source_language", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tags", postgresql.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at",
            name=op.f("ck_content_items_event_order"),
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_content_items_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_items")),
    )
    op.create_index(
        op.f("ix_content_items_servicer_id"), "content_items", ["servicer_id"], unique=False
    )
    op.create_table(
        "tm_segments",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("source_lang", sa.String(length=16), nullable=False),
        sa.Column("target_lang", sa.String(length=16), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("target_text", sa.Text(), nullable=False),
        sa.Column("source_hash", sa.LargeBinary(length=16), nullable=False),
        sa.Column("target_hash", sa.LargeBinary(length=16), nullable=False),
        sa.Column("source_key", sa.Text(), nullable=False),
        sa.Column("licence", sa.String(length=64), nullable=False),
        sa.Column("servicer_id", sa.Uuid(), nullable=True),
        sa.Column(
            "origin",
            sa.Enum(
                "tmx_import",
                "contribution",
                "human_edit",
                "visitor_suggestion",
                name="segment_origin",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["servicer_id"],
            ["servicers.id"],
            name=op.f("fk_tm_segments_servicer_id_servicers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tm_segments")),
    )
    op.create_index(
        "ix_tm_segments_source_key",
        "tm_segments",
        ["source_key"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"source_key": "gin_trgm_ops"},
    )
    op.create_index(
        "uq_tm_segments_pair",
        "tm_segments",
        ["source_lang", "target_lang", "source_hash", "target_hash", "servicer_id"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    op.create_table(
        "content_translations",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column(
            "field",
            sa.Enum("title", "body", "venue", name="text_field", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column(
            "provenance",
            sa.Enum(
                "tm_exact",
                "tm_fuzzy",
                "machine",
                "human",
                "visitor_suggestion",
                name="provenance",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("engine", sa.String(length=64), nullable=True),
        sa.Column("edited_by", sa.String(length=200), nullable=True),
        sa.Column("approved_by", sa.String(length=200), nullable=True),
        sa.Column("segment_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "(text IS NULL) = (provenance IS NULL)",
            name=op.f("ck_content_translations_text_has_provenance"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["content_items.id"],
            name=op.f("fk_content_translations_item_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["tm_segments.id"],
            name=op.f("fk_content_translations_segment_id_tm_segments"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_translations")),
        sa.UniqueConstraint(
            "item_id",
            "language",
            "field",
            name=op.f("uq_content_translations_item_id_language_field"),
        ),
    )
    op.create_table(
        "dish_allergens",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("allergen", sa.String(length=32), nullable=False),
        sa.Column(
            "presence",
            sa.Enum(
                "contains",
                "may_contain",
                "free",
                "unknown",
                name="allergen_presence",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["content_items.id"],
            name=op.f("fk_dish_allergens_item_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "allergen", name=op.f("pk_dish_allergens")),
    )
    op.create_table(
        "dish_diet",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["content_items.id"],
            name=op.f("fk_dish_diet_item_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "key", name=op.f("pk_dish_diet")),
    )
    op.create_table(
        "translation_suggestions",
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column(
            "field",
            sa.Enum("title", "body", "venue", name="text_field", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("visitor_id", sa.Uuid(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "accepted",
                "rejected",
                name="suggestion_state",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["content_items.id"],
            name=op.f("fk_translation_suggestions_item_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["visitor_id"],
            ["visitors.id"],
            name=op.f("fk_translation_suggestions_visitor_id_visitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_suggestions")),
    )
    op.create_index(
        op.f("ix_translation_suggestions_item_id"),
        "translation_suggestions",
        ["item_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_translation_suggestions_visitor_id"),
        "translation_suggestions",
        ["visitor_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_translation_suggestions_visitor_id"), table_name="translation_suggestions"
    )
    op.drop_index(op.f("ix_translation_suggestions_item_id"), table_name="translation_suggestions")
    op.drop_table("translation_suggestions")
    op.drop_table("dish_diet")
    op.drop_table("dish_allergens")
    op.drop_table("content_translations")
    op.drop_index(
        "uq_tm_segments_pair", table_name="tm_segments", postgresql_nulls_not_distinct=True
    )
    op.drop_index(
        "ix_tm_segments_source_key",
        table_name="tm_segments",
        postgresql_using="gin",
        postgresql_ops={"source_key": "gin_trgm_ops"},
    )
    op.drop_table("tm_segments")
    op.drop_index(op.f("ix_content_items_servicer_id"), table_name="content_items")
    op.drop_table("content_items")
