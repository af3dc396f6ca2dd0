"""Translation-bank tables: parallel segments with their licence, contributor and origin."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, text_enum

# The licence of a segment its contributor keeps to itself: only that servicer's content (or,
# for the operator's, the platform) is translated with it, and it is never exported.
CONTRIBUTOR_ONLY = "contributor-only"


class Provenance(StrEnum):
    """How a translation of servicer content was made."""

    tm_exact = "tm_exact"
    tm_fuzzy = "tm_fuzzy"
    machine = "machine"
    human = "human"
    visitor_suggestion = "visitor_suggestion"


class SegmentOrigin(StrEnum):
    """How a segment entered the bank."""

    tmx_import = "tmx_import"
    contribution = "contribution"
    human_edit = "human_edit"
    visitor_suggestion = "visitor_suggestion"


class TmSegment(Base):
    """One source text and its translation.

    ``source_key`` is what fuzzy lookup searches, not the text itself: the text with each
    character hashed to an ASCII letter (``translation.service.trigram_key``). pg_trgm only makes
    trigrams of what the database's LC_CTYPE calls letters, and under the C locale of the
    embedded cluster that excludes every non-ASCII character: Japanese, Thai or Khmer text would
    have no trigrams at all. The hashed letters are letters in every locale.
    """

    __tablename__ = "tm_segments"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    source_lang: Mapped[str] = mapped_column(sa.String(16))
    target_lang: Mapped[str] = mapped_column(sa.String(16))
    source_text: Mapped[str] = mapped_column(sa.Text)
    target_text: Mapped[str] = mapped_column(sa.Text)
    # Digests of the texts: a btree cannot hold long texts, and equality needs no more.
    source_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(16))
    target_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(16))
    source_key: Mapped[str] = mapped_column(sa.Text)
    licence: Mapped[str] = mapped_column(sa.String(64))
    # The contributing servicer; NULL for the operator's own contributions and imports.
    servicer_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("servicers.id", ondelete="CASCADE")
    )
    origin: Mapped[SegmentOrigin] = mapped_column(text_enum(SegmentOrigin, "segment_origin"))
    # Where it came from, for people: a TMX file's name, a content item, a note.
    source: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())

    __table_args__ = (
        # One copy of a pair per contributor. Its first columns also serve exact lookup.
        sa.Index(
            "uq_tm_segments_pair",
            "source_lang",
            "target_lang",
            "source_hash",
            "target_hash",
            "servicer_id",
            unique=True,
            postgresql_nulls_not_distinct=True,
        ),
        sa.Index(
            "ix_tm_segments_source_key",
            "source_key",
            postgresql_using="gin",
            postgresql_ops={"source_key": "gin_trgm_ops"},
        ),
    )
