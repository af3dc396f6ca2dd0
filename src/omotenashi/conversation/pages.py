"""The two screens of a conversation at the counter.

Routers by caller: the servicer's counter staff (``/counter/talk/...``), the device that
joined with the counter's code (``/talk/...``), anyone holding a join code, and anyone for the
offline phrasebook. Who may call is each router's dependency; every form post is CSRF-checked
by its router. The pages' script posts the same forms with ``fetch`` and gets 204; without
JavaScript a post answers with the page again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from omotenashi import i18n, web
from omotenashi.auth.dependencies import ForServicerStaff
from omotenashi.clients import service as clients
from omotenashi.clients.errors import ApiClientNotFoundError
from omotenashi.conversation import phrasebook as book
from omotenashi.conversation import service, stream
from omotenashi.conversation.dependencies import (
    SEAT_COOKIE,
    SEAT_PATH,
    ClerkConversation,
    CounterStaff,
    MaybeSeated,
    SeatedConversation,
)
from omotenashi.conversation.errors import JoinCodeInvalidError
from omotenashi.conversation.models import Conversation
from omotenashi.conversation.schemas import Say, Start, Write
from omotenashi.deps import Session, SessionSource, platform_keys
from omotenashi.errors import NotFoundError
from omotenashi.i18n.markers import N_
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.translation.dependencies import TranslationChain

SCENES = {
    book.Scene.general: N_("Everyday"),
    book.Scene.hotel: N_("Hotel desk"),
    book.Scene.shop: N_("Shop till"),
    book.Scene.restaurant: N_("Restaurant"),
    book.Scene.station: N_("Station"),
    book.Scene.information: N_("Tourist information"),
    book.Scene.medical: N_("Medical help"),
    book.Scene.emergency: N_("Emergency"),
    book.Scene.answers: N_("Answers"),
}
SLOTS = {
    book.Slot.price: N_("Amount in yen"),
    book.Slot.time: N_("Time"),
    book.Slot.count: N_("Number"),
    book.Slot.minutes: N_("Minutes"),
    book.Slot.room: N_("Room number"),
    book.Slot.platform: N_("Platform or stop number"),
}
MARKS = {
    service.Mark.phrasebook: N_("Phrasebook"),
    "tm_exact": N_("From translation memory"),
    "tm_fuzzy": N_("From translation memory (close match)"),
    "machine": N_("Machine-translated"),
    service.Mark.needs_translation: N_("Not translated: shown as written"),
}
# The scene a counter's purpose starts the phrasebook at.
PURPOSE_SCENES = {
    PurposeKey.hotel_check_in: book.Scene.hotel,
    PurposeKey.tax_free_sale: book.Scene.shop,
    PurposeKey.payment: book.Scene.shop,
    PurposeKey.food_service: book.Scene.restaurant,
    PurposeKey.guidance: book.Scene.information,
    PurposeKey.event_entry: book.Scene.information,
    PurposeKey.emergency: book.Scene.emergency,
}
# The visitor's answers shown first and largest.
FIRST_ANSWERS = (
    "answers.yes",
    "answers.no",
    "answers.dont_understand",
    "answers.write_it_down",
)
DESK_COOKIE = "omotenashi_desk"  # the counter's chosen terminal (set by resolve.pages)
SCRIPTED = "x-requested-with"  # sent by conversation.js: answer 204, not a page

clerk_pages = web.page_router(ForServicerStaff)
clerk_actions = web.form_router(ForServicerStaff)
visitor_pages = web.page_router()
visitor_actions = web.form_router()
joining = web.page_router()
joining_actions = web.form_router()
anyone = web.page_router()
routers = (
    clerk_pages,
    clerk_actions,
    visitor_pages,
    visitor_actions,
    joining,
    joining_actions,
    anyone,
)


def _labels(language: i18n.Language) -> Callable[[str], str]:
    def label(mark: str) -> str:
        message = MARKS.get(mark, "")
        return web.gettext(language, message) if message else ""

    return label


def _display(phrase: book.Phrase, language: str) -> str:
    """The phrase as a button shows it: its slots left open (…)."""
    text = phrase.text(language) or phrase.text("en") or phrase.texts[book.SOURCE]
    for slot in phrase.slots:
        text = text.replace("{" + slot.value + "}", "…")
    return text


def _phrase_view(phrase: book.Phrase, language: str) -> dict[str, Any]:
    shown_in = language if phrase.text(language) else "en"
    return {
        "id": phrase.id,
        "text": _display(phrase, shown_in),
        "lang": shown_in,
        "slots": [(slot.value, SLOTS[slot]) for slot in phrase.slots],
    }


def _scenes(speaker: book.Speaker, language: str) -> list[tuple[str, str, list[dict[str, Any]]]]:
    by_scene: dict[book.Scene, list[dict[str, Any]]] = {}
    for phrase in book.phrasebook().of(speaker):
        by_scene.setdefault(phrase.scene, []).append(_phrase_view(phrase, language))
    return [(scene.value, SCENES[scene], by_scene[scene]) for scene in SCENES if scene in by_scene]


def _clerk_language(request: Request) -> str:
    """The clerk's phrases in the page's language where the phrasebook is whole in it, else
    in its Japanese source."""
    code = web.request_language(request).code
    return code if not book.phrasebook().missing(code) else book.SOURCE


def _answered(request: Request, back: str) -> Response:
    return Response(status_code=204) if request.headers.get(SCRIPTED) else web.redirect(back)


def _set_seat(request: Request, response: Response, seat: str) -> None:
    response.set_cookie(
        SEAT_COOKIE,
        seat,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=SEAT_PATH,
    )


def _events(
    request: Request,
    open_session: Any,
    conversation_id: uuid.UUID,
    viewer: book.Speaker,
    language: i18n.Language,
    phrase_language: str,
) -> StreamingResponse:
    last = request.headers.get("last-event-id", "")
    after = int(last) if last.isdigit() and len(last) < 19 else 0
    events = stream.watch(
        open_session,
        getattr(request.app.state, "switchboard", None),
        conversation_id,
        viewer,
        phrase_language,
        after,
        _labels(language),
    )
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


# --- The counter's side -------------------------------------------------------------------


@clerk_actions.post("/counter/talk", response_class=HTMLResponse)
async def start(
    request: Request, session: Session, me: CounterStaff, body: Annotated[Start, Form()]
) -> Response:
    """ "Talk" after a resolve: a conversation in the visitor's language."""
    assert me.staff.servicer_id is not None
    terminal_id: uuid.UUID | None = None
    try:
        desk = await clients.desk_terminal(
            session, me.staff.servicer_id, uuid.UUID(request.cookies.get(DESK_COOKIE, ""))
        )
        terminal_id = desk.id
    except (ValueError, ApiClientNotFoundError):
        terminal_id = None
    purpose = next((p for p in PurposeKey if p.value == body.purpose), None)
    started = await service.start(
        session,
        platform_keys(request),
        servicer_id=me.staff.servicer_id,
        terminal_id=terminal_id,
        language=body.language,
        scene=PURPOSE_SCENES.get(purpose, book.Scene.general) if purpose else book.Scene.general,
        subject=body.subject or None,
    )
    return web.redirect(f"/counter/talk/{started.conversation.id}")


