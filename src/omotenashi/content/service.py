"""Content rules: a servicer's items and their tags, translating them through the chain and by
hand, what visitors are shown in their language, a visitor's own menu, and suggestions.

Every read of content goes through :func:`_owned` (a servicer's own items, any state) or
:func:`_published` (items of approved servicers, as anyone may read them).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime
from typing import Any

import structlog
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from omotenashi.content import dietary
from omotenashi.content.dietary import DIET_BY_KEY, DIET_PROPERTIES, Presence
from omotenashi.content.errors import (
    InvalidContentError,
    ItemNotFoundError,
    SuggestionDecidedError,
    SuggestionNotFoundError,
    TooManySuggestionsError,
)
from omotenashi.content.models import (
    ContentItem,
    ContentKind,
    ContentTranslation,
    DishAllergen,
    DishDiet,
    SuggestionState,
    TextField,
    TranslationSuggestion,
)
from omotenashi.errors import FieldError
from omotenashi.i18n import BY_CODE
from omotenashi.resolve import queries as access_log
from omotenashi.security import audit
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.errors import ServicerNotFoundError
from omotenashi.servicers.models import Servicer, ServicerState
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.translation import service as translation
from omotenashi.translation.models import CONTRIBUTOR_ONLY, Provenance, SegmentOrigin
from omotenashi.translation.tmx import Segment
from omotenashi.visitors import catalogue
from omotenashi.visitors import queries as visitors_queries
from omotenashi.visitors import service as visitors
from omotenashi.visitors.models import Visitor

log = structlog.get_logger(__name__)

MAX_TITLE = 200
MAX_BODY = 5_000
MAX_VENUE = 200
MAX_TAGS = 10
# Enough for a visitor who reads a whole menu carefully; a flood waits for moderators.
MAX_PENDING_SUGGESTIONS = 20
_TAG = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
# Event times outside these are typing mistakes (and near year 1 or 9999, not even convertible).
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)

FIELDS_OF: Mapping[ContentKind, tuple[TextField, ...]] = {
    ContentKind.dish: ("title", "body"),
    ContentKind.notice: ("title", "body"),
    ContentKind.signage: ("title", "body"),
    ContentKind.event: ("title", "body", "venue"),
}
# Translations that people made: the chain never overwrites them.
_BY_PEOPLE = (Provenance.human, Provenance.visitor_suggestion)

_LOAD = (
    selectinload(ContentItem.translations),
    selectinload(ContentItem.allergens),
    selectinload(ContentItem.diet),
)


def _owned(servicer_id: uuid.UUID) -> Select[ContentItem]:
    return select(ContentItem).where(ContentItem.servicer_id == servicer_id).options(*_LOAD)


def _published() -> Select[ContentItem]:
    return (
        select(ContentItem)
        .join(Servicer, Servicer.id == ContentItem.servicer_id)
        .where(Servicer.state == ServicerState.approved)
        .options(*_LOAD)
    )


# --- Writing items -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """An item as its servicer writes it. Allergens and diet apply to dishes; venue, times and
    tags to events. An allergen tagged ``unknown`` is the same as one not tagged."""

    kind: ContentKind
    title: str
    source_language: str = "ja"
    body: str = ""
    venue: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    tags: Sequence[str] = ()
    position: int = 0
    allergens: Mapping[str, Presence] = field(default_factory=dict)
    diet: Mapping[str, bool] = field(default_factory=dict)


_DRAFT_FIELDS = {f.name for f in fields(Draft)}


def _text(value: str, where: str, limit: int, errors: list[FieldError], *, required: bool) -> str:
    text = translation.stored_text(value)
    if required and not text:
        errors.append(FieldError(where, "Must not be empty.", "required"))
    elif len(text) > limit:
        errors.append(FieldError(where, f"Must be at most {limit} characters.", "too_long"))
    elif translation.unfit_characters(text):
        errors.append(FieldError(where, "Must not contain control characters.", "invalid_format"))
    return text


def _language(code: str, where: str, errors: list[FieldError]) -> None:
    if code not in BY_CODE:
        errors.append(FieldError(where, "This language is not served.", "unknown_language"))


def _only_for(kind: ContentKind, errors: list[FieldError], **present: bool) -> None:
    for name, given in present.items():
        if given:
            errors.append(FieldError(name, f"A {kind} item has no {name}.", "not_applicable"))


def _check_times(starts: datetime | None, ends: datetime | None, errors: list[FieldError]) -> None:
    if starts is None:
        errors.append(FieldError("starts_at", "An event needs a start time.", "required"))
    naive = [
        name
        for name, moment in (("starts_at", starts), ("ends_at", ends))
        if moment is not None and moment.utcoffset() is None
    ]
    for name in naive:
        errors.append(FieldError(name, "Must include a time zone.", "invalid_datetime"))
    for name, moment in (("starts_at", starts), ("ends_at", ends)):
        if moment is not None and name not in naive and not _EARLIEST <= moment < _LATEST:
            errors.append(FieldError(name, "Must be in this century or the next.", "out_of_range"))
    if starts is not None and ends is not None and not naive and ends < starts:
        errors.append(FieldError("ends_at", "Must not be before the start.", "date_order"))


def _check_tags(tags: list[str], errors: list[FieldError]) -> None:
    if len(tags) > MAX_TAGS:
        errors.append(FieldError("tags", f"At most {MAX_TAGS} tags.", "too_long"))
    for index, tag in enumerate(tags):
        if not _TAG.fullmatch(tag):
            errors.append(
                FieldError(
                    f"tags[{index}]",
                    "Must be lower-case letters, digits, - or _ (at most 32).",
                    "invalid_format",
                )
            )


def _check_tagging(
    allergens: Mapping[str, Presence], diet: Mapping[str, bool], errors: list[FieldError]
) -> None:
    known = set(catalogue.allergen_keys())
    for key in allergens:
        if key not in known:
            errors.append(
                FieldError(f"allergens.{key}", "There is no such allergen.", "unknown_allergen")
            )
    for key in diet:
        if key not in DIET_BY_KEY:
            errors.append(
                FieldError(f"diet.{key}", "There is no such diet property.", "unknown_property")
            )


def _checked(draft: Draft) -> Draft:
    """The draft normalised, or InvalidContentError naming every field that is wrong."""
    errors: list[FieldError] = []
    _language(draft.source_language, "source_language", errors)
    title = _text(draft.title, "title", MAX_TITLE, errors, required=True)
    body = _text(draft.body, "body", MAX_BODY, errors, required=False)
    venue = draft.venue
    tags = list(dict.fromkeys(draft.tags))
    allergens = {k: v for k, v in draft.allergens.items() if v is not Presence.unknown}
    diet = dict(draft.diet)
    if draft.kind is ContentKind.event:
        if venue is not None:
            venue = _text(venue, "venue", MAX_VENUE, errors, required=False) or None
        _check_times(draft.starts_at, draft.ends_at, errors)
    else:
        _only_for(
            draft.kind,
            errors,
            venue=venue is not None,
            starts_at=draft.starts_at is not None,
            ends_at=draft.ends_at is not None,
        )
    # An event's tags are interests; a signage slide's, the accessibility needs it serves.
    if draft.kind in (ContentKind.event, ContentKind.signage):
        _check_tags(tags, errors)
    else:
        _only_for(draft.kind, errors, tags=bool(tags))
    if draft.kind is ContentKind.dish:
        _check_tagging(allergens, diet, errors)
    else:
        _only_for(draft.kind, errors, allergens=bool(allergens), diet=bool(diet))
    if errors:
        raise InvalidContentError(fields=errors)
    return replace(
        draft,
        title=title,
        body=body,
        venue=venue,
        starts_at=draft.starts_at.astimezone(UTC) if draft.starts_at else None,
        ends_at=draft.ends_at.astimezone(UTC) if draft.ends_at else None,
        tags=tags,
        allergens=allergens,
        diet=diet,
    )


def _draft_of(item: ContentItem) -> Draft:
    return Draft(
        kind=item.kind,
        title=item.title,
        source_language=item.source_language,
        body=item.body,
        venue=item.venue,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        tags=list(item.tags),
        position=item.position,
        allergens={tag.allergen: tag.presence for tag in item.allergens},
        diet={tag.key: tag.value for tag in item.diet},
    )


def _apply(item: ContentItem, draft: Draft) -> None:
    item.kind = draft.kind
    item.source_language = draft.source_language
    item.title = draft.title
    item.body = draft.body
    item.venue = draft.venue
    item.starts_at = draft.starts_at
    item.ends_at = draft.ends_at
    item.tags = list(draft.tags)
    item.position = draft.position
    item.allergens = [
        DishAllergen(allergen=key, presence=presence)
        for key, presence in sorted(draft.allergens.items())
    ]
    item.diet = [DishDiet(key=key, value=value) for key, value in sorted(draft.diet.items())]


async def create_item(
    session: AsyncSession, servicer_id: uuid.UUID, draft: Draft, *, actor: str
) -> ContentItem:
    """A new item of ``servicer_id``, untranslated until asked for."""
    checked = _checked(draft)
    item = ContentItem(servicer_id=servicer_id, translations=[], allergens=[], diet=[])
    _apply(item, checked)
    session.add(item)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="content.created",
        target=f"content:{item.id}",
        details={"servicer_id": str(servicer_id), "kind": str(item.kind)},
    )
    log.info("content.created", item_id=str(item.id), kind=str(item.kind))
    return await item_of(session, servicer_id, item.id)


async def item_of(session: AsyncSession, servicer_id: uuid.UUID, item_id: uuid.UUID) -> ContentItem:
    """One of ``servicer_id``'s items; another servicer's is not found."""
    item = await session.scalar(_owned(servicer_id).where(ContentItem.id == item_id))
    if item is None:
        raise ItemNotFoundError()
    return item


async def items_of(
    session: AsyncSession, servicer_id: uuid.UUID, kind: ContentKind | None = None
) -> list[ContentItem]:
    query = _owned(servicer_id).order_by(
        ContentItem.kind, ContentItem.position, ContentItem.created_at, ContentItem.id
    )
    if kind is not None:
        query = query.where(ContentItem.kind == kind)
    return list((await session.scalars(query)).all())


async def update_item(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    item_id: uuid.UUID,
    changes: Mapping[str, Any],
    *,
    actor: str,
) -> ContentItem:
    """Change the fields in ``changes`` (``allergens`` and ``diet``, when given, replace every
    tag). A changed source text makes its translations outdated: they return to "needs
    translation" and the visitors' suggestions waiting on them are rejected."""
    item = await item_of(session, servicer_id, item_id)
    unknown = [name for name in changes if name not in _DRAFT_FIELDS]
    if unknown:
        raise InvalidContentError(
            fields=[
                FieldError(name, "There is no such field.", "unknown_field") for name in unknown
            ]
        )
    if "kind" in changes and changes["kind"] != item.kind:
        raise InvalidContentError(
            fields=[FieldError("kind", "An item's kind cannot change.", "immutable")]
        )
    before = _draft_of(item)
    after = _checked(replace(before, **changes))
    outdated = [
        text_field
        for text_field in FIELDS_OF[item.kind]
        if after.source_language != before.source_language
        or getattr(after, text_field) != getattr(before, text_field)
    ]
    _apply(item, after)
    item.updated_at = datetime.now(UTC)
    if outdated:
        await _outdate(session, item, outdated, actor)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="content.updated",
        target=f"content:{item.id}",
        details={"changed": sorted(changes)},
    )
    return await item_of(session, servicer_id, item_id)


