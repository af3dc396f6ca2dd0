"""Alert pages: the visitor's alerts in their language with "I am safe" / "I need help", live
while the page is open and pushed to the phone; a public page for each alert (where a push
leads) and a public check of a forwarded alert; the operator's alerts, four-eyes compose with a
preview in every language, and the safety report."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from omotenashi import i18n, web
from omotenashi.alerts import (
    ALERT_LANGUAGES,
    EASY_JAPANESE,
    lifecycle,
    reading,
    stream,
    subscriptions,
    verification,
)
from omotenashi.alerts import safety as safety_checks
from omotenashi.alerts.errors import InvalidAlertError
from omotenashi.alerts.forwarded import VerificationVerdict
from omotenashi.alerts.models import AlertState, SafetyAnswer, StoredAlert
from omotenashi.alerts.phrases import easy_japanese
from omotenashi.auth.dependencies import ForOperators, PageStaff, PageVisitor, optional_page_visitor
from omotenashi.consent import service as consent
from omotenashi.deps import Session, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.japan import PREFECTURES, TILES

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
forms = web.form_router()
operator_forms = web.form_router(ForOperators)
operator_pages = web.page_router(ForOperators)

# What the check of a forwarded alert says, by what it found.
VERDICTS = {
    "current": N_("This is an official alert, and it is in force."),
    "expired": N_("This was an official alert; it has expired."),
    "superseded": N_("This was an official alert; a newer report replaced it."),
    "cancelled": N_("This alert was issued and then cancelled: it is no longer valid."),
    "unknown": N_(
        "We did not issue this. Treat it as a rumour until an official source confirms it."
    ),
}
NOT_REAL = N_("It is marked as an exercise or a test, not a real alert.")
CHANGED = N_(
    "This text comes from an official alert, but someone changed it. Only the official text "
    "below is valid."
)
OFFICIAL_IN_FORCE = N_("The official alert is in force.")
OFFICIAL_ENDED = N_("The official alert is no longer in force.")
SEVERITY = {1: "information", 2: "advisory", 3: "warning", 4: "emergency"}
# An alert's state as the operator's (Japanese-first) pages name it.
STATE_LABELS = {
    "current": N_("In force"),
    "expired": N_("Expired"),
    "superseded": N_("Superseded"),
    "cancelled": N_("Cancelled"),
    "draft": N_("Draft"),
    "discarded": N_("Discarded"),
}


def _shown(
    alert: StoredAlert, language: i18n.Language, text_language: str | None = None
) -> dict[str, Any]:
    """``alert`` for a card: in ``text_language`` (an alert language) when given, else in the
    reader's language."""
    chosen = text_language or language.code
    text = reading.rendering(alert, chosen)
    return {
        "alert": alert,
        "text": text,
        "lang": chosen if chosen in alert.renderings else "en",
        "state": (state := reading.current_state(alert)),
        "state_label": STATE_LABELS.get(state, state),
        "severity": SEVERITY.get(alert.severity, "warning"),
        "issued": web.when(alert.issued_at, language),
        "real": alert.status == "normal",
    }


# --- The visitor ----------------------------------------------------------------------------


@router.get("/alerts", response_class=HTMLResponse)
async def my_alerts(request: Request, session: Session, me: PageVisitor) -> Response:
    language = web.request_language(request)
    alerts = await reading.current_for_visitor(session, me.visitor_id)
    reachable = await consent.reachable_in_emergencies(session, me.visitor_id)
    context = {"alerts": [_shown(a, language) for a in alerts], "reachable": reachable}
    response = web.render(request, "alerts/mine.html", context)
    response.headers["Cache-Control"] = "no-cache"  # the service worker keeps the last copy
    return response


@forms.post("/alerts/emergency", response_class=HTMLResponse)
async def reach_me(request: Request, session: Session, me: PageVisitor) -> Response:
    """The visitor lets local governments reach them with official warnings where they stay."""
    await consent.reach_in_emergencies(session, platform_keys(request), me.visitor_id)
    return web.redirect("/alerts")


