"""Feedback pages: the visitor rates an interaction from "Who saw my data" and reads the replies;
staff read comments in Japanese in their inbox, reply and report; the operator moderates."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, web
from omotenashi.auth.dependencies import ForOperators, ForServicerStaff, PageStaff, PageVisitor
from omotenashi.deps import Session, platform_keys
from omotenashi.feedback import service
from omotenashi.feedback.errors import EditWindowClosedError, InvalidFeedbackError
from omotenashi.i18n.markers import N_
from omotenashi.resolve import service as resolve
from omotenashi.servicers.purposes import purpose_label
from omotenashi.text import Text
from omotenashi.translation.dependencies import TranslationChain

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
forms = web.form_router()
member_forms = web.form_router(ForServicerStaff)
member_pages = web.page_router(ForServicerStaff)
operator_forms = web.form_router(ForOperators)
operator_pages = web.page_router(ForOperators)

CHOOSE_STARS = N_("Choose from 1 to 5 stars.")
TOO_LATE = N_("Feedback can be changed for 24 hours only.")
# How each translation was made, as a reader of the translation sees it.
PROVENANCE = {
    "original": None,
    "tm_exact": N_("From the translation bank"),
    "tm_fuzzy": N_("From the translation bank (similar text)"),
    "machine": N_("Machine-translated"),
    None: N_("Not translated yet"),
}


async def _interaction(
    session: Session, visitor_id: uuid.UUID, access_log_id: int
) -> resolve.Disclosure | None:
    return next(
        (e for e in await resolve.disclosures(session, visitor_id) if e.id == access_log_id), None
    )


async def _form(
    request: Request,
    session: Session,
    visitor_id: uuid.UUID,
    access_log_id: int,
    error: str | None,
    typed: str | None = None,
) -> Response:
    """The rating form of one interaction, with the feedback given and its replies."""
    language = web.request_language(request)
    entry = await _interaction(session, visitor_id, access_log_id)
    if entry is None:
        return web.redirect("/access")
    given = (await service.by_interaction(session, visitor_id, [access_log_id])).get(access_log_id)
    replies = (await service.replies_to(session, [given.id])).get(given.id, []) if given else []
    context = {
        "entry": entry,
        "purpose": purpose_label(entry.purpose, language.code),
        "when": web.when(entry.at, language),
        "given": given,
        "replies": [
            (r, web.when(r.created_at, language), PROVENANCE.get(r.translated_provenance))
            for r in replies
        ],
        "error": error,
        "typed": typed,  # a comment sent with a mistake elsewhere is shown again, not lost
    }
    return web.render(request, "feedback/form.html", context, status=422 if error else 200)


@router.get("/feedback/{access_log_id}", response_class=HTMLResponse)
async def feedback_form(
    access_log_id: int, request: Request, session: Session, me: PageVisitor
) -> Response:
    return await _form(request, session, me.visitor_id, access_log_id, None)


@forms.post("/feedback/{access_log_id}", response_class=HTMLResponse)
async def give_feedback(
    access_log_id: int,
    request: Request,
    session: Session,
    me: PageVisitor,
    chain: TranslationChain,
    rating: Annotated[int, Form(ge=0, le=10)] = 0,
    comment: Annotated[Text, Form(max_length=4000)] = "",
    written_in: Annotated[Text, Form(max_length=16)] = "",
) -> Response:
    language = web.request_language(request)
    written = (i18n.match_tag(written_in) or language).code
    given = (await service.by_interaction(session, me.visitor_id, [access_log_id])).get(
        access_log_id
    )
    try:
        if given is None:
            await service.give(
                session,
                chain,
                me.visitor_id,
                access_log_id,
                rating=rating,
                comment=comment,
                language=written,
            )
        else:
            await service.change(
                session,
                chain,
                me.visitor_id,
                given.id,
                rating=rating,
                comment=comment,
                language=written,
            )
    except (InvalidFeedbackError, EditWindowClosedError) as problem:
        message = TOO_LATE if isinstance(problem, EditWindowClosedError) else CHOOSE_STARS
        return await _form(request, session, me.visitor_id, access_log_id, message, comment)
    return web.redirect(f"/feedback/{access_log_id}")


@forms.post("/feedback/{access_log_id}/delete", response_class=HTMLResponse)
async def take_back(access_log_id: int, session: Session, me: PageVisitor) -> Response:
    given = (await service.by_interaction(session, me.visitor_id, [access_log_id])).get(
        access_log_id
    )
    if given is not None:
        await service.remove(session, me.visitor_id, given.id)
    return web.redirect("/access")


# --- Staff: the inbox ----------------------------------------------------------------------------


def _servicer_of(me: PageStaff) -> uuid.UUID:
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


@member_pages.get("/inbox", response_class=HTMLResponse)
async def inbox(request: Request, session: Session, me: PageStaff) -> Response:
    servicer_id = _servicer_of(me)
    language = web.request_language(request)
    entries = await service.inbox(session, platform_keys(request).derivation, servicer_id)
    context = {
        "entries": [
            {
                "entry": entry,
                "purpose": purpose_label(entry.feedback.purpose, language.code),
                "when": web.when(entry.feedback.created_at, language),
                "provenance": PROVENANCE.get(entry.feedback.comment_ja_provenance),
                "replies": [(r, web.when(r.created_at, language)) for r in entry.replies],
            }
            for entry in entries
        ],
    }
    return web.render(request, "feedback/inbox.html", context)


@member_forms.post("/inbox/{feedback_id}/reply", response_class=HTMLResponse)
async def reply(
    feedback_id: uuid.UUID,
    session: Session,
    me: PageStaff,
    chain: TranslationChain,
    body: Annotated[Text, Form(max_length=4000)] = "",
) -> Response:
    servicer_id = _servicer_of(me)
    if body.strip():
        await service.reply(session, chain, servicer_id, me.staff.user_id, feedback_id, body)
    return web.redirect(f"/inbox#f-{feedback_id}")


@member_forms.post("/inbox/{feedback_id}/report", response_class=HTMLResponse)
async def report(
    feedback_id: uuid.UUID,
    session: Session,
    me: PageStaff,
    reason: Annotated[Text, Form(max_length=500)] = "",
) -> Response:
    await service.report(session, _servicer_of(me), feedback_id, reason, actor=me.actor)
    return web.redirect("/inbox")


# --- Operator: moderation ------------------------------------------------------------------------


@operator_pages.get("/operator/feedback", response_class=HTMLResponse)
async def moderation(request: Request, session: Session) -> Response:
    language = web.request_language(request)
    reported = [(f, web.when(f.updated_at, language)) for f in await service.reported(session)]
    return web.render(request, "feedback/moderation.html", {"reported": reported})


@operator_forms.post("/operator/feedback/{feedback_id}", response_class=HTMLResponse)
async def moderate(
    feedback_id: uuid.UUID,
    session: Session,
    me: PageStaff,
    hide: Annotated[bool, Form()],
) -> Response:
    await service.moderate(session, feedback_id, hide=hide, actor=me.actor)
    return web.redirect("/operator/feedback")


router.include_router(forms)
router.include_router(member_forms)
router.include_router(member_pages)
router.include_router(operator_forms)
router.include_router(operator_pages)