async def _outdate(
    session: AsyncSession, item: ContentItem, outdated: list[TextField], actor: str
) -> None:
    now = datetime.now(UTC)
    for row in item.translations:
        if row.field in outdated:
            _set(row, text=None, provenance=None, now=now)
    waiting = await session.scalars(
        select(TranslationSuggestion).where(
            TranslationSuggestion.item_id == item.id,
            TranslationSuggestion.field.in_(outdated),
            TranslationSuggestion.state == SuggestionState.pending,
        )
    )
    for suggestion in waiting:
        suggestion.state = SuggestionState.rejected
        suggestion.decided_by = actor
        suggestion.decided_at = now


async def delete_item(
    session: AsyncSession, servicer_id: uuid.UUID, item_id: uuid.UUID, *, actor: str
) -> None:
    """Delete the item with its translations, tags and suggestions (the bank keeps the
    segments they contributed)."""
    item = await item_of(session, servicer_id, item_id)
    await session.delete(item)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="content.deleted",
        target=f"content:{item_id}",
        details={"servicer_id": str(servicer_id)},
    )


# --- Translating items -------------------------------------------------------------------------


def _set(
    row: ContentTranslation,
    *,
    text: str | None,
    provenance: Provenance | None,
    now: datetime,
    score: float | None = None,
    engine: str | None = None,
    segment_id: int | None = None,
    edited_by: str | None = None,
    approved_by: str | None = None,
) -> None:
    """Give a translation row its text and the whole of its provenance at once, so no detail
    of an earlier provenance (an engine, a score) outlives it."""
    row.text = text
    row.provenance = provenance
    row.score = score
    row.engine = engine
    row.segment_id = segment_id
    row.edited_by = edited_by
    row.approved_by = approved_by
    row.updated_at = now


