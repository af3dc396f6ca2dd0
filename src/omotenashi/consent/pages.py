"""Who may see what: the visitor's consents in plain words (grant, share less, stop), and the
tap-to-consent page a counter's QR code opens on the visitor's phone."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, web
from omotenashi.auth.dependencies import PageVisitor
from omotenashi.consent import requests as asks
from omotenashi.consent import service
from omotenashi.consent.errors import InvalidGrantError
from omotenashi.consent.models import ConsentGrant
from omotenashi.deps import Session, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.japan import JST
from omotenashi.servicers import service as servicers
from omotenashi.servicers.categories import (
    CATEGORY_LABELS,
    PARTNER_CATEGORIES,
    USUAL_CATEGORY,
    category_label,
)
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.text import Text
from omotenashi.visitors import catalogue

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
forms = web.form_router()

CHOOSE_ITEMS = N_("Choose at least one item to share.")
END_IN_FUTURE = N_("The end date must be after today.")


@dataclass(frozen=True)
class GrantView:
    """One consent as the visitor reads it."""

    id: uuid.UUID
    recipient: str
    purpose: str
    items: list[tuple[str, str]]  # (key, label)
    until: str
    active: bool


async def _view(session: Session, grant: ConsentGrant, language: i18n.Language) -> GrantView:
    if grant.servicer_id is not None:
        recipient = (await servicers.get(session, grant.servicer_id)).name
    else:
        recipient = category_label(grant.servicer_category or "", language.code)
    return GrantView(
        id=grant.id,
        recipient=recipient,
        purpose=PURPOSES[PurposeKey(grant.purpose)].label(language.code),
        items=[(key, catalogue.get(key).label(language.code)) for key in grant.attributes],
        until=web.when(grant.expires_at, language),
        active=grant.revoked_at is None and grant.expires_at > datetime.now(UTC),
    )


@router.get("/consents", response_class=HTMLResponse)
async def my_consents(request: Request, session: Session, me: PageVisitor) -> Response:
    language = web.request_language(request)
    views = [
        await _view(session, g, language) for g in await service.grants_of(session, me.visitor_id)
    ]
    context = {
        "active": [v for v in views if v.active],
        "ended": [v for v in views if not v.active][:20],
        "purposes": [(key, purpose.label(language.code)) for key, purpose in PURPOSES.items()],
    }
    return web.render(request, "consent/list.html", context)


def _new_context(language: i18n.Language, purpose: PurposeKey) -> dict[str, object]:
    return {
        "purpose": purpose,
        "purpose_label": PURPOSES[purpose].label(language.code),
        "items": [
            (key, catalogue.get(key).label(language.code)) for key in PURPOSES[purpose].attributes
        ],
        "categories": [
            (str(c), labels.get(language.code) or labels["en"])
            for c, labels in CATEGORY_LABELS.items()
            if c not in PARTNER_CATEGORIES
        ],
        "usual": str(USUAL_CATEGORY[purpose]),
        "errors": {},
        "chosen": list(PURPOSES[purpose].attributes),
    }


@router.get("/consents/new", response_class=HTMLResponse)
async def new_consent(request: Request, me: PageVisitor, purpose: PurposeKey) -> Response:
    language = web.request_language(request)
    return web.render(request, "consent/new.html", _new_context(language, purpose))


@forms.post("/consents", response_class=HTMLResponse)
async def give_consent(
    request: Request,
    session: Session,
    me: PageVisitor,
    purpose: Annotated[PurposeKey, Form()],
    category: Annotated[ServicerCategory, Form()],
    attributes: Annotated[list[Text] | None, Form()] = None,
    until: Annotated[date | None, Form()] = None,
) -> Response:
    language = web.request_language(request)
    expires_at = datetime.combine(until, time(23, 59, 59), JST) if until else None
    try:
        await service.grant(
            session,
            platform_keys(request),
            me.visitor_id,
            purpose=purpose,
            attributes=attributes or [],
            category=category,
            expires_at=expires_at,
        )
    except InvalidGrantError as problem:
        fields = {error.field.split("[")[0] for error in problem.fields}
        context = _new_context(language, purpose)
        context["usual"], context["chosen"] = str(category), attributes or []
        context["errors"] = {
            name: web.gettext(language, message)
            for name, message in (("attributes", CHOOSE_ITEMS), ("expires_at", END_IN_FUTURE))
            if name in fields
        }
        return web.render(request, "consent/new.html", context, status=422)
    return web.redirect("/consents")


@forms.post("/consents/{grant_id}/revoke", response_class=HTMLResponse)
async def stop_sharing(grant_id: uuid.UUID, session: Session, me: PageVisitor) -> Response:
    await service.revoke(session, me.visitor_id, grant_id)
    return web.redirect("/consents", notice="stopped")


@forms.post("/consents/{grant_id}/narrow", response_class=HTMLResponse)
async def share_less(
    grant_id: uuid.UUID,
    request: Request,
    session: Session,
    me: PageVisitor,
    attributes: Annotated[list[Text] | None, Form()] = None,
) -> Response:
    if not attributes:  # keeping nothing is stopping
        await service.revoke(session, me.visitor_id, grant_id)
    else:
        await service.narrow(session, platform_keys(request), me.visitor_id, grant_id, attributes)
    return web.redirect("/consents", notice="shared_less" if attributes else "stopped")


# --- Tap to consent -------------------------------------------------------------------------------


@router.get("/consent/requests/{token}", response_class=HTMLResponse)
async def consent_request(
    token: str, request: Request, session: Session, me: PageVisitor
) -> Response:
    language = web.request_language(request)
    asked = await asks.for_visitor(session, me.visitor_id, token)
    servicer = await servicers.get(session, asked.servicer_id)
    context = {
        "asked": asked,
        "servicer": servicer,
        "category": category_label(str(servicer.category), language.code),
        "purpose": PURPOSES[PurposeKey(asked.purpose)].label(language.code),
        "items": [catalogue.get(key).label(language.code) for key in asked.attributes],
        "until": web.when(asked.expires_at, language),
    }
    return web.render(request, "consent/request.html", context)


@forms.post("/consent/requests/{token}/accept", response_class=HTMLResponse)
async def accept_request(
    token: str, request: Request, session: Session, me: PageVisitor
) -> Response:
    await asks.accept(session, platform_keys(request), me.visitor_id, token)
    return web.redirect(f"/consent/requests/{token}")


@forms.post("/consent/requests/{token}/decline", response_class=HTMLResponse)
async def decline_request(token: str, session: Session, me: PageVisitor) -> Response:
    await asks.decline(session, me.visitor_id, token)
    return web.redirect(f"/consent/requests/{token}")


router.include_router(forms)
