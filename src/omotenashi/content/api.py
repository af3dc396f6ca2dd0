"""Content routes: a servicer's console (items, tags, translation, post-editing, suggestions),
what anyone reads of an approved servicer, a visitor's own menu, and moderation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from omotenashi import i18n
from omotenashi.auth.dependencies import CurrentOperator, CurrentVisitor
from omotenashi.content import dietary, service
from omotenashi.content.models import (
    ContentItem,
    ContentKind,
    SuggestionState,
    TextField,
    TranslationSuggestion,
)
from omotenashi.content.schemas import (
    AvoidingOut,
    FieldResultOut,
    FindingOut,
    ItemIn,
    ItemOut,
    ItemPatch,
    MenuDishOut,
    ModeratedSuggestionOut,
    MyMenuOut,
    PostEditIn,
    PublicItem,
    PublicListing,
    SuggestionIn,
    SuggestionOut,
    TagOut,
    TextOut,
    TranslatedOut,
    TranslateIn,
)
from omotenashi.deps import Session, platform_keys
from omotenashi.errors import FieldError, ValidationFailedError
from omotenashi.security.encryption import Keyring
from omotenashi.servicers.dependencies import ServicerAdmin
from omotenashi.translation.dependencies import TranslationChain
from omotenashi.translation.schemas import PairStatisticsOut, Share, StatisticsOut

router = APIRouter(prefix="/v1", tags=["content"])

LanguageQuery = Annotated[
    str | None,
    Query(
        max_length=35,
        description="The reader's language (BCP 47); unset: from Accept-Language, else English",
    ),
]


def _keyring(request: Request) -> Keyring:
    return platform_keys(request).keyring


def _reader_language(request: Request, language: str | None) -> str:
    if language is None:
        return i18n.negotiate(accept_language=request.headers.get("accept-language")).code
    matched = i18n.match_tag(language)
    if matched is None:
        raise ValidationFailedError(
            fields=[FieldError("language", "This language is not served.", "unknown_language")]
        )
    return matched.code


# --- Shapes --------------------------------------------------------------------------------


def _text_out(item: ContentItem, field: TextField, language: str) -> TextOut | None:
    shown = service.shown(item, field, language)
    if shown is None:
        return None
    return TextOut(
        text=shown.text,
        language=shown.language,
        translated=shown.translated,
        machine_translated=shown.machine_translated,
    )


def _public_item(item: ContentItem, language: str) -> PublicItem:
    title = _text_out(item, "title", language)
    assert title is not None  # every item has a title
    dish = item.kind is ContentKind.dish
    today = datetime.now(UTC).date()
    return PublicItem(
        id=str(item.id),
        kind=item.kind,
        title=title,
        body=_text_out(item, "body", language),
        venue=_text_out(item, "venue", language),
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        tags=list(item.tags),
        allergens=[
            TagOut(key=t.key, label=t.label, value=t.value)
            for t in service.allergen_tags(item, language, today)
        ]
        if dish
        else None,
        diet=[
            TagOut(key=t.key, label=t.label, value=t.value)
            for t in service.diet_tags(item, language)
        ]
        if dish
        else None,
    )


def _findings(findings: tuple[dietary.Finding, ...], language: str) -> list[FindingOut]:
    return [
        FindingOut(kind=f.kind, key=f.key, label=dietary.finding_label(f, language), value=f.value)
        for f in findings
    ]


def _menu_dish(dish: service.MenuDish, language: str) -> MenuDishOut:
    return MenuDishOut(
        **_public_item(dish.item, language).model_dump(),
        conflicts=_findings(dish.assessment.conflicts, language),
        unknown=_findings(dish.assessment.unknown, language),
    )


def _state(result: service.FieldResult) -> Literal["translated", "needs_translation", "kept"]:
    if result.kept:
        return "kept"
    return "needs_translation" if result.translation.needs_translation else "translated"


def _moderated_out(view: service.SuggestionView) -> ModeratedSuggestionOut:
    suggestion = view.suggestion
    return ModeratedSuggestionOut(
        **SuggestionOut.model_validate(suggestion).model_dump(),
        source_language=view.source_language,
        source_text=view.source_text,
        current_text=view.current_text,
        current_provenance=str(view.current_provenance) if view.current_provenance else None,
        decided_by=suggestion.decided_by,
        decided_at=suggestion.decided_at,
    )


# --- A servicer's console ------------------------------------------------------------------


@router.get(
    "/servicer/content", response_model=list[ItemOut], summary="My content, with every provenance"
)
async def my_content(
    admin: ServicerAdmin, session: Session, kind: ContentKind | None = None
) -> list[ContentItem]:
    """List your dishes, notices, signage slides and events with each text's translations and where
    they came from."""
    return await service.items_of(session, admin.servicer_id, kind)


@router.post(
    "/servicer/content",
    status_code=201,
    response_model=ItemOut,
    summary="Write a dish, notice, signage slide or event in my language",
)
async def create_content(body: ItemIn, admin: ServicerAdmin, session: Session) -> ContentItem:
    """Write a dish, notice, signage slide or event in your own language; translate it afterwards
    with the translate operation."""
    draft = service.Draft(**body.model_dump())
    return await service.create_item(session, admin.servicer_id, draft, actor=admin.actor)


@router.get("/servicer/content/{item_id}", response_model=ItemOut, summary="One of my items")
async def one_content(item_id: uuid.UUID, admin: ServicerAdmin, session: Session) -> ContentItem:
    """Read one of your items with its translations."""
    return await service.item_of(session, admin.servicer_id, item_id)


@router.patch(
    "/servicer/content/{item_id}",
    response_model=ItemOut,
    summary="Change an item; changed texts need translating again",
)
async def change_content(
    item_id: uuid.UUID, body: ItemPatch, admin: ServicerAdmin, session: Session
) -> ContentItem:
    """Change an item; fields left out keep their values. Texts you change lose their translations,
    so translate the item again."""
    item = await service.update_item(
        session,
        admin.servicer_id,
        item_id,
        body.model_dump(exclude_unset=True),
        actor=admin.actor,
    )
    return item


@router.delete("/servicer/content/{item_id}", status_code=204, summary="Delete an item")
async def delete_content(item_id: uuid.UUID, admin: ServicerAdmin, session: Session) -> Response:
    """Delete one of your items; visitors stop seeing it at once."""
    await service.delete_item(session, admin.servicer_id, item_id, actor=admin.actor)
    return Response(status_code=204)


@router.post(
    "/servicer/content/{item_id}/translate",
    response_model=TranslatedOut,
    summary="Translate an item into languages: memory, then the machine engine if configured",
)
async def translate_content(
    item_id: uuid.UUID,
    body: TranslateIn,
    admin: ServicerAdmin,
    session: Session,
    chain: TranslationChain,
) -> TranslatedOut:
    """Translate an item into the languages you name: from the translation memory first, then the
    machine engine where one is configured. Review and post-edit the results."""
    results = await service.translate_item(
        session, chain, admin.servicer_id, item_id, body.languages, actor=admin.actor
    )
    return TranslatedOut(
        item=ItemOut.model_validate(await service.item_of(session, admin.servicer_id, item_id)),
        results=[
            FieldResultOut(
                language=result.translation.language,
                field=result.translation.field,
                state=_state(result),
                provenance=str(result.translation.provenance)
                if result.translation.provenance
                else None,
                score=result.translation.score,
                engine=result.translation.engine,
                reason=result.reason,
            )
            for result in results
        ],
    )


@router.put(
    "/servicer/content/{item_id}/translations/{language}/{field}",
    response_model=ItemOut,
    summary="Post-edit a translation by hand; it also enters the translation bank",
)
async def post_edit(
    item_id: uuid.UUID,
    language: str,
    field: str,
    body: PostEditIn,
    admin: ServicerAdmin,
    session: Session,
) -> ContentItem:
    """Replace one translation of one field by your own wording. It is marked as edited by a person
    and enters the translation bank."""
    await service.post_edit(
        session,
        admin.servicer_id,
        item_id,
        language,
        field,
        body.text,
        licence=body.licence,
        actor=admin.actor,
    )
    return await service.item_of(session, admin.servicer_id, item_id)


@router.get(
    "/servicer/suggestions",
    response_model=list[ModeratedSuggestionOut],
    summary="Visitors' suggestions on my content",
)
async def servicer_suggestions(
    admin: ServicerAdmin, session: Session, state: SuggestionState = SuggestionState.pending
) -> list[ModeratedSuggestionOut]:
    """List visitors' suggestions of better translations of your content, to accept or reject."""
    views = await service.suggestions(session, servicer_id=admin.servicer_id, state=state)
    return [_moderated_out(view) for view in views]