def _row(item: ContentItem, language: str, text_field: TextField) -> ContentTranslation:
    """The item's translation row of ``language`` and ``text_field``, added when missing."""
    for row in item.translations:
        if row.language == language and row.field == text_field:
            return row
    row = ContentTranslation(item_id=item.id, language=language, field=text_field)
    item.translations.append(row)
    return row


def _target_language(item: ContentItem, code: str, where: str, errors: list[FieldError]) -> None:
    _language(code, where, errors)
    if code == item.source_language:
        errors.append(FieldError(where, "This is the item's own language.", "same_language"))


@dataclass(frozen=True)
class FieldResult:
    """One field in one language after asking for translation. ``kept``: a person's
    translation, left as it was. ``reason``: why it still needs translation."""

    translation: ContentTranslation
    kept: bool = False
    reason: str | None = None


async def translate_item(
    session: AsyncSession,
    chain: translation.Chain,
    servicer_id: uuid.UUID,
    item_id: uuid.UUID,
    languages: Sequence[str],
    *,
    actor: str,
) -> list[FieldResult]:
    """Translate each text of the item into ``languages`` through the chain.

    Translations people made (human edits, accepted suggestions) are kept; every other field
    is translated again, so memory added since is used. A field nothing translates is left
    plainly needing translation.
    """
    item = await item_of(session, servicer_id, item_id)
    errors: list[FieldError] = []
    for index, code in enumerate(languages):
        _target_language(item, code, f"languages[{index}]", errors)
    if errors:
        raise InvalidContentError(fields=errors)
    targets = list(dict.fromkeys(languages))
    results: list[FieldResult] = []
    asked: list[tuple[ContentTranslation, translation.TextToTranslate]] = []
    for language in targets:
        for text_field in FIELDS_OF[item.kind]:
            source = item.source_text(text_field)
            if not source:
                continue
            row = _row(item, language, text_field)
            if row.provenance in _BY_PEOPLE:
                results.append(FieldResult(row, kept=True))
                continue
            asked.append((row, translation.TextToTranslate(source, item.source_language, language)))
    outcomes = await translation.translate(
        session, chain, [text for _, text in asked], servicer_id=item.servicer_id
    )
    now = datetime.now(UTC)
    for (row, _), outcome in zip(asked, outcomes, strict=True):
        _set(
            row,
            text=outcome.text,
            provenance=outcome.provenance,
            score=outcome.score,
            engine=outcome.engine,
            segment_id=outcome.segment_id,
            now=now,
        )
        results.append(FieldResult(row, reason=outcome.reason))
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="content.translated",
        target=f"content:{item.id}",
        details={
            "languages": targets,
            "translated": sum(1 for r in results if r.translation.text is not None),
            "needs_translation": sum(1 for r in results if r.translation.text is None),
        },
    )
    return results