@clerk_pages.get("/counter/talk/{conversation_id}", response_class=HTMLResponse)
async def clerk_screen(request: Request, conversation: ClerkConversation) -> Response:
    phrase_language = _clerk_language(request)
    visitor = i18n.BY_CODE[conversation.language]
    context = {
        "conversation": conversation,
        "visitor_language": visitor,
        "scenes": _scenes(book.Speaker.clerk, phrase_language),
        "phrase_language": phrase_language,
        "open_scene": conversation.scene,
        "base": f"/counter/talk/{conversation.id}",
    }
    return web.render(request, "conversation/clerk.html", context)


@clerk_pages.get("/counter/talk/{conversation_id}/stream")
async def clerk_stream(
    request: Request, conversation: ClerkConversation, open_session: SessionSource
) -> Response:
    return _events(
        request,
        open_session,
        conversation.id,
        book.Speaker.clerk,
        web.request_language(request),
        _clerk_language(request),
    )


@clerk_actions.post("/counter/talk/{conversation_id}/invite")
async def invite(request: Request, session: Session, conversation: ClerkConversation) -> Response:
    """A fresh join code for the QR on the counter's screen."""
    code = await service.invite(session, conversation)
    return JSONResponse(
        {
            "url": f"{web.site_url(request)}/talk/join/{code}",
            "seconds": int(service.JOIN_VALID.total_seconds()),
        },
        headers={"Cache-Control": "no-store"},
    )


@clerk_actions.post("/counter/talk/{conversation_id}/say", response_class=HTMLResponse)
async def clerk_says(
    request: Request,
    session: Session,
    conversation: ClerkConversation,
    body: Annotated[Say, Form()],
) -> Response:
    await service.say(session, conversation, book.Speaker.clerk, body.phrase, body.slots())
    return _answered(request, f"/counter/talk/{conversation.id}")


@clerk_actions.post("/counter/talk/{conversation_id}/write", response_class=HTMLResponse)
async def clerk_writes(
    request: Request,
    session: Session,
    conversation: ClerkConversation,
    chain: TranslationChain,
    body: Annotated[Write, Form()],
) -> Response:
    await service.write(session, chain, conversation, book.Speaker.clerk, body.text)
    return _answered(request, f"/counter/talk/{conversation.id}")


