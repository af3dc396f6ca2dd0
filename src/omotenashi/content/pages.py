"""Content pages. For visitors: a restaurant's menu sorted for them, event information, and a
better translation suggested from any text they read. For a servicer's administrator: items
with every provenance, dishes and their tags, the translation chain, post-editing and the
visitors' suggestions. For the operator: the translation bank's statistics and moderation. For
a terminal's screen: signage that speaks the language of whoever taps."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import structlog
from babel.lists import format_list
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from omotenashi import i18n, web
from omotenashi.alerts import reading as alerts
from omotenashi.auth.dependencies import (
    ForOperators,
    ForServicerAdmins,
    ForServicerStaff,
    PageStaff,
    PageVisitor,
    page_principal,
    page_staff_holding,
)
from omotenashi.auth.service import StaffPrincipal, VisitorPrincipal
from omotenashi.clients import service as clients
from omotenashi.content import dietary, service
from omotenashi.content.dietary import Presence
from omotenashi.content.errors import InvalidContentError, TooManySuggestionsError
from omotenashi.content.models import ContentItem, ContentKind, ContentTranslation, TextField
from omotenashi.db import OpenSession
from omotenashi.deps import Session, SessionSource, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.japan import JST
from omotenashi.security.encryption import Keyring
from omotenashi.servicers import service as servicers
from omotenashi.staff.models import Role
from omotenashi.text import Text
from omotenashi.translation.dependencies import TranslationChain
from omotenashi.translation.models import Provenance
from omotenashi.visitors import catalogue, display
from omotenashi.visitors import service as visitors

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
admin_forms = web.form_router(ForServicerAdmins)
admin_pages = web.page_router(ForServicerAdmins)
forms = web.form_router()
member_pages = web.page_router(ForServicerStaff)
operator_forms = web.form_router(ForOperators)
operator_pages = web.page_router(ForOperators)
log = structlog.get_logger(__name__)

CONTAINS = N_("Contains: %(items)s")
MAY_CONTAIN = N_("May contain: %(items)s")
NOT_MEETING = N_("Not suitable for: %(items)s")
NOT_KNOWN = N_("Not known: %(items)s")
THANKS = N_("Thank you. The business will check your suggestion.")
WRITE_FIRST = N_("Write a translation of at most 5,000 characters.")
SAME_TEXT = N_("This is the translation shown now.")
OWN_LANGUAGE = N_("This text is already in your language.")
TOO_MANY = N_("You have many suggestions waiting. Try again after some are checked.")


def _keyring(request: Request) -> Keyring:
    return platform_keys(request).keyring


# --- Texts as a visitor reads them --------------------------------------------------------------


@dataclass(frozen=True)
class TextView:
    """One text of an item for a reader: in their language with how it was made, or the
    item's own text plainly marked as not translated."""

    item_id: uuid.UUID
    field: TextField
    text: str
    language: str  # of the text shown
    machine: bool
    untranslated: bool
    suggestible: bool  # the reader may offer a (better) translation into their language


def _text_view(item: ContentItem, field: TextField, language: str) -> TextView | None:
    shown = service.shown(item, field, language)
    if shown is None:
        return None
    return TextView(
        item_id=item.id,
        field=field,
        text=shown.text,
        language=shown.language,
        machine=shown.machine_translated,
        untranslated=not shown.translated and shown.language != language,
        suggestible=item.source_language != language,
    )


def _names(labels: Sequence[str], language: i18n.Language) -> str:
    return format_list(list(labels), locale=i18n.babel_locale(language.code))


# --- My menu ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DishView:
    id: uuid.UUID
    title: TextView
    body: TextView | None
    reasons: list[str]  # what keeps it from fitting, in the reader's words


def _reasons(assessment: dietary.Assessment, language: i18n.Language) -> list[str]:
    contains: list[str] = []
    may_contain: list[str] = []
    not_meeting: list[str] = []
    for finding in assessment.conflicts:
        label = dietary.finding_label(finding, language.code)
        if finding.value == "may_contain":
            may_contain.append(label)
        elif finding.value in ("contains", "yes"):
            contains.append(label)
        else:  # a promise the dish does not keep ("vegan": no)
            not_meeting.append(label)
    if contains or may_contain:  # "contains pork" says enough; "not vegan" follows from it
        not_meeting = []
    unknown = (
        [dietary.finding_label(f, language.code) for f in assessment.unknown]
        if assessment.verdict is dietary.Verdict.unknown
        else []
    )
    return [
        web.gettext(language, message) % {"items": _names(labels, language)}
        for message, labels in (
            (CONTAINS, contains),
            (MAY_CONTAIN, may_contain),
            (NOT_MEETING, not_meeting),
            (NOT_KNOWN, unknown),
        )
        if labels
    ]