def _field_of(item: ContentItem, name: str, where: str) -> TextField:
    """The item's text field called ``name``, or InvalidContentError."""
    text_field = next((f for f in FIELDS_OF[item.kind] if f == name), None)
    if text_field is not None:
        if item.source_text(text_field):
            return text_field
        message = "The item has no text in this field to translate."
    else:
        message = f"A {item.kind} item has no such text field."
    raise InvalidContentError(fields=[FieldError(where, message, "unknown_field")])


async def post_edit(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    item_id: uuid.UUID,
    language: str,
    field_name: str,
    text: str,
    *,
    actor: str,
    licence: str = CONTRIBUTOR_ONLY,
) -> ContentTranslation:
    """A person's translation of one field replaces whatever was there, and enters the bank
    under ``licence`` as the servicer's own segment, so the same text is an exact match next
    time."""
    item = await item_of(session, servicer_id, item_id)
    errors: list[FieldError] = []
    _target_language(item, language, "language", errors)
    translated = _text(text, "text", MAX_BODY, errors, required=True)
    if errors:
        raise InvalidContentError(fields=errors)
    text_field = _field_of(item, field_name, "field")
    segment_id = await translation.remember(
        session,
        Segment(item.source_language, item.source_text(text_field), language, translated),
        licence=licence,
        servicer_id=item.servicer_id,
        origin=SegmentOrigin.human_edit,
        source=f"content:{item.id}",
    )
    row = _row(item, language, text_field)
    _set(
        row,
        text=translated,
        provenance=Provenance.human,
        edited_by=actor,
        segment_id=segment_id,
        now=datetime.now(UTC),
    )
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="content.translation_edited",
        target=f"content:{item.id}",
        details={"language": language, "field": str(text_field)},
    )
    return row


