"""API shapes of the translation bank."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from omotenashi.text import RequestBody
from omotenashi.translation.service import MAX_TEXT


class SegmentIn(RequestBody):
    model_config = ConfigDict(extra="forbid")

    source_lang: str = Field(max_length=16, examples=["ja"])
    source_text: str = Field(max_length=MAX_TEXT)
    target_lang: str = Field(max_length=16, examples=["en"])
    target_text: str = Field(max_length=MAX_TEXT)


class ContributionIn(RequestBody):
    model_config = ConfigDict(extra="forbid")

    segments: list[SegmentIn] = Field(min_length=1, max_length=1000)
    licence: str = Field(
        max_length=64,
        description="contributor-only (used for the contributor's content alone, never "
        "exported) or an SPDX identifier such as CC-BY-4.0",
    )
    source: str | None = Field(None, max_length=500, description="Where the text comes from")


class ContributionOut(BaseModel):
    added: int
    duplicates: int = Field(description="Pairs this contributor had given before")


class Share(BaseModel):
    count: int
    share: float = Field(description="Of the pair's translated and untranslated fields, 0-1")


class PairStatisticsOut(BaseModel):
    source_lang: str
    target_lang: str
    segments: int
    contributors: int = Field(description="Servicers, and the operator as one")
    origins: dict[str, int] = Field(
        description="Segments by how they came: tmx_import, contribution, human_edit, "
        "visitor_suggestion"
    )
    translations: dict[str, Share] = Field(
        description="Content fields in this pair by provenance (tm_exact, tm_fuzzy, machine, "
        "human, visitor_suggestion) or needs_translation"
    )


class StatisticsOut(BaseModel):
    pairs: list[PairStatisticsOut]
