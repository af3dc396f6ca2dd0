"""API shapes of content: a servicer's console, what visitors read, and suggestions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from omotenashi.content.dietary import Presence
from omotenashi.content.models import ContentKind, TextField
from omotenashi.content.service import MAX_BODY, MAX_TAGS, MAX_TITLE, MAX_VENUE
from omotenashi.schemas import Schema
from omotenashi.text import RequestBody
from omotenashi.translation.models import CONTRIBUTOR_ONLY

LanguageCode = Annotated[str, Field(max_length=16, examples=["vi"])]
Tags = Annotated[list[Annotated[str, Field(max_length=32)]], Field(max_length=MAX_TAGS)]
Allergens = Annotated[
    dict[Annotated[str, Field(max_length=32)], Presence],
    Field(
        max_length=64,
        description="Allergen key → contains, may_contain, free or unknown; a key not sent "
        "is unknown. Dishes only.",
        examples=[{"sesame": "contains", "wheat": "free"}],
    ),
]
Diet = Annotated[
    dict[Annotated[str, Field(max_length=32)], bool],
    Field(
        max_length=32,
        description="Diet property → true or false (alcohol counts cooking sake and mirin); a "
        "property not sent is unknown. Dishes only.",
        examples=[{"vegan": True, "alcohol": False}],
    ),
]
Position = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]


# --- The console ---------------------------------------------------------------------------


class ItemIn(RequestBody):
    model_config = ConfigDict(extra="forbid")

    kind: ContentKind
    source_language: LanguageCode = "ja"
    title: str = Field(max_length=MAX_TITLE)
    body: str = Field("", max_length=MAX_BODY)
    venue: str | None = Field(None, max_length=MAX_VENUE, description="Events only")
    starts_at: datetime | None = Field(None, description="Events only; with a time zone")
    ends_at: datetime | None = Field(None, description="Events only; with a time zone")
    tags: Tags = Field(
        default_factory=list,
        description="Events: interests, e.g. food. Signage: the accessibility needs a slide "
        "serves, e.g. wheelchair",
    )
    position: Position = Field(0, description="Listing order; lower first")
    allergens: Allergens = Field(default_factory=dict)
    diet: Diet = Field(default_factory=dict)


class ItemPatch(RequestBody):
    """Only the fields sent change. ``allergens`` and ``diet``, when sent, replace every tag."""

    model_config = ConfigDict(extra="forbid")

    source_language: LanguageCode | None = None
    title: str | None = Field(None, max_length=MAX_TITLE)
    body: str | None = Field(None, max_length=MAX_BODY)
    venue: str | None = Field(None, max_length=MAX_VENUE)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    tags: Tags | None = None
    position: Position | None = None
    allergens: Allergens | None = None
    diet: Diet | None = None

    @field_validator(
        "source_language", "title", "body", "tags", "position", "allergens", "diet", mode="before"
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # These can be changed but not removed; only venue and the times may be sent as null.
        if value is None:
            raise ValueError("must not be null")
        return value


class TranslationOut(Schema):
    language: str
    field: TextField
    text: str | None = Field(description="null: needs translation")
    needs_translation: bool
    provenance: str | None = Field(
        description="tm_exact, tm_fuzzy, machine, human or visitor_suggestion"
    )
    score: float | None = Field(description="tm_fuzzy: similarity of the memory's source, 0-1")
    engine: str | None = Field(description="machine: the engine, e.g. deepl")
    edited_by: str | None = Field(description="human: who")
    approved_by: str | None = Field(description="visitor_suggestion: who accepted it")
    segment_id: int | None = Field(description="The translation-bank segment used or written")
    updated_at: datetime


class ItemOut(Schema):
    id: uuid.UUID
    kind: ContentKind
    source_language: str
    title: str
    body: str
    venue: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    tags: list[str]
    position: int
    allergens: dict[str, str] = Field(description="Tagged allergens; the rest are unknown")
    diet: dict[str, bool] = Field(description="Answered diet properties; the rest are unknown")
    translations: list[TranslationOut] = Field(description="By language, then field")
    created_at: datetime
    updated_at: datetime

    @field_validator("allergens", mode="before")
    @classmethod
    def _allergen_tags(cls, tags: Any) -> Any:
        """An item's allergen tags, as allergen → presence."""
        if isinstance(tags, dict):
            return tags
        return {tag.allergen: str(tag.presence) for tag in tags}

    @field_validator("diet", mode="before")
    @classmethod
    def _diet_tags(cls, tags: Any) -> Any:
        if isinstance(tags, dict):
            return tags
        return {tag.key: tag.value for tag in tags}

    @field_validator("translations", mode="before")
    @classmethod
    def _by_language_and_field(cls, rows: Any) -> Any:
        return sorted(rows, key=lambda row: (_get(row, "language"), _get(row, "field")))