def _dish_view(dish: service.MenuDish, language: i18n.Language) -> DishView:
    title = _text_view(dish.item, "title", language.code)
    assert title is not None  # every item has a title
    return DishView(
        id=dish.item.id,
        title=title,
        body=_text_view(dish.item, "body", language.code),
        reasons=_reasons(dish.assessment, language),
    )


@router.get("/menus/{servicer_id}", response_class=HTMLResponse)
async def my_menu(
    servicer_id: uuid.UUID, request: Request, session: Session, me: PageVisitor
) -> Response:
    """A restaurant's menu for the signed-in visitor (from its table QR code, or from the
    access log after a food-service look-up), sorted by their own profile."""
    language = web.request_language(request)
    menu = await service.my_menu(session, _keyring(request), me.visitor_id, servicer_id)
    restaurant = await servicers.get(session, servicer_id)
    avoiding = dietary.avoidances(menu.dietary_needs, menu.allergens, language.code)
    context = {
        "restaurant": restaurant,
        "avoiding": [*avoiding.dietary_needs, *avoiding.allergens],
        "groups": [
            ("fits", N_("Fits you"), [_dish_view(d, language) for d in menu.fits]),
            (
                "avoid",
                N_("Contains something you avoid"),
                [_dish_view(d, language) for d in menu.avoid],
            ),
            (
                "unknown",
                N_("Not enough information"),
                [_dish_view(d, language) for d in menu.unknown],
            ),
        ],
        "back": request.url.path,
    }
    return web.render(request, "content/menu.html", context)


# --- Suggestions --------------------------------------------------------------------------------


@forms.post("/suggestions", response_class=HTMLResponse)
async def suggest(
    request: Request,
    session: Session,
    me: PageVisitor,
    item_id: Annotated[uuid.UUID, Form()],
    field: Annotated[Text, Form(max_length=16)],
    text: Annotated[Text, Form(max_length=10_000)] = "",
    back: Annotated[Text, Form(max_length=500)] = "",
) -> Response:
    language = web.request_language(request)
    problem: str | None = None
    try:
        await service.suggest(session, me.visitor_id, item_id, language.code, field, text)
    except InvalidContentError as invalid:
        codes = {error.code for error in invalid.fields}
        problem = (
            SAME_TEXT
            if "unchanged" in codes
            else OWN_LANGUAGE
            if "same_language" in codes
            else WRITE_FIRST
        )
    except TooManySuggestionsError:
        problem = TOO_MANY
    context = {"message": problem or THANKS, "problem": problem is not None}
    context["back"] = web.safe_next(back, "/me")
    return web.render(request, "content/suggested.html", context, 422 if problem else 200)


# --- Events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventView:
    id: uuid.UUID
    organiser: str
    title: TextView
    body: TextView | None
    venue: TextView | None
    starts: str
    ends: str | None
    starts_at: datetime
    tags: list[str]


async def _reader(request: Request, session: Session) -> VisitorPrincipal | None:
    principal = await page_principal(request, session)
    if isinstance(principal, VisitorPrincipal):
        request.state.visitor = principal
        return principal
    return None


