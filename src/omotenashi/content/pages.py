"""Content pages. For visitors: a restaurant's menu sorted for them, event information, and a
better translation suggested from any text they read. For a servicer's administrator: items
with every provenance, dishes and their tags, the translation chain, post-editing and the
visitors' suggestions. For the operator: the translation bank's statistics and moderation. For
a terminal's screen: signage that speaks the language of whoever taps."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from babel.lists import format_list
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, web
from omotenashi.auth.service import VisitorPrincipal
from omotenashi.content import dietary, service
from omotenashi.content.errors import InvalidContentError, TooManySuggestionsError
from omotenashi.content.models import ContentItem, TextField
from omotenashi.deps import Session, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.security.encryption import Keyring
from omotenashi.servicers import service as servicers
from omotenashi.visitors import service as visitors

router = APIRouter(include_in_schema=False)

CONTAINS = N_("Contains: %(items)s")
MAY_CONTAIN = N_("May contain: %(items)s")
NOT_MEETING = N_("Does not meet: %(items)s")
NOT_KNOWN = N_("Not known: %(items)s")
THANKS = N_("Thank you. The business will check your suggestion.")
WRITE_FIRST = N_("Write your translation first (at most 5,000 characters).")
SAME_TEXT = N_("This is the translation shown now.")
OWN_LANGUAGE = N_("This text is already in your language.")
TOO_MANY = N_("You have many suggestions waiting. Try again after some are checked.")


def _keyring(request: Request) -> Keyring:
    return Keyring(platform_keys(request).master)


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
    servicer_id: uuid.UUID, request: Request, session: Session, me: web.PageVisitor
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


@router.post("/suggestions", response_class=HTMLResponse, dependencies=[web.CsrfChecked])
async def suggest(
    request: Request,
    session: Session,
    me: web.PageVisitor,
    item_id: Annotated[uuid.UUID, Form()],
    field: Annotated[str, Form(max_length=16)],
    text: Annotated[str, Form(max_length=10_000)] = "",
    back: Annotated[str, Form(max_length=500)] = "",
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
    principal = await web.page_principal(request, session)
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
    listing = await service.upcoming_events(session, tag=tag)
    readable = [language.code]
    if me is not None:
        profile = await visitors.read_profile(
            session, _keyring(request), me.visitor_id, keys=("preferred_languages",)
        )
        readable += [code for code in profile.get("preferred_languages") or [] if code]
    tags = sorted({t for event in listing for t in event.item.tags})
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
