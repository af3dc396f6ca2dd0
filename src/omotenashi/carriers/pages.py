"""My pass: the rotating QR code, computed on the phone so it works offline, and the cards and
phones linked to the visitor (link a card, revoke a lost one)."""

from __future__ import annotations

import base64
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from omotenashi import text, web
from omotenashi.auth.dependencies import PageVisitor
from omotenashi.carriers import service
from omotenashi.carriers.errors import InvalidCarrierError
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.deps import Session, platform_keys
from omotenashi.i18n.markers import N_
from omotenashi.security import ratelimit
from omotenashi.text import Text

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
forms = web.form_router()

CARD_KINDS = {
    CarrierKind.ic_card: N_("Transit IC card (Suica, PASMO, ICOCA…)"),
    CarrierKind.nfc_tag: N_("NFC tag or wristband"),
}
CARD_MESSAGES = {
    "id": N_("This number is not right. An IC card number has 16 characters, 0–9 and A–F."),
    "uid": N_("This number is not right. A tag number has 8, 14 or 20 characters, 0–9 and A–F."),
    "label": N_("Give it a name you will recognise, such as “My Suica”."),
}
# The same after every card link: whether another account holds the card is its holder's to
# know (they are told), not the business of whoever typed the number.
CARD_RECEIVED = N_(
    "Card number received. If no other account has this card, it is now linked to yours and "
    "listed here. If another account has it, that account's holder is told."
)


def _keys(request: Request) -> CarrierKeys:
    return CarrierKeys.from_platform(platform_keys(request))


async def _page(
    request: Request, session: Session, visitor_id: uuid.UUID, **extra: Any
) -> dict[str, Any]:
    return {
        "carriers": await service.list_carriers(session, visitor_id),
        "card_kinds": CARD_KINDS,
        "card_received_notice": CARD_RECEIVED,
        "card_received": False,
        "errors": {},
        "form": {},
        **extra,
    }


@router.get("/pass", response_class=HTMLResponse)
async def my_pass(
    request: Request, session: Session, me: PageVisitor, card: str | None = None
) -> Response:
    context = await _page(request, session, me.visitor_id, card_received=card == "received")
    response = web.render(request, "carriers/pass.html", context)
    # The service worker keeps a copy for offline use; the network copy is always fresh.
    response.headers["Cache-Control"] = "no-cache"
    return response


@forms.post("/pass/device")
async def set_up_this_phone(
    request: Request,
    session: Session,
    me: PageVisitor,
    label: Annotated[Text, Body(embed=True, max_length=200)] = "",
) -> JSONResponse:
    language = web.request_language(request)
    carrier, secret = await service.register_device(
        session,
        _keys(request),
        me.visitor_id,
        label.strip() or web.gettext(language, N_("My phone")),
    )
    return JSONResponse(
        {
            "carrier_id": str(carrier.id),
            "secret": base64.urlsafe_b64encode(secret).rstrip(b"=").decode(),
            # The platform's QR key: the phone seals its carrier id to it (version 2 codes).
            "qr_key": base64.urlsafe_b64encode(_keys(request).qr_public_key).rstrip(b"=").decode(),
            "step_seconds": service.QR_STEP_SECONDS,
        },
        status_code=201,
        headers={"Cache-Control": "no-store"},
    )


@forms.post("/pass/cards", response_class=HTMLResponse)
async def link_card(
    request: Request,
    session: Session,
    me: PageVisitor,
    kind: Annotated[CarrierKind, Form()] = CarrierKind.ic_card,
    # Plain text: the service's rules (unstorable text included) speak beside the fields.
    card_id: Annotated[str, Form(max_length=64)] = "",
    label: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    language = web.request_language(request)
    await ratelimit.enforce(
        request.app.state.rate_limit_engine,
        service.links_by(me.visitor_id),
        service.LINKS_PER_VISITOR,
    )
    try:
        await service.link_card(session, _keys(request), me.visitor_id, kind, card_id, label)
    except InvalidCarrierError as problem:
        wrong_number = CARD_MESSAGES["uid" if kind is CarrierKind.nfc_tag else "id"]
        wrong_label = CARD_MESSAGES["label"]
        errors = {
            "label" if error.field == "label" else "id": web.gettext(
                language,
                text.BESIDE_THE_FIELD
                if error.code == text.CODE
                else wrong_label
                if error.field == "label"
                else wrong_number,
            )
            for error in problem.fields
        } or {"id": web.gettext(language, wrong_number)}
    else:
        return web.redirect("/pass?card=received#cards")
    form = {"kind": str(kind), "card_id": card_id, "label": label}
    context = await _page(request, session, me.visitor_id, errors=errors, form=form)
    return web.render(request, "carriers/pass.html", context, status=422)


@forms.post("/pass/carriers/{carrier_id}/revoke", response_class=HTMLResponse)
async def revoke(carrier_id: uuid.UUID, session: Session, me: PageVisitor) -> Response:
    await service.revoke(session, me.visitor_id, carrier_id)
    return web.redirect("/pass#cards")


@router.get("/sw.js", include_in_schema=False)
async def service_worker() -> Response:
    """Served from the root so that its scope covers /pass."""
    script = (web.STATIC / "sw.js").read_text(encoding="utf-8")
    return Response(
        script,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


router.include_router(forms)