# --- What visitors are shown -------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A text as a visitor sees it. ``translated`` is False when it is the item's own text,
    in ``language`` (the source language), because no translation into theirs exists yet."""

    text: str
    language: str
    translated: bool
    machine_translated: bool


def shown(item: ContentItem, text_field: TextField, language: str) -> Shown | None:
    """``text_field`` of the item for a reader of ``language``; None when the item has no such
    text."""
    source = item.source_text(text_field)
    if not source:
        return None
    for row in item.translations:
        if row.language == language and row.field == text_field and row.text is not None:
            return Shown(row.text, language, True, row.provenance is Provenance.machine)
    return Shown(source, item.source_language, False, False)


@dataclass(frozen=True)
class Tag:
    """An allergen's presence (contains, may_contain, free, unknown) or a diet property's
    answer (yes, no, unknown), named in the reader's language."""

    key: str
    label: str
    value: str


def dish_tags(item: ContentItem) -> dietary.DishTags:
    return dietary.DishTags(
        allergens={tag.allergen: tag.presence for tag in item.allergens},
        diet={tag.key: tag.value for tag in item.diet},
    )


def allergen_tags(item: ContentItem, language: str, day: date) -> list[Tag]:
    """Every allergen of the labelling rules in force on ``day`` (mandatory first), with the
    dish's tag; untagged ones are unknown."""
    tags = dish_tags(item).allergens
    return [
        Tag(rule.key, rule.label(language), str(tags.get(rule.key, Presence.unknown)))
        for rule in catalogue.allergens_on(day)
    ]