@router.get("/alerts/stream")
async def live(request: Request, me: PageVisitor) -> StreamingResponse:
    """Server-sent events for the open alerts page: each new alert for the visitor's area."""

    async def events() -> AsyncIterator[bytes]:
        yield b"retry: 5000\n\n"
        async for alert in stream.watch(
            request.app.state.sessions, me.visitor_id, bell=request.app.state.alert_bell
        ):
            if await request.is_disconnected():
                return
            yield (
                b": keep-alive\n\n"
                if alert is None
                else f"event: alert\ndata: {alert.id}\n\n".encode()
            )

    return StreamingResponse(
        events(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )


@forms.post("/alerts/push")
async def push_to_this_phone(
    request: Request,
    session: Session,
    me: PageVisitor,
    endpoint: Annotated[str, Body(max_length=2000)],
    keys: Annotated[dict[str, str], Body()],
) -> JSONResponse:
    await subscriptions.subscribe(
        session,
        me.visitor_id,
        endpoint=endpoint,
        p256dh=keys.get("p256dh", ""),
        auth=keys.get("auth", ""),
        allow_loopback=request.app.state.platform.settings.push_loopback_endpoints,
    )
    return JSONResponse({"ok": True}, status_code=201)


@router.get("/alerts/{alert_id}", response_class=HTMLResponse)
async def one_alert(alert_id: uuid.UUID, request: Request, session: Session) -> Response:
    """Public: where a push leads, and what a forwarded link opens. A signed-in visitor can
    answer the safety check here."""
    visitor = await optional_page_visitor(request, session)
    language = web.request_language(request)
    alert = await reading.get(session, alert_id)
    easy = request.query_params.get("lang") == EASY_JAPANESE
    context = {
        **_shown(alert, language, EASY_JAPANESE if easy else None),
        "can_answer": visitor is not None,
        "easy": easy_japanese.SAFETY_CHECK if easy else None,
    }
    return web.render(request, "alerts/one.html", context)


@forms.post("/alerts/{alert_id}/safety", response_class=HTMLResponse)
async def answer(
    alert_id: uuid.UUID,
    session: Session,
    me: PageVisitor,
    answer: Annotated[SafetyAnswer, Form()],
    latitude: Annotated[float | None, Form(ge=-90, le=90)] = None,
    longitude: Annotated[float | None, Form(ge=-180, le=180)] = None,
    lang: Annotated[str | None, Form(max_length=16)] = None,
) -> Response:
    await safety_checks.answer_safety(
        session, me.visitor_id, alert_id, answer, latitude=latitude, longitude=longitude
    )
    easy = "&lang=" + EASY_JAPANESE if lang == EASY_JAPANESE else ""
    return web.redirect(f"/alerts/{alert_id}?answered={answer}{easy}")


# --- Anyone: is this forwarded alert real? -----------------------------------------------------


@router.get("/verify", response_class=HTMLResponse)
async def verify_page(request: Request) -> Response:
    return web.render(request, "alerts/verify.html", {"verdict": None, "text": ""})


@forms.post("/verify", response_class=HTMLResponse)
async def verify(
    request: Request, session: Session, text: Annotated[str, Form(max_length=20000)] = ""
) -> Response:
    language = web.request_language(request)
    found = await verification.verify_forwarded(session, platform_keys(request), text)
    changed = found.verdict is VerificationVerdict.OFFICIAL_CHANGED
    if changed:
        notes = [CHANGED, OFFICIAL_IN_FORCE if found.state == "current" else OFFICIAL_ENDED]
    elif found.genuine:
        notes = [VERDICTS.get(found.state, VERDICTS["unknown"])]
    else:
        notes = [VERDICTS["unknown"]]
    if found.alert is not None and found.alert.status != "normal":
        notes.append(NOT_REAL)
    context = {
        "verdict": found,
        "changed": changed,
        "notes": notes,
        "differences": found.differences,
        # The official text beside the pasted one is in the pasted one's language.
        "shown": _shown(found.alert, language, found.language) if found.alert else None,
        "text": text,
    }
    return web.render(request, "alerts/verify.html", context)


# --- The operator -------------------------------------------------------------------------------


@operator_pages.get("/operator/alerts", response_class=HTMLResponse)
async def operator_alerts(request: Request, session: Session, me: PageStaff) -> Response:
    language = web.request_language(request)
    listed = await reading.recent_for_operator(session)
    context = {
        "alerts": [_shown(a, language) for a in listed],
        "me": me.actor,
        "draft": AlertState.draft,
        "issued": AlertState.issued,
        "levels": (3, 4, 5),
    }
    return web.render(request, "alerts/operator.html", context)


def _composed(form: dict[str, str]) -> dict[str, Any]:
    """An evacuation order from the operator's form, in the alert codec's shape."""
    hours = form.get("hours", "").strip()
    shelters = [line.strip() for line in form.get("shelters", "").splitlines() if line.strip()]
    return {
        "details": {
            "kind": "evacuation",
            "level": int(form["level"]) if form.get("level", "").isdigit() else 0,
            "shelters": [{"name_ja": name} for name in shelters[:10]],
        },
        "areas": [
            {
                "kind": "municipality",
                "code": form.get("municipality", "").strip(),
                "name_ja": form.get("municipality_name", "").strip(),
            }
        ],
        "source": form.get("source", "").strip(),
        "status": form.get("status", "normal"),
        "expires_at": (datetime.now(UTC) + timedelta(hours=int(hours))).isoformat()
        if hours.isdigit() and 0 < int(hours) <= 72
        else None,
    }


async def _form(request: Request) -> dict[str, str]:
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


@operator_forms.post("/operator/alerts/preview", response_class=HTMLResponse)
async def preview(request: Request) -> Response:
    """The live preview under the compose form: the alert in every alert language."""
    try:
        shown = lifecycle.preview(lifecycle.parse_composed(_composed(await _form(request))))
    except InvalidAlertError as problem:
        return web.render(request, "alerts/preview.html", {"problem": problem.message})
    names = {language: i18n.BY_CODE[language].native_name for language in i18n.BY_CODE}
    names[EASY_JAPANESE] = "やさしい日本語"
    context = {
        "renderings": [
            (names.get(code, code), code, shown["renderings"][code]) for code in ALERT_LANGUAGES
        ],
        "problem": None,
    }
    return web.render(request, "alerts/preview.html", context)


@operator_forms.post("/operator/alerts", response_class=HTMLResponse)
async def compose(request: Request, session: Session, me: PageStaff) -> Response:
    await lifecycle.draft(session, _composed(await _form(request)), operator=me.actor)
    return web.redirect("/operator/alerts")


UNRESOLVED_SHOWN = 200


@operator_pages.get("/operator/alerts/{alert_id}", response_class=HTMLResponse)
async def operator_alert(alert_id: uuid.UUID, request: Request, session: Session) -> Response:
    """One alert, draft or sent, as the operator checks it: where it goes, and the areas it
    names that reach nobody."""
    language = web.request_language(request)
    alert = await reading.get_for_operator(session, alert_id)
    names = language.code if language.code in ALERT_LANGUAGES else "en"
    reached = {*alert.target_prefectures, *(code[:2] for code in alert.target_municipalities)}
    context = {
        "shown": _shown(alert, language),
        "prefectures": [PREFECTURES[code].names[names] for code in sorted(reached)],
        "municipalities": len(alert.target_municipalities),
        "cells": len(alert.target_cells),
        "unresolved": alert.unresolved_areas[:UNRESOLVED_SHOWN],
        "unresolved_count": len(alert.unresolved_areas),
    }
    return web.render(request, "alerts/operator_alert.html", context)


@operator_forms.post("/operator/alerts/{alert_id}/{decision}", response_class=HTMLResponse)
async def decide(
    alert_id: uuid.UUID, decision: str, request: Request, session: Session, me: PageStaff
) -> Response:
    if decision == "approve":
        await lifecycle.approve(session, platform_keys(request), alert_id, operator=me.actor)
    elif decision == "discard":
        await lifecycle.discard(session, alert_id, operator=me.actor)
    elif decision == "cancel":
        await lifecycle.cancel(session, alert_id, operator=me.actor)
    else:
        return web.redirect("/operator/alerts")
    return web.redirect("/operator/alerts")


def _map_of(report: safety_checks.SafetyReport, language: i18n.Language) -> list[dict[str, object]]:
    """Answers per prefecture on the tile map of Japan, shaded by how many need help."""
    safe: dict[str, int] = {}
    help_: dict[str, int] = {}
    for count in report.counts:
        code = count.prefecture or (count.municipality or "")[:2]
        if code in TILES:
            safe[code] = safe.get(code, 0) + count.safe
            help_[code] = help_.get(code, 0) + count.need_help
    top = max(help_.values(), default=0)
    names = language.code if language.code in ALERT_LANGUAGES else "en"
    return [
        {
            "name": PREFECTURES[code].names[names],
            "row": row,
            "column": column,
            "safe": safe.get(code),
            "need_help": help_.get(code),
            "step": 0 if not help_.get(code) or not top else max(1, round(5 * help_[code] / top)),
        }
        for code, (row, column) in TILES.items()
    ]


@operator_pages.get("/operator/alerts/{alert_id}/safety", response_class=HTMLResponse)
async def safety(
    alert_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    language = web.request_language(request)
    alert = await reading.get(session, alert_id)
    report = await safety_checks.safety_report(
        session, platform_keys(request), alert_id, operator=me.actor
    )
    context = {
        **_shown(alert, language),
        "tiles": _map_of(report, language),
        "report": report,
        "people": [(p, web.when(p.answered_at, language)) for p in report.need_help],
    }
    return web.render(request, "alerts/safety.html", context)


router.include_router(forms)
router.include_router(operator_forms)
router.include_router(operator_pages)