@router.post(
    "/servicer/suggestions/{suggestion_id}/accept",
    response_model=ModeratedSuggestionOut,
    summary="Accept a suggestion: it becomes the translation and enters the bank",
)
async def servicer_accept(
    suggestion_id: uuid.UUID, admin: ServicerAdmin, session: Session
) -> ModeratedSuggestionOut:
    """Accept a visitor's suggestion: it becomes the translation and enters the translation bank."""
    view = await service.decide(
        session, suggestion_id, accept=True, actor=admin.actor, servicer_id=admin.servicer_id
    )
    return _moderated_out(view)


@router.post(
    "/servicer/suggestions/{suggestion_id}/reject",
    response_model=ModeratedSuggestionOut,
    summary="Reject a suggestion",
)
async def servicer_reject(
    suggestion_id: uuid.UUID, admin: ServicerAdmin, session: Session
) -> ModeratedSuggestionOut:
    """Reject a visitor's suggestion; the translation stays as it is."""
    view = await service.decide(
        session, suggestion_id, accept=False, actor=admin.actor, servicer_id=admin.servicer_id
    )
    return _moderated_out(view)


# --- The operator's moderation -------------------------------------------------------------


@router.get(
    "/operator/suggestions",
    response_model=list[ModeratedSuggestionOut],
    summary="Visitors' suggestions on every servicer's content",
)
async def operator_suggestions(
    operator: CurrentOperator,
    session: Session,
    state: SuggestionState = SuggestionState.pending,
) -> list[ModeratedSuggestionOut]:
    """For operators: list visitors' suggestions on every servicer's content."""
    views = await service.suggestions(session, servicer_id=None, state=state)
    return [_moderated_out(view) for view in views]