def diet_tags(item: ContentItem, language: str) -> list[Tag]:
    diet = dish_tags(item).diet
    return [
        Tag(
            prop.key,
            prop.label(language),
            "unknown" if prop.key not in diet else "yes" if diet[prop.key] else "no",
        )
        for prop in DIET_PROPERTIES
    ]


async def published(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    kind: ContentKind,
    *,
    tag: str | None = None,
    now: datetime | None = None,
) -> list[ContentItem]:
    """An approved servicer's items of ``kind`` as anyone may read them: in the servicer's
    order, events soonest first and only until they end. Another servicer's state is not
    revealed: unapproved and unknown alike are not found."""
    approved = await session.scalar(
        select(Servicer.id).where(
            Servicer.id == servicer_id, Servicer.state == ServicerState.approved
        )
    )
    if approved is None:
        raise ServicerNotFoundError()
    query = _published().where(ContentItem.servicer_id == servicer_id, ContentItem.kind == kind)
    if kind is ContentKind.event:
        moment = now or datetime.now(UTC)
        query = query.where(func.coalesce(ContentItem.ends_at, ContentItem.starts_at) >= moment)
        query = query.order_by(ContentItem.starts_at, ContentItem.id)
        if tag is not None:
            query = query.where(ContentItem.tags.contains([tag]))
    else:
        query = query.order_by(ContentItem.position, ContentItem.created_at, ContentItem.id)
    return list((await session.scalars(query)).all())


@dataclass(frozen=True)
class MenuDish:
    item: ContentItem
    assessment: dietary.Assessment


@dataclass(frozen=True)
class Menu:
    """A servicer's dishes for one visitor, in three groups, and what the visitor avoids
    (their dietary needs and allergies as catalogue keys)."""

    fits: list[MenuDish]
    avoid: list[MenuDish]
    unknown: list[MenuDish]
    dietary_needs: list[str]
    allergens: list[str]


async def my_menu(
    session: AsyncSession, keyring: Keyring, visitor_id: uuid.UUID, servicer_id: uuid.UUID
) -> Menu:
    """The servicer's dishes sorted for the visitor by their own profile (dietary needs and
    allergies, unsealed for them alone: nothing is disclosed to the servicer, so no consent or
    resolve is involved). A dish is in ``fits`` only when its tags prove it."""
    profile = await visitors.read_profile(
        session, keyring, visitor_id, keys=("dietary_needs", "allergens")
    )
    needs = list(profile.get("dietary_needs") or [])
    allergens = list(profile.get("allergens") or [])
    menu = Menu([], [], [], needs, allergens)
    for item in await published(session, servicer_id, ContentKind.dish):
        assessment = dietary.assess(dish_tags(item), needs, allergens)
        group = {
            dietary.Verdict.fits: menu.fits,
            dietary.Verdict.avoid: menu.avoid,
            dietary.Verdict.unknown: menu.unknown,
        }[assessment.verdict]
        group.append(MenuDish(item, assessment))
    return menu


# --- Suggestions -------------------------------------------------------------------------------


async def suggest(
    session: AsyncSession,
    visitor_id: uuid.UUID,
    item_id: uuid.UUID,
    language: str,
    field_name: str,
    text: str,
) -> TranslationSuggestion:
    """A visitor offers a better translation of a published item's field into ``language``."""
    await visitors.get(session, visitor_id)
    item = await session.scalar(_published().where(ContentItem.id == item_id))
    if item is None:
        raise ItemNotFoundError()
    errors: list[FieldError] = []
    _target_language(item, language, "language", errors)
    suggested = _text(text, "text", MAX_BODY, errors, required=True)
    if errors:
        raise InvalidContentError(fields=errors)
    text_field = _field_of(item, field_name, "field")
    current = shown(item, text_field, language)
    if current is not None and current.translated and current.text == suggested:
        raise InvalidContentError(
            fields=[FieldError("text", "This is the translation shown now.", "unchanged")]
        )
    waiting = await session.scalar(
        select(func.count()).where(
            TranslationSuggestion.visitor_id == visitor_id,
            TranslationSuggestion.state == SuggestionState.pending,
        )
    )
    if (waiting or 0) >= MAX_PENDING_SUGGESTIONS:
        raise TooManySuggestionsError()
    suggestion = TranslationSuggestion(
        item_id=item.id,
        language=language,
        field=text_field,
        text=suggested,
        visitor_id=visitor_id,
        state=SuggestionState.pending,
    )
    session.add(suggestion)
    await session.flush()
    log.info("content.suggested", suggestion_id=str(suggestion.id), item_id=str(item.id))
    return suggestion


