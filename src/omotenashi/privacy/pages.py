"""The visitor's privacy pages: who saw my data, download everything, erase everything."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from babel.lists import format_list
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, web
from omotenashi.auth.dependencies import PageVisitor
from omotenashi.deps import Session, platform_keys
from omotenashi.feedback import service as feedback
from omotenashi.i18n.markers import N_
from omotenashi.privacy import service
from omotenashi.servicers.purposes import (
    CONVERSATION,
    INVITATION_ACCEPTED,
    INVITATION_OPENED,
    INVITATION_SENT,
    PURPOSES,
    PurposeKey,
)
from omotenashi.text import Text
from omotenashi.visitors import catalogue

TALKED = N_("Talked with you at the counter through the phrasebook. Nothing said was kept.")

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
forms = web.form_router()

CONFIRM_FIRST = N_("Tick the box to confirm that you want everything erased.")


@dataclass(frozen=True)
class Seen:
    """One disclosure in plain words."""

    id: int
    who: str
    where: str | None
    sentence: str
    when: str
    at: datetime
    rating: int | None  # the visitor's own rating of this interaction, if they gave one
    menu: str | None  # a restaurant that served them: its menu, sorted for them


# What a travel agency's invitation left in the log (``omotenashi.partners``).
INVITATION_SENTENCES = {
    INVITATION_SENT: N_("Entered your %(items)s for your trip and invited you to check them."),
    INVITATION_OPENED: N_("You opened the invitation."),
    INVITATION_ACCEPTED: N_("You confirmed your %(items)s; they became your profile."),
}


def _sentence(entry: service.Disclosure, language: i18n.Language) -> str:
    if entry.purpose == CONVERSATION:
        return web.gettext(language, TALKED)
    items = format_list(
        [catalogue.get(key).label(language.code) for key in entry.attribute_keys],
        locale=i18n.babel_locale(language.code),
    )
    if entry.purpose in INVITATION_SENTENCES:
        sentence = web.gettext(language, INVITATION_SENTENCES[entry.purpose])
        return sentence % {"items": items} if "%(items)s" in sentence else sentence
    purpose = PURPOSES[PurposeKey(entry.purpose)].label(language.code)
    return web.gettext(language, N_("Saw your %(items)s for %(purpose)s.")) % {
        "items": items,
        "purpose": purpose,
    }


@router.get("/access", response_class=HTMLResponse)
async def who_saw_my_data(request: Request, session: Session, me: PageVisitor) -> Response:
    language = web.request_language(request)
    entries = await service.disclosures(session, me.visitor_id, limit=200)
    given = await feedback.by_interaction(session, me.visitor_id, [e.id for e in entries])
    seen = [
        Seen(
            id=entry.id,
            who=entry.servicer_name,
            where=", ".join(
                part for part in (entry.terminal_label, entry.terminal_location) if part
            )
            or None,
            sentence=_sentence(entry, language),
            when=web.when(entry.at, language),
            at=entry.at,
            rating=given[entry.id].rating if entry.id in given else None,
            menu=f"/menus/{entry.servicer_id}"
            if entry.purpose == PurposeKey.food_service
            else None,
        )
        for entry in entries
    ]
    return web.render(request, "privacy/access.html", {"seen": seen})


async def _kept(request: Request, session: Session, me: PageVisitor) -> list[dict[str, str]]:
    language = web.request_language(request)
    return [
        {"shop": k.shop_name, "until": web.day(k.until, language)}
        for k in await service.kept_after_erasure(session, me.visitor_id)
    ]


@router.get("/privacy", response_class=HTMLResponse)
async def my_data(request: Request, session: Session, me: PageVisitor) -> Response:
    return web.render(
        request, "privacy/data.html", {"error": None, "kept": await _kept(request, session, me)}
    )


@router.get("/privacy/export")
async def download(request: Request, session: Session, me: PageVisitor) -> Response:
    document = await service.export(session, platform_keys(request), me.visitor_id)
    day = datetime.now(UTC).date().isoformat()
    response = Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="omotenashi-my-data-{day}.json"',
            "Cache-Control": "no-store",
        },
    )
    # The page stays where it is; its script sees this and says the file came (privacy.js).
    web.tell(response, "downloaded")
    return response


@forms.post("/privacy/erase", response_class=HTMLResponse)
async def erase_me(
    request: Request,
    session: Session,
    me: PageVisitor,
    confirm: Annotated[Text, Form(max_length=10)] = "",
) -> Response:
    if confirm != "yes":
        return web.render(
            request,
            "privacy/data.html",
            {"error": CONFIRM_FIRST, "kept": await _kept(request, session, me)},
            status=422,
        )
    await service.erase_me(session, me.visitor_id)
    response = web.render(request, "privacy/erased.html")
    web.end_session(response)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


router.include_router(forms)
