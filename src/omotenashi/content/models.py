"""Content tables: a servicer's items, their translations with provenance, dish tags, and the
translations visitors suggest."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omotenashi.content.dietary import Presence
from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum
from omotenashi.translation.models import Provenance


class ContentKind(StrEnum):
    dish = "dish"
    notice = "notice"
    signage = "signage"
    event = "event"


# The translatable texts of an item (``venue`` only for events). Not a StrEnum: a member named
# ``title`` would hide str.title.
TextField = Literal["title", "body", "venue"]
TEXT_FIELDS: tuple[TextField, ...] = ("title", "body", "venue")


_TEXT_FIELD = sa.Enum(*TEXT_FIELDS, name="text_field", native_enum=False, length=16)


class SuggestionState(StrEnum):
    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


class ContentItem(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "content_items"

    servicer_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ContentKind] = mapped_column(text_enum(ContentKind, "content_kind"))
    source_language: Mapped[str] = mapped_column(sa.String(16), default="ja")
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    venue: Mapped[str | None] = mapped_column(sa.String(200))
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    tags: Mapped[list[str]] = mapped_column(ARRAY(sa.String(32)), default=list)
    # The order a servicer wants its items listed in (a menu's order), then oldest first.
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())

    translations: Mapped[list[ContentTranslation]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )
    allergens: Mapped[list[DishAllergen]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )
    diet: Mapped[list[DishDiet]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at", name="event_order"
        ),
    )

    def source_text(self, field: TextField) -> str:
        """The item's own text of ``field`` ("" when it has none)."""
        if field == "title":
            return self.title
        if field == "body":
            return self.body
        return self.venue or ""


class ContentTranslation(UUIDPrimaryKey, Base):
    """One field of an item in one language. ``text`` is NULL when nothing produced a
    translation: the item needs one, and visitors are shown the source text as such."""

    __tablename__ = "content_translations"

    item_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("content_items.id", ondelete="CASCADE")
    )
    language: Mapped[str] = mapped_column(sa.String(16))
    field: Mapped[TextField] = mapped_column(_TEXT_FIELD)
    text: Mapped[str | None] = mapped_column(sa.Text)
    provenance: Mapped[Provenance | None] = mapped_column(text_enum(Provenance, "provenance"))
    score: Mapped[float | None]  # tm_fuzzy: similarity of the memory's source, 0..1
    engine: Mapped[str | None] = mapped_column(sa.String(64))  # machine
    edited_by: Mapped[str | None] = mapped_column(sa.String(200))  # human: the actor
    approved_by: Mapped[str | None] = mapped_column(sa.String(200))  # visitor_suggestion
    # The memory segment used (tm_*) or written (human, visitor_suggestion).
    segment_id: Mapped[int | None] = mapped_column(
        sa.BigInteger, sa.ForeignKey("tm_segments.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())

    __table_args__ = (
        sa.UniqueConstraint("item_id", "language", "field"),
        sa.CheckConstraint("(text IS NULL) = (provenance IS NULL)", name="text_has_provenance"),
    )

    @property
    def needs_translation(self) -> bool:
        return self.text is None


class DishAllergen(Base):
    """An allergen tag of a dish; an allergen without a row is unknown."""

    __tablename__ = "dish_allergens"

    item_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    allergen: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    presence: Mapped[Presence] = mapped_column(text_enum(Presence, "allergen_presence"))


class DishDiet(Base):
    """A diet property of a dish answered yes or no; a property without a row is unknown."""

    __tablename__ = "dish_diet"

    item_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    value: Mapped[bool]


class TranslationSuggestion(UUIDPrimaryKey, Timestamps, Base):
    """A visitor's better translation of one field of an item, waiting for the servicer or the
    operator. The visitor is kept only to let them see their own; servicers never see who."""

    __tablename__ = "translation_suggestions"

    item_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("content_items.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(sa.String(16))
    field: Mapped[TextField] = mapped_column(_TEXT_FIELD)
    text: Mapped[str] = mapped_column(sa.Text)
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[SuggestionState] = mapped_column(
        text_enum(SuggestionState, "suggestion_state"), default=SuggestionState.pending
    )
    decided_by: Mapped[str | None] = mapped_column(sa.String(200))
    decided_at: Mapped[datetime | None]

    __table_args__ = (
        sa.PrimaryKeyConstraint("visitor_id", "id"),
        sa.Index("ix_translation_suggestions_id", "id"),
    )