@router.get("/events", response_class=HTMLResponse)
async def events(
    request: Request,
    session: Session,
    tag: Annotated[str | None, Query(max_length=32)] = None,
    every: Annotated[bool, Query(alias="all")] = False,
) -> Response:
    """Event information: anyone may read it; a signed-in visitor sees first the events they
    can read in one of their languages."""
    language = web.request_language(request)
    me = await _reader(request, session)
    upcoming = await service.upcoming_events(session)
    listing = [event for event in upcoming if tag is None or tag in event.item.tags]
    readable = [language.code]
    if me is not None:
        profile = await visitors.read_profile(
            session, _keyring(request), me.visitor_id, keys=("preferred_languages",)
        )
        readable += [code for code in profile.get("preferred_languages") or [] if code]
    tags = sorted({t for event in upcoming for t in event.item.tags})
    shown, hidden = [], 0
    for event in listing:
        if me is not None and not every and service.readable_in(event.item, readable) is None:
            hidden += 1
            continue
        item = event.item
        title = _text_view(item, "title", language.code)
        assert title is not None  # every item has a title
        assert item.starts_at is not None  # and every event a start
        shown.append(
            EventView(
                id=item.id,
                organiser=event.servicer_name,
                title=title,
                body=_text_view(item, "body", language.code),
                venue=_text_view(item, "venue", language.code),
                starts=web.when(item.starts_at, language),
                ends=web.when(item.ends_at, language) if item.ends_at else None,
                starts_at=item.starts_at,
                tags=list(item.tags),
            )
        )
    context = {"events": shown, "hidden": hidden, "tags": tags, "tag": tag, "back": "/events"}
    return web.render(request, "content/events.html", context)


# --- A servicer's console: items, tags, translation, post-editing, suggestions ---------------

KINDS = {
    "dish": N_("Dish"),
    "notice": N_("Notice"),
    "signage": N_("Signage slide"),
    "event": N_("Event"),
}
PROVENANCES = {
    "tm_exact": N_("Memory, exact match"),
    "tm_fuzzy": N_("Memory, similar text"),
    "machine": N_("Machine translation"),
    "human": N_("Edited by a person"),
    "visitor_suggestion": N_("Visitor's suggestion, accepted"),
    "needs_translation": N_("Not translated yet"),
}
PRESENCES = {
    "contains": N_("Contains"),
    "may_contain": N_("May contain"),
    "free": N_("Does not contain"),
    "unknown": N_("Unknown"),
}
ANSWERS = {"yes": N_("Yes"), "no": N_("No"), "unknown": N_("Unknown")}
ITEM_MESSAGES = {
    "title": N_("Give a title of at most 200 characters."),
    "body": N_("This text is too long."),
    "venue": N_("This text is too long."),
    "starts_at": N_("Give the start as a date and time."),
    "ends_at": N_("Give the end as a date and time after the start."),
    "tags": N_("Tags are lower-case letters, digits, - or _, separated by spaces."),
    "text": WRITE_FIRST,
    "languages": N_("Choose at least one other language."),
    "form": N_("Some values are not valid. Reload the page and try again."),
}
SAVED = {
    "item": N_("Saved. Changed texts need translating again."),
    "translated": N_("Translated where memory or the machine could."),
    "edited": N_("Translation saved; it is also in your translation memory now."),
}
FIELD_NAMES = {"title": N_("Title"), "body": N_("Text"), "venue": N_("Venue")}


def _content_admin(me: PageStaff) -> uuid.UUID:
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


def _errors(problem: InvalidContentError, language: i18n.Language) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in problem.fields:
        name = error.field.split("[")[0].split(".")[0]
        message = ITEM_MESSAGES.get(name)
        if message is not None:
            errors[name] = web.gettext(language, message)
        else:  # fields the form does not let a person type (tags of a dish, a language)
            errors.setdefault("form", web.gettext(language, ITEM_MESSAGES["form"]))
    return errors


def _japan_time(
    value: str, name: str, errors: dict[str, str], language: i18n.Language
) -> datetime | None:
    """A ``datetime-local`` field, read as Japan time; None when empty."""
    if not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=JST)
    except ValueError:
        errors[name] = web.gettext(language, ITEM_MESSAGES[name])
        return None


def _local(value: datetime | None) -> str:
    return value.astimezone(JST).strftime("%Y-%m-%dT%H:%M") if value else ""


@dataclass(frozen=True)
class RowView:
    language: str
    language_name: str
    field: str
    text: str | None
    provenance: str
    detail: str | None  # the score, the engine, or who edited or approved


def _row_view(row: ContentTranslation, language: i18n.Language) -> RowView:
    detail = None
    if row.provenance is Provenance.tm_fuzzy and row.score is not None:
        detail = f"{row.score:.0%}"
    elif row.provenance is Provenance.machine:
        detail = row.engine
    elif row.provenance is Provenance.human:
        detail = row.edited_by
    elif row.provenance is Provenance.visitor_suggestion:
        detail = row.approved_by
    return RowView(
        language=row.language,
        language_name=display.language_name(row.language, language.code),
        field=row.field,
        text=row.text,
        provenance=str(row.provenance) if row.provenance else "needs_translation",
        detail=detail,
    )