@dataclass(frozen=True)
class SuggestionView:
    """A suggestion with what a moderator compares it to: the source and the current text."""

    suggestion: TranslationSuggestion
    source_language: str
    source_text: str
    current_text: str | None
    current_provenance: Provenance | None


def _moderated_by(
    servicer_id: uuid.UUID | None,
) -> Select[TranslationSuggestion, ContentItem]:
    """Suggestions a moderator may decide: on the servicer's items, or every one for the
    operator (``servicer_id`` None)."""
    query = select(TranslationSuggestion, ContentItem).join(
        ContentItem, ContentItem.id == TranslationSuggestion.item_id
    )
    if servicer_id is not None:
        query = query.where(ContentItem.servicer_id == servicer_id)
    return query.options(selectinload(ContentItem.translations))


def _view(suggestion: TranslationSuggestion, item: ContentItem) -> SuggestionView:
    current = next(
        (
            row
            for row in item.translations
            if row.language == suggestion.language and row.field == suggestion.field
        ),
        None,
    )
    return SuggestionView(
        suggestion,
        item.source_language,
        item.source_text(suggestion.field),
        current.text if current else None,
        current.provenance if current else None,
    )


async def suggestions(
    session: AsyncSession,
    *,
    servicer_id: uuid.UUID | None,
    state: SuggestionState | None = SuggestionState.pending,
) -> list[SuggestionView]:
    """Suggestions for a moderator (see :func:`_moderated_by`), oldest first."""
    query = _moderated_by(servicer_id).order_by(
        TranslationSuggestion.created_at, TranslationSuggestion.id
    )
    if state is not None:
        query = query.where(TranslationSuggestion.state == state)
    return [_view(suggestion, item) for suggestion, item in (await session.execute(query)).all()]


async def decide(
    session: AsyncSession,
    suggestion_id: uuid.UUID,
    *,
    accept: bool,
    actor: str,
    servicer_id: uuid.UUID | None,
) -> SuggestionView:
    """Accept or reject a pending suggestion. Accepted, it becomes the field's translation
    (provenance ``visitor_suggestion``, approved by ``actor``) and enters the bank as the
    servicer's own segment. ``servicer_id`` None: the operator deciding."""
    found = (
        await session.execute(
            _moderated_by(servicer_id).where(TranslationSuggestion.id == suggestion_id)
        )
    ).first()
    if found is None:
        raise SuggestionNotFoundError()
    suggestion, item = found
    if suggestion.state is not SuggestionState.pending:
        raise SuggestionDecidedError()
    now = datetime.now(UTC)
    if accept:
        source = item.source_text(suggestion.field)
        segment_id = await translation.remember(
            session,
            Segment(item.source_language, source, suggestion.language, suggestion.text),
            licence=CONTRIBUTOR_ONLY,
            servicer_id=item.servicer_id,
            origin=SegmentOrigin.visitor_suggestion,
            source=f"suggestion:{suggestion.id}",
        )
        _set(
            _row(item, suggestion.language, suggestion.field),
            text=suggestion.text,
            provenance=Provenance.visitor_suggestion,
            approved_by=actor,
            segment_id=segment_id,
            now=now,
        )
    suggestion.state = SuggestionState.accepted if accept else SuggestionState.rejected
    suggestion.decided_by = actor
    suggestion.decided_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action=f"content.suggestion_{suggestion.state}",
        target=f"suggestion:{suggestion.id}",
        details={"item_id": str(item.id), "language": suggestion.language},
    )
    return _view(suggestion, item)