def _get(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, dict) else getattr(row, name)


class TranslateIn(RequestBody):
    model_config = ConfigDict(extra="forbid")

    languages: list[LanguageCode] = Field(min_length=1, max_length=15)


class FieldResultOut(BaseModel):
    language: str
    field: TextField
    state: Literal["translated", "needs_translation", "kept"] = Field(
        description="kept: a person's translation, left as it was"
    )
    provenance: str | None
    score: float | None
    engine: str | None
    reason: str | None = Field(
        description="Why it needs translation: no_engine, unsupported_language_pair, "
        "mt_unavailable, mt_rejected, mt_empty"
    )


class TranslatedOut(BaseModel):
    item: ItemOut
    results: list[FieldResultOut]


class PostEditIn(RequestBody):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_BODY)
    licence: str = Field(
        CONTRIBUTOR_ONLY,
        max_length=64,
        description="How the bank may share it: contributor-only (your content only) or an "
        "SPDX identifier such as CC-BY-4.0",
    )


# --- What visitors read ----------------------------------------------------------------------


class TextOut(BaseModel):
    text: str
    language: str = Field(description="The language the text is in")
    translated: bool = Field(
        description="false: no translation into the language asked for yet; the text is the "
        "item's own, in its own language"
    )
    machine_translated: bool


class TagOut(BaseModel):
    key: str
    label: str
    value: str = Field(description="contains, may_contain, free or unknown; yes, no or unknown")


class PublicItem(BaseModel):
    id: str
    kind: ContentKind
    title: TextOut
    body: TextOut | None
    venue: TextOut | None
    starts_at: datetime | None
    ends_at: datetime | None
    tags: list[str]
    allergens: list[TagOut] | None = Field(description="Dishes: every allergen in force today")
    diet: list[TagOut] | None = Field(description="Dishes: every diet property")


class PublicListing(BaseModel):
    servicer_id: str
    language: str = Field(description="The language asked for")
    items: list[PublicItem]


class FindingOut(BaseModel):
    kind: Literal["allergen", "diet"]
    key: str
    label: str = Field(description="In the visitor's language")
    value: str


class MenuDishOut(PublicItem):
    conflicts: list[FindingOut] = Field(description="What it holds that you avoid")
    unknown: list[FindingOut] = Field(description="What its tags do not tell")


class AvoidingOut(BaseModel):
    dietary_needs: list[str]
    allergens: list[str]


class MyMenuOut(BaseModel):
    servicer_id: str
    language: str
    avoiding: AvoidingOut = Field(description="Your dietary needs and allergies, as labels")
    fits: list[MenuDishOut]
    avoid: list[MenuDishOut] = Field(description="Contains something you avoid")
    unknown: list[MenuDishOut] = Field(description="Not enough information to say it fits")


# --- Suggestions ---------------------------------------------------------------------------


class SuggestionIn(RequestBody):
    model_config = ConfigDict(extra="forbid")

    language: LanguageCode
    field: TextField
    text: str = Field(max_length=MAX_BODY)


class SuggestionOut(Schema):
    id: uuid.UUID
    item_id: uuid.UUID
    language: str
    field: TextField
    text: str
    state: str
    created_at: datetime


class ModeratedSuggestionOut(SuggestionOut):
    """A suggestion as a moderator sees it; never who suggested it."""

    source_language: str
    source_text: str
    current_text: str | None
    current_provenance: str | None
    decided_by: str | None
    decided_at: datetime | None