@clerk_actions.post("/counter/talk/{conversation_id}/turn", response_class=HTMLResponse)
async def turn_round(request: Request, conversation: ClerkConversation) -> Response:
    """The tablet turned to the visitor: it joins as the visitor's side, in large type."""
    response = web.redirect("/talk?turned=1")
    _set_seat(request, response, service.seat_of(platform_keys(request), conversation))
    return response


@clerk_actions.post("/counter/talk/{conversation_id}/end", response_class=HTMLResponse)
async def clerk_ends(session: Session, conversation: ClerkConversation) -> Response:
    await service.end(session, conversation, book.Speaker.clerk)
    response = web.redirect("/counter")
    response.delete_cookie(SEAT_COOKIE, path=SEAT_PATH)
    return response


# --- The visitor's side -------------------------------------------------------------------


def _visitor_context(request: Request, conversation: Conversation) -> dict[str, Any]:
    language = web.request_language(request)
    answers = [_phrase_view(p, language.code) for p in book.phrasebook().of(book.Speaker.visitor)]
    first = sorted(
        (a for a in answers if a["id"] in FIRST_ANSWERS), key=lambda a: FIRST_ANSWERS.index(a["id"])
    )
    return {
        "conversation": conversation,
        "first_answers": first,
        "more_answers": [a for a in answers if a["id"] not in FIRST_ANSWERS],
        "turned": request.query_params.get("turned") == "1",
        "speech_language": language.code,
    }


@visitor_pages.get("/talk", response_class=HTMLResponse)
async def visitor_screen(request: Request, conversation: MaybeSeated) -> Response:
    if conversation is None:
        return web.render(request, "conversation/ended.html", {}, 200)
    return web.render(request, "conversation/visitor.html", _visitor_context(request, conversation))


@visitor_pages.get("/talk/stream")
async def visitor_stream(
    request: Request, conversation: SeatedConversation, open_session: SessionSource
) -> Response:
    language = web.request_language(request)
    return _events(
        request, open_session, conversation.id, book.Speaker.visitor, language, language.code
    )


@visitor_actions.post("/talk/say", response_class=HTMLResponse)
async def visitor_says(
    request: Request,
    session: Session,
    conversation: SeatedConversation,
    body: Annotated[Say, Form()],
) -> Response:
    await service.say(session, conversation, book.Speaker.visitor, body.phrase, body.slots())
    return _answered(request, "/talk")


@visitor_actions.post("/talk/write", response_class=HTMLResponse)
async def visitor_writes(
    request: Request,
    session: Session,
    conversation: SeatedConversation,
    chain: TranslationChain,
    body: Annotated[Write, Form()],
) -> Response:
    await service.write(session, chain, conversation, book.Speaker.visitor, body.text)
    return _answered(request, "/talk")


@visitor_actions.post("/talk/end", response_class=HTMLResponse)
async def visitor_ends(session: Session, conversation: SeatedConversation) -> Response:
    await service.end(session, conversation, book.Speaker.visitor)
    response = web.redirect("/talk")
    response.delete_cookie(SEAT_COOKIE, path=SEAT_PATH)
    return response


# --- Joining with the counter's code ------------------------------------------------------


@joining.get("/talk/join/{code}", response_class=HTMLResponse)
async def join_page(request: Request, code: str) -> Response:
    """What the QR opens: one button, so that a link preview cannot spend the code."""
    return web.render(request, "conversation/join.html", {"code": code if len(code) <= 64 else ""})


@joining_actions.post("/talk/join/{code}", response_class=HTMLResponse)
async def join(request: Request, session: Session, code: str) -> Response:
    if len(code) > 64:
        return web.render(request, "conversation/join.html", {"code": "", "expired": True}, 404)
    try:
        joined = await service.join(session, platform_keys(request), code)
    except JoinCodeInvalidError:
        return web.render(request, "conversation/join.html", {"code": "", "expired": True}, 404)
    response = web.redirect("/talk")
    _set_seat(request, response, joined.seat)
    return response


# --- The phrasebook, offline ---------------------------------------------------------------


@anyone.get("/phrasebook/{language}", response_class=HTMLResponse)
async def phrasebook_page(request: Request, language: str) -> Response:
    """Every phrase in the visitor's language beside its Japanese, to show at a counter with no
    connection: the service worker keeps this page."""
    chosen = i18n.match_tag(language)
    if chosen is None or chosen.code != language:
        raise NotFoundError()
    request.state.language = chosen
    pb = book.phrasebook()
    scenes = []
    for scene, label in SCENES.items():
        phrases = [
            (_display(p, chosen.code if p.text(chosen.code) else "en"), _display(p, book.SOURCE))
            for p in pb.phrases.values()
            if p.scene is scene
        ]
        if phrases:
            scenes.append((label, phrases))
    response = web.render(request, "conversation/phrasebook.html", {"scenes": scenes})
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