def _provenance_counts(item: ContentItem) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for row in item.translations:
        key = str(row.provenance) if row.provenance else "needs_translation"
        counts[key] = counts.get(key, 0) + 1
    return [(key, counts[key]) for key in PROVENANCES if key in counts]


def _suggestion_views(views: list[service.SuggestionView], language: i18n.Language) -> list[Any]:
    return [
        {
            "id": view.suggestion.id,
            "language": display.language_name(view.suggestion.language, language.code),
            "field": view.suggestion.field,
            "source": view.source_text,
            "source_language": view.source_language,
            "current": view.current_text,
            "provenance": str(view.current_provenance) if view.current_provenance else None,
            "text": view.suggestion.text,
            "text_language": view.suggestion.language,
        }
        for view in views
    ]


async def _content_console(
    request: Request,
    session: Session,
    servicer_id: uuid.UUID,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    language = web.request_language(request)
    items = await service.items_of(session, servicer_id)
    context = {
        "items": [(item, _provenance_counts(item)) for item in items],
        "suggestions": _suggestion_views(
            await service.suggestions(session, servicer_id=servicer_id), language
        ),
        "terminals": await clients.live_terminals(session, servicer_id),
        "menu_link": f"{request.base_url}menus/{servicer_id}",
        "kinds": KINDS,
        "provenances": PROVENANCES,
        "fields": FIELD_NAMES,
        "errors": errors or {},
        "form": form or {},
        "action": "/console/content",
    }
    return web.render(request, "content/console.html", context, 422 if errors else 200)


@admin_pages.get("/console/content", response_class=HTMLResponse)
async def content_console(request: Request, session: Session, me: PageStaff) -> Response:
    return await _content_console(request, session, _content_admin(me))


def _tags(value: str) -> list[str]:
    return [tag for tag in value.replace(",", " ").split() if tag]


@admin_forms.post("/console/content", response_class=HTMLResponse)
async def create_item(
    request: Request,
    session: Session,
    me: PageStaff,
    kind: Annotated[ContentKind, Form()],
    title: Annotated[Text, Form(max_length=1000)] = "",
    body: Annotated[Text, Form(max_length=10_000)] = "",
    venue: Annotated[Text, Form(max_length=1000)] = "",
    starts_at: Annotated[Text, Form(max_length=40)] = "",
    ends_at: Annotated[Text, Form(max_length=40)] = "",
    tags: Annotated[Text, Form(max_length=1000)] = "",
) -> Response:
    servicer_id = _content_admin(me)
    language = web.request_language(request)
    errors: dict[str, str] = {}
    event = kind is ContentKind.event
    draft = service.Draft(
        kind=kind,
        title=title,
        body=body,
        venue=(venue or None) if event else None,
        starts_at=_japan_time(starts_at, "starts_at", errors, language) if event else None,
        ends_at=_japan_time(ends_at, "ends_at", errors, language) if event else None,
        tags=_tags(tags) if kind in (ContentKind.event, ContentKind.signage) else (),
    )
    if not errors:
        try:
            item = await service.create_item(session, servicer_id, draft, actor=me.actor)
        except InvalidContentError as problem:
            errors = _errors(problem, language)
        else:
            return web.redirect(f"/console/content/{item.id}")
    typed = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    return await _content_console(request, session, servicer_id, errors, typed)


async def _item_page(
    request: Request,
    session: Session,
    servicer_id: uuid.UUID,
    item_id: uuid.UUID,
    errors: dict[str, str] | None = None,
    saved: str | None = None,
    typed: dict[str, str] | None = None,
) -> Response:
    language = web.request_language(request)
    item = await service.item_of(session, servicer_id, item_id)
    today = datetime.now(UTC).date()
    rows = sorted(item.translations, key=lambda row: (row.language, row.field))
    context = {
        "item": item,
        "kinds": KINDS,
        "provenances": PROVENANCES,
        "presences": PRESENCES,
        "answers": ANSWERS,
        "fields": FIELD_NAMES,
        "text_fields": [f for f in service.FIELDS_OF[item.kind] if item.source_text(f)],
        "allergens": service.allergen_tags(item, language.code, today)
        if item.kind is ContentKind.dish
        else [],
        "diet": service.diet_tags(item, language.code) if item.kind is ContentKind.dish else [],
        "rows": [_row_view(row, language) for row in rows],
        "targets": [
            (other.code, other.native_name)
            for other in i18n.LANGUAGES
            if other.code != item.source_language
        ],
        "typed": {
            "title": item.title,
            "body": item.body,
            "venue": item.venue or "",
            "starts_at": _local(item.starts_at),
            "ends_at": _local(item.ends_at),
            "tags": " ".join(item.tags),
            **(typed or {}),  # what the person typed, when it could not be saved
        },
        "errors": errors or {},
        "saved": saved,
        "saved_messages": SAVED,
    }
    return web.render(request, "content/item.html", context, 422 if errors else 200)


@admin_pages.get("/console/content/{item_id}", response_class=HTMLResponse)
async def item_page(
    item_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    saved = request.query_params.get("saved")
    return await _item_page(
        request, session, _content_admin(me), item_id, saved=saved if saved in SAVED else None
    )


@admin_forms.post("/console/content/{item_id}", response_class=HTMLResponse)
async def update_item(
    item_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    servicer_id = _content_admin(me)
    language = web.request_language(request)
    item = await service.item_of(session, servicer_id, item_id)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    errors: dict[str, str] = {}
    changes: dict[str, Any] = {"title": form.get("title", ""), "body": form.get("body", "")}
    try:
        changes["position"] = max(0, min(int(form.get("position") or 0), 100_000))
    except ValueError:
        changes["position"] = item.position
    if item.kind is ContentKind.event:
        changes["venue"] = form.get("venue", "").strip() or None
        changes["starts_at"] = _japan_time(form.get("starts_at", ""), "starts_at", errors, language)
        changes["ends_at"] = _japan_time(form.get("ends_at", ""), "ends_at", errors, language)
    if item.kind in (ContentKind.event, ContentKind.signage):
        changes["tags"] = _tags(form.get("tags", ""))
    if item.kind is ContentKind.dish:
        changes["allergens"] = {
            key.removeprefix("allergen."): Presence(value)
            for key, value in form.items()
            if key.startswith("allergen.") and value in Presence.__members__
        }
        changes["diet"] = {
            key.removeprefix("diet."): value == "yes"
            for key, value in form.items()
            if key.startswith("diet.") and value in ("yes", "no")
        }
    if not errors:
        try:
            await service.update_item(session, servicer_id, item_id, changes, actor=me.actor)
        except InvalidContentError as problem:
            errors = _errors(problem, language)
        else:
            return web.redirect(f"/console/content/{item_id}?saved=item")
    return await _item_page(request, session, servicer_id, item_id, errors, typed=form)


@admin_forms.post("/console/content/{item_id}/translate", response_class=HTMLResponse)
async def translate_item(
    item_id: uuid.UUID,
    request: Request,
    session: Session,
    me: PageStaff,
    chain: TranslationChain,
    languages: Annotated[list[Text] | None, Form()] = None,
) -> Response:
    servicer_id = _content_admin(me)
    language = web.request_language(request)
    if not languages:
        errors = {"languages": web.gettext(language, ITEM_MESSAGES["languages"])}
        return await _item_page(request, session, servicer_id, item_id, errors)
    try:
        await service.translate_item(
            session, chain, servicer_id, item_id, languages, actor=me.actor
        )
    except InvalidContentError:
        errors = {"languages": web.gettext(language, ITEM_MESSAGES["languages"])}
        return await _item_page(request, session, servicer_id, item_id, errors)
    return web.redirect(f"/console/content/{item_id}?saved=translated#translations")


@admin_forms.post("/console/content/{item_id}/translations", response_class=HTMLResponse)
async def post_edit(
    item_id: uuid.UUID,
    request: Request,
    session: Session,
    me: PageStaff,
    language: Annotated[Text, Form(max_length=16)],
    field: Annotated[Text, Form(max_length=16)],
    text: Annotated[Text, Form(max_length=10_000)] = "",
) -> Response:
    servicer_id = _content_admin(me)
    try:
        await service.post_edit(
            session, servicer_id, item_id, language, field, text, actor=me.actor
        )
    except InvalidContentError:
        errors = {"text": web.gettext(web.request_language(request), ITEM_MESSAGES["text"])}
        return await _item_page(request, session, servicer_id, item_id, errors)
    return web.redirect(f"/console/content/{item_id}?saved=edited#translations")


@admin_forms.post("/console/content/{item_id}/delete", response_class=HTMLResponse)
async def delete_item(item_id: uuid.UUID, session: Session, me: PageStaff) -> Response:
    await service.delete_item(session, _content_admin(me), item_id, actor=me.actor)
    return web.redirect("/console/content")


@admin_forms.post("/console/suggestions/{suggestion_id}", response_class=HTMLResponse)
async def decide_suggestion(
    suggestion_id: uuid.UUID,
    session: Session,
    me: PageStaff,
    accept: Annotated[bool, Form()],
) -> Response:
    servicer_id = _content_admin(me)
    await service.decide(
        session, suggestion_id, accept=accept, actor=me.actor, servicer_id=servicer_id
    )
    return web.redirect("/console/content#suggestions")


# --- The operator: the translation bank and moderation of every servicer's suggestions ---------

ORIGINS = {
    "tmx_import": N_("TMX import"),
    "contribution": N_("Contribution"),
    "human_edit": N_("Edited by a person"),
    "visitor_suggestion": N_("Visitor's suggestion, accepted"),
}


@operator_pages.get("/operator/translation-bank", response_class=HTMLResponse)
async def translation_bank(request: Request, session: Session) -> Response:
    language = web.request_language(request)
    context = {
        "pairs": await service.translation_statistics(session),
        "suggestions": _suggestion_views(
            await service.suggestions(session, servicer_id=None), language
        ),
        "origins": ORIGINS,
        "provenances": PROVENANCES,
    }
    return web.render(request, "content/bank.html", context)


@operator_forms.post("/operator/suggestions/{suggestion_id}", response_class=HTMLResponse)
async def operator_decides(
    suggestion_id: uuid.UUID,
    session: Session,
    me: PageStaff,
    accept: Annotated[bool, Form()],
) -> Response:
    await service.decide(session, suggestion_id, accept=accept, actor=me.actor, servicer_id=None)
    return web.redirect("/operator/translation-bank#suggestions")


# --- Signage: a terminal's screen that speaks the language of whoever taps -----------------------

ROTATION = ("ja", "en", "zh-Hans", "ko")  # first; then every language a slide is in
HOLD_SECONDS = 30  # how long a tap keeps the screen in the visitor's language, by default
SLIDE_SECONDS = 8
POLL_SECONDS = 1.0
STREAM_SECONDS = 300.0  # then the browser reconnects (EventSource does so by itself)
WELCOME = N_("Welcome. This screen is in your language for a moment.")


def _signage_staff(me: StaffPrincipal) -> uuid.UUID:
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


def _slides(
    items: Sequence[ContentItem], language: str, *, shown_untranslated: bool
) -> list[tuple[TextView, TextView | None]]:
    slides = []
    for item in items:
        title = _text_view(item, "title", language)
        if title is None or (title.untranslated and not shown_untranslated):
            continue
        slides.append((title, _text_view(item, "body", language)))
    return slides


@member_pages.get("/signage/{terminal_id}", response_class=HTMLResponse)
async def signage(
    terminal_id: uuid.UUID,
    request: Request,
    session: Session,
    me: PageStaff,
    hold: Annotated[int, Query(ge=5, le=600)] = HOLD_SECONDS,
) -> Response:
    """Full screen: the servicer's signage slides rotating through the languages they are
    translated into; a visitor's guidance look-up at this terminal turns it to their
    language and needs for ``hold`` seconds."""
    servicer_id = _signage_staff(me)
    terminal = await clients.desk_terminal(session, servicer_id, terminal_id)
    place = (await servicers.get(session, servicer_id)).municipality_code
    in_force = await alerts.current_in_area(session, municipality=place) if place else []
    items = await service.published(session, servicer_id, ContentKind.signage)
    default = [item for item in items if not item.tags]
    rotation = [
        (i18n.BY_CODE[code], _slides(default or items, code, shown_untranslated=False))
        for code in dict.fromkeys((*ROTATION, *(other.code for other in i18n.LANGUAGES)))
    ]
    context = {
        "terminal": terminal,
        # An official alert for the screen's area takes the screen, in every language shown.
        "alerts": [
            (lang, [alerts.rendering(alert, lang.code) for alert in in_force])
            for lang in dict.fromkeys(
                [web.request_language(request), *(lang for lang, _ in rotation)]
            )
        ]
        if in_force
        else [],
        "alerts_url": f"/v1/alerts?municipality={place}" if place else "",
        "alert_ids": " ".join(str(alert.id) for alert in in_force),
        "rotation": [(lang, slides) for lang, slides in rotation if slides],
        "hold": hold,
        "slide_seconds": SLIDE_SECONDS,
        "marks": {
            lang.code: i18n.translations(lang.code).gettext("Machine-translated")
            for lang, _ in rotation
        },
    }
    return web.render(request, "content/signage.html", context)


def _tap_fragment(request: Request, items: Sequence[ContentItem], tap: service.Tap) -> str:
    """What the screen shows the visitor who tapped, rendered in their language: the slides
    for their needs (tagged with one), then the others."""
    language = i18n.match_tag(tap.language) or i18n.DEFAULT
    needs = set(tap.accessibility_needs)
    for_them = [item for item in items if needs & set(item.tags)]
    general = [item for item in items if not item.tags]
    translations = i18n.translations(language.code)
    environment = request.app.state.templates
    return str(
        environment.get_template("content/signage_tap.html").render(
            {
                "language": language,
                "_": translations.gettext,
                "gettext": translations.gettext,
                "ngettext": translations.ngettext,
                "welcome": WELCOME,
                "needs": [
                    term.label(language.code)
                    for term in catalogue.ACCESSIBILITY_NEEDS
                    if term.key in needs
                ],
                "slides": _slides([*for_them, *general], language.code, shown_untranslated=True),
            }
        )
    )


async def _tap_events(
    request: Request,
    open_session: OpenSession,
    servicer_id: uuid.UUID,
    terminal_id: uuid.UUID,
    after: int,
) -> AsyncIterator[str]:
    keyring = _keyring(request)
    ended = "disconnected"  # the server cancels the stream when the screen goes away
    try:
        yield "retry: 3000\n\n"
        deadline = asyncio.get_running_loop().time() + STREAM_SECONDS
        while asyncio.get_running_loop().time() < deadline:
            if await request.is_disconnected():
                return
            async with open_session() as session:
                taps = await service.taps_since(session, keyring, servicer_id, terminal_id, after)
                items = (
                    await service.published(session, servicer_id, ContentKind.signage)
                    if taps
                    else []
                )
                fragments = [(tap, _tap_fragment(request, items, tap)) for tap in taps]
            for tap, fragment in fragments:
                after = tap.entry_id
                data = json.dumps({"language": tap.language, "html": fragment})
                yield f"event: tap\nid: {tap.entry_id}\ndata: {data}\n\n"
            await asyncio.sleep(POLL_SECONDS)
        ended = "time_up"
    finally:
        log.info("signage.stream_ended", terminal_id=str(terminal_id), reason=ended)


@member_pages.get("/signage/{terminal_id}/stream")
async def signage_stream(
    terminal_id: uuid.UUID, request: Request, open_session: SessionSource
) -> Response:
    """Server-sent events: one ``tap`` per guidance look-up at the terminal. It reads the
    database in short transactions of its own, so none stays open while the screen waits;
    it ends when the screen goes away (or after a while, and the screen reconnects)."""
    async with open_session() as session:
        principal = await page_staff_holding(
            request, session, Role.servicer_staff, Role.servicer_admin
        )
        servicer_id = _signage_staff(principal)
        await clients.desk_terminal(session, servicer_id, terminal_id)
        last = request.headers.get("last-event-id", "")
        after = (
            int(last)
            if last.isdigit() and len(last) < 19  # a log entry id (bigint)
            else await service.last_tap_id(session, terminal_id)
        )
    return StreamingResponse(
        _tap_events(request, open_session, servicer_id, terminal_id, after),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


router.include_router(admin_forms)
router.include_router(admin_pages)
router.include_router(forms)
router.include_router(member_pages)
router.include_router(operator_forms)
router.include_router(operator_pages)