@router.post(
    "/operator/suggestions/{suggestion_id}/accept",
    response_model=ModeratedSuggestionOut,
    summary="Accept a suggestion on any servicer's content",
)
async def operator_accept(
    suggestion_id: uuid.UUID, operator: CurrentOperator, session: Session
) -> ModeratedSuggestionOut:
    """For operators: accept a suggestion on any servicer's content."""
    view = await service.decide(
        session, suggestion_id, accept=True, actor=operator.actor, servicer_id=None
    )
    return _moderated_out(view)


@router.post(
    "/operator/suggestions/{suggestion_id}/reject",
    response_model=ModeratedSuggestionOut,
    summary="Reject a suggestion on any servicer's content",
)
async def operator_reject(
    suggestion_id: uuid.UUID, operator: CurrentOperator, session: Session
) -> ModeratedSuggestionOut:
    """For operators: reject a suggestion on any servicer's content."""
    view = await service.decide(
        session, suggestion_id, accept=False, actor=operator.actor, servicer_id=None
    )
    return _moderated_out(view)


# --- What anyone reads ---------------------------------------------------------------------


async def _listing(
    request: Request,
    session: Session,
    servicer_id: uuid.UUID,
    kind: ContentKind,
    language: str | None,
    tag: str | None = None,
) -> PublicListing:
    code = _reader_language(request, language)
    items = await service.published(session, servicer_id, kind, tag=tag)
    return PublicListing(
        servicer_id=str(servicer_id),
        language=code,
        items=[_public_item(item, code) for item in items],
    )