# --- Events across servicers, and signage taps ---------------------------------------------


def readable_in(item: ContentItem, languages: Sequence[str]) -> str | None:
    """The first of ``languages`` the item's title reads in (its own, or a translation)."""
    for language in languages:
        shown_title = shown(item, "title", language)
        if shown_title is not None and shown_title.language == language:
            return language
    return None


@dataclass(frozen=True)
class EventListing:
    item: ContentItem
    servicer_name: str


async def upcoming_events(
    session: AsyncSession,
    *,
    tag: str | None = None,
    now: datetime | None = None,
    limit: int = 200,
) -> list[EventListing]:
    """Events of every approved servicer that have not ended, soonest first."""
    moment = now or datetime.now(UTC)
    query = (
        _published()
        .add_columns(Servicer.name)
        .where(
            ContentItem.kind == ContentKind.event,
            func.coalesce(ContentItem.ends_at, ContentItem.starts_at) >= moment,
        )
        .order_by(ContentItem.starts_at, ContentItem.id)
        .limit(limit)
    )
    if tag is not None:
        query = query.where(ContentItem.tags.contains([tag]))
    return [EventListing(item, name) for item, name in (await session.execute(query)).all()]


@dataclass(frozen=True)
class Tap:
    """A visitor's guidance look-up at a signage terminal: what the screen may show them.
    ``accessibility_needs`` holds only what the visitor consented to disclose there."""

    entry_id: int
    language: str
    accessibility_needs: list[str]


async def last_tap_id(session: AsyncSession, terminal_id: uuid.UUID) -> int:
    """The newest access-log entry of the terminal (0 when none): a screen shows taps after it."""
    newest = await session.scalar(access_log.newest_line_of_terminal(terminal_id))
    return newest or 0


async def taps_since(
    session: AsyncSession,
    keyring: Keyring,
    servicer_id: uuid.UUID,
    terminal_id: uuid.UUID,
    after_id: int,
) -> list[Tap]:
    """Guidance look-ups at the servicer's terminal after entry ``after_id``, oldest first.

    The screen is that terminal's own display: it shows what the look-up disclosed to it (the
    visitor's language, and their accessibility needs if they consented), nothing more."""
    lines = access_log.terminal_lines_after(
        servicer_id, terminal_id, PurposeKey.guidance, after_id
    ).subquery()
    entries = await session.execute(
        select(lines.c.id, lines.c.visitor_id, lines.c.attribute_keys)
        .join(Visitor, Visitor.id == lines.c.visitor_id)
        .where(visitors_queries.live())  # an erased visitor is gone from the screen too
        .order_by(lines.c.id)
        .limit(10)
    )
    taps = []
    for entry_id, visitor_id, keys in entries.all():
        visitor = await visitors.get(session, visitor_id)
        needs: list[str] = []
        if "accessibility_needs" in keys:
            profile = await visitors.read_profile(
                session, keyring, visitor_id, keys=("accessibility_needs",)
            )
            needs = list(profile.get("accessibility_needs") or [])
        taps.append(Tap(entry_id, visitor.language, needs))
    return taps


async def translation_statistics(session: AsyncSession) -> list[translation.PairStatistics]:
    """The translation bank's statistics per language pair, with how content was translated
    (per provenance; never translated counts as needing translation)."""
    made = await session.execute(
        select(
            ContentItem.source_language,
            ContentTranslation.language,
            ContentTranslation.provenance,
            func.count(),
        )
        .join(ContentItem, ContentItem.id == ContentTranslation.item_id)
        .group_by(
            ContentItem.source_language, ContentTranslation.language, ContentTranslation.provenance
        )
    )
    return await translation.statistics(session, made.all())