@router.get(
    "/servicers/{servicer_id}/menu",
    response_model=PublicListing,
    summary="A servicer's dishes in a language, with allergen and diet tags",
)
async def menu(
    servicer_id: uuid.UUID, request: Request, session: Session, language: LanguageQuery = None
) -> PublicListing:
    """A servicer's menu in the visitor's language, each dish with its allergens and diet tags, for
    a menu screen or app."""
    return await _listing(request, session, servicer_id, ContentKind.dish, language)


@router.get(
    "/servicers/{servicer_id}/notices",
    response_model=PublicListing,
    summary="A servicer's notices in a language",
)
async def notices(
    servicer_id: uuid.UUID, request: Request, session: Session, language: LanguageQuery = None
) -> PublicListing:
    """A servicer's notices in a language, for a screen or app."""
    return await _listing(request, session, servicer_id, ContentKind.notice, language)


@router.get(
    "/servicers/{servicer_id}/events",
    response_model=PublicListing,
    summary="A servicer's events that have not ended, soonest first, in a language",
)
async def events(
    servicer_id: uuid.UUID,
    request: Request,
    session: Session,
    language: LanguageQuery = None,
    tag: Annotated[
        str | None, Query(max_length=32, description="Only events with this tag")
    ] = None,
) -> PublicListing:
    """A servicer's events not yet ended, soonest first, in a language, for a screen or app."""
    return await _listing(request, session, servicer_id, ContentKind.event, language, tag)


# --- The visitor's own ---------------------------------------------------------------------


@router.get(
    "/me/menu/{servicer_id}",
    response_model=MyMenuOut,
    summary="A servicer's menu sorted for my dietary needs and allergies",
    description="Read from my own profile; nothing about me reaches the servicer. A dish "
    "whose tags do not prove it suits me is never in fits.",
)
async def my_menu(
    servicer_id: uuid.UUID,
    me: CurrentVisitor,
    request: Request,
    session: Session,
    language: LanguageQuery = None,
) -> MyMenuOut:
    code = me.language if language is None else _reader_language(request, language)
    menu = await service.my_menu(session, _keyring(request), me.visitor_id, servicer_id)
    avoiding = dietary.avoidances(menu.dietary_needs, menu.allergens, code)
    return MyMenuOut(
        servicer_id=str(servicer_id),
        language=code,
        avoiding=AvoidingOut(dietary_needs=avoiding.dietary_needs, allergens=avoiding.allergens),
        fits=[_menu_dish(dish, code) for dish in menu.fits],
        avoid=[_menu_dish(dish, code) for dish in menu.avoid],
        unknown=[_menu_dish(dish, code) for dish in menu.unknown],
    )


@router.post(
    "/content/{item_id}/suggestions",
    status_code=201,
    response_model=SuggestionOut,
    summary="Suggest a better translation of a text I read",
)
async def suggest(
    item_id: uuid.UUID, body: SuggestionIn, me: CurrentVisitor, session: Session
) -> TranslationSuggestion:
    """Let a visitor suggest a better translation of a text they read; the servicer reviews it."""
    suggestion = await service.suggest(
        session, me.visitor_id, item_id, body.language, body.field, body.text
    )
    return suggestion


# --- The translation bank's statistics, with how content was translated --------------------


@router.get(
    "/operator/translation-bank/statistics",
    response_model=StatisticsOut,
    summary="Per language pair: segments, contributors, and how content was translated",
)
async def bank_statistics(operator: CurrentOperator, session: Session) -> StatisticsOut:
    """For operators: per language pair, how many segments the translation bank holds, from how
    many contributors, and how content was translated."""
    pairs = await service.translation_statistics(session)
    return StatisticsOut(
        pairs=[
            PairStatisticsOut(
                source_lang=pair.source_lang,
                target_lang=pair.target_lang,
                segments=pair.segments,
                contributors=pair.contributors,
                origins=pair.origins,
                translations={
                    key: Share(count=count, share=pair.share(key))
                    for key, count in pair.translations.items()
                },
            )
            for pair in pairs
        ]
    )
