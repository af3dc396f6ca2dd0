"""Tax-free pages: the visitor's one view of every shop's records ("My tax-free purchases"),
the counter's item entry after a ``tax_free_sale`` tap, and the shop's console (records by
state, rejected ones corrected and resent, the refund queue, the confirmation file, a CSV)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, web
from omotenashi.auth.dependencies import ForServicerStaff, PageStaff, PageVisitor
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import QR_PREFIXES
from omotenashi.clients import service as clients
from omotenashi.clients.errors import ApiClientNotFoundError
from omotenashi.deps import Session, platform_keys
from omotenashi.errors import AppError
from omotenashi.i18n.markers import N_
from omotenashi.japan import JST
from omotenashi.taxfree import messages, nta, service
from omotenashi.taxfree.models import RecordState, TaxFreeRecord
from omotenashi.text import Text

router = APIRouter(include_in_schema=False)
member_pages = web.page_router(ForServicerStaff)
member_forms = web.form_router(ForServicerStaff)

DESK_COOKIE = "omotenashi_desk"
ITEM_ROWS = 5

# What the visitor sees of each state.
VISITOR_STATES = {
    RecordState.built: N_("Recorded: show the items at customs when you leave"),
    RecordState.transmitted: N_("Recorded: show the items at customs when you leave"),
    RecordState.accepted: N_("Recorded: show the items at customs when you leave"),
    RecordState.rejected: N_("Recorded: show the items at customs when you leave"),
    RecordState.confirmed: N_("Confirmed by customs: your refund is being paid"),
    RecordState.not_confirmed: N_("No refund"),
    RecordState.refunded: N_("Refunded"),
    RecordState.forfeited: N_("No refund"),
}
# What the shop's staff see (Japanese first, translated like every page).
STAFF_STATES = {
    RecordState.built: N_("Built (not sent yet)"),
    RecordState.transmitted: N_("Sent"),
    RecordState.accepted: N_("Accepted by the tax office"),
    RecordState.rejected: N_("Rejected by the tax office"),
    RecordState.confirmed: N_("Confirmed by customs (refund due)"),
    RecordState.not_confirmed: N_("Not confirmed by customs"),
    RecordState.refunded: N_("Refunded"),
    RecordState.forfeited: N_("Forfeited"),
}
COUNTER_REFUSALS = {
    "carrier_not_found": N_("No visitor has this card or code."),
    "invalid_carrier": N_("No visitor has this card or code."),
    "consent_required": N_(
        "The visitor has not allowed tax-free sales here. Ask them to allow it on their phone."
    ),
    "passport_missing": N_("The visitor has not shared their passport details."),
    "purpose_not_for_terminal": N_("This desk is not set up for tax-free sales."),
    "purpose_not_approved": N_("This desk is not set up for tax-free sales."),
    "tax_free_not_configured": N_("This shop has not set up tax-free sales."),
}


def yen(amount: int, language: i18n.Language) -> str:
    return f"¥{i18n.number(language.code, amount)}"


# --- The visitor ----------------------------------------------------------------------------


@router.get("/me/tax-free", response_class=HTMLResponse)
async def mine(request: Request, session: Session, me: PageVisitor) -> Response:
    language = web.request_language(request)
    today = datetime.now(JST).date()
    rows = []
    for view in await service.visitor_records(session, me.visitor_id):
        r = view.record
        open_ = r.state in service.OPEN_STATES
        rows.append(
            {
                "id": r.id,
                "shop": view.shop_name,
                "state": r.state.value,
                "status": web.gettext(language, VISITOR_STATES[r.state]),
                "bought": web.when(r.purchased_at, language),
                "deadline": web.day(r.deadline, language) if open_ else None,
                "days_left": i18n.number(language.code, (r.deadline - today).days)
                if open_
                else None,
                "total": yen(r.total, language),
                "refund": yen(r.tax - r.fee, language),
                "tax": yen(r.tax, language),
                "fee": yen(r.fee, language),
                "reason": web.gettext(language, messages.REASONS[view.forfeit_reason])
                if view.forfeit_reason in messages.REASONS
                else None,
                "lines": [
                    {"name": i.name, "quantity": i18n.number(language.code, i.quantity)}
                    for i in view.items
                ],
            }
        )
    return web.render(request, "taxfree/mine.html", {"records": rows})


# --- The counter ----------------------------------------------------------------------------


def _servicer_of(me: PageStaff) -> uuid.UUID:
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


async def _desk(request: Request, session: Session, servicer_id: uuid.UUID) -> Any:
    chosen = request.cookies.get(DESK_COOKIE)
    if not chosen:
        return None
    try:
        return await clients.desk_terminal(session, servicer_id, uuid.UUID(chosen))
    except (ValueError, ApiClientNotFoundError):
        return None


@member_pages.get("/counter/tax-free", response_class=HTMLResponse)
async def counter(request: Request, session: Session, me: PageStaff) -> Response:
    servicer_id = _servicer_of(me)
    if await _desk(request, session, servicer_id) is None:
        return web.redirect("/counter")
    shop = await service.find_shop(session, servicer_id)
    return web.render(
        request,
        "taxfree/counter.html",
        {"rows": range(1, ITEM_ROWS + 1), "shop": shop, "fee": _fee(shop)},
    )


def _fee(shop: Any) -> str | None:
    if shop is None:
        return None
    return f"{shop.refund_fee_bps / 100:g}"


def _parse_items(form: dict[str, str]) -> tuple[list[service.ItemIn], list[str]]:
    items, problems = [], []
    for n in range(1, ITEM_ROWS + 1):
        name = form.get(f"name_{n}", "").strip()
        if not name:
            continue
        quantity, price = form.get(f"quantity_{n}", "1").strip(), form.get(f"price_{n}", "").strip()
        rate = form.get(f"rate_{n}", "10").strip()
        if not (quantity.isdigit() and price.isdigit() and rate in ("8", "10")):
            problems.append(str(n))
            continue
        items.append(
            service.ItemIn(
                name, int(quantity), int(price), int(rate), form.get(f"serial_{n}") or None
            )
        )
    return items, problems


@member_forms.post("/counter/tax-free", response_class=HTMLResponse)
async def counter_build(request: Request, session: Session, me: PageStaff) -> Response:
    servicer_id = _servicer_of(me)
    language = web.request_language(request)
    desk = await _desk(request, session, servicer_id)
    if desk is None:
        return web.redirect("/counter")
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    if any("\x00" in v or len(v) > 300 for v in form.values()):
        return web.render(request, "taxfree/counter_result.html", {"problem": "?"}, 422)
    presented = form.get("carrier", "").strip().replace(" ", "")
    kind = (
        CarrierKind.qr_device if presented.upper().startswith(QR_PREFIXES) else CarrierKind.ic_card
    )
    items, bad_rows = _parse_items(form)
    context: dict[str, Any] = {"rows": range(1, ITEM_ROWS + 1)}
    if bad_rows or not items:
        context["problem"] = web.gettext(
            language, N_("Enter each item's name, quantity and unit price in yen.")
        )
        return web.render(request, "taxfree/counter.html", context, 422)
    keys = platform_keys(request)
    now = datetime.now(UTC)
    try:
        found = await service.identify(session, keys, desk, kind, presented, now)
        record = await service.build_record(
            session, keys, servicer_id, found, items, actor=me.actor, now=now
        )
    except AppError as exc:
        if exc.code == "invalid_items":
            context["problem"] = "; ".join(f.message for f in exc.fields)
        else:
            context["problem"] = web.gettext(
                language, COUNTER_REFUSALS.get(exc.code, N_("The record could not be made."))
            )
        return web.render(request, "taxfree/counter.html", context, 422)
    record = await _send_now(request, session, record)
    context["record"] = _staff_row(record, language)
    return web.render(request, "taxfree/counter.html", context)


async def _send_now(request: Request, session: Session, record: TaxFreeRecord) -> TaxFreeRecord:
    """Send the new record at once when the shop is connected; the job sends it later when the
    tax office cannot be reached now."""
    shop = await service.shop_of(session, record.servicer_id)
    if shop.nta_environment is None:
        return record
    platform = request.app.state.platform
    try:
        async with session.begin_nested():
            await service.transmit(
                session,
                platform.keys,
                platform.settings,
                nta.HttpNta(),
                record.servicer_id,
                record_ids=[record.id],
            )
    except AppError:
        pass
    await session.refresh(record)
    return record


def _staff_row(r: TaxFreeRecord, language: i18n.Language) -> dict[str, Any]:
    return {
        "id": r.id,
        "number": r.transmission_number,
        "state": r.state.value,
        "status": web.gettext(language, STAFF_STATES[r.state]),
        "reason": r.rejection_reason,
        "bought": web.when(r.purchased_at, language),
        "deadline": web.day(r.deadline, language),
        "total": yen(r.total, language),
        "tax": yen(r.tax, language),
        "refund": yen(r.tax - r.fee, language),
    }


# --- The shop's console ---------------------------------------------------------------------


@member_pages.get("/console/tax-free", response_class=HTMLResponse)
async def console(
    request: Request, session: Session, me: PageStaff, state: str | None = None
) -> Response:
    servicer_id = _servicer_of(me)
    language = web.request_language(request)
    chosen = RecordState(state) if state is not None and state in RecordState.__members__ else None
    shop = await service.find_shop(session, servicer_id)
    counts = await service.state_counts(session, servicer_id)
    records = await service.shop_records(session, servicer_id, chosen)
    return web.render(
        request,
        "taxfree/console.html",
        {
            "shop": shop,
            "connected": shop is not None and shop.nta_environment is not None,
            "states": [
                {
                    "key": s.value,
                    "label": web.gettext(language, STAFF_STATES[s]),
                    "count": counts[s],
                }
                for s in RecordState
            ],
            "chosen": chosen.value if chosen else None,
            "records": [_staff_row(r, language) for r in records],
            "queue": [
                _staff_row(r, language) for r in await service.refund_queue(session, servicer_id)
            ],
        },
    )


@member_pages.get("/console/tax-free/records.csv")
async def records_csv(request: Request, session: Session, me: PageStaff) -> Response:
    content = await service.shop_csv(session, _servicer_of(me))
    return Response(
        "\ufeff" + content,  # a BOM, so that spreadsheet software reads the Japanese as UTF-8
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="tax-free-records.csv"',
            "Cache-Control": "no-store",
        },
    )


@member_pages.get("/console/tax-free/{record_id}/file")
async def record_file(
    record_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    name, content = await service.record_file(
        session, platform_keys(request), _servicer_of(me), record_id
    )
    return Response(
        content,
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@member_forms.post("/console/tax-free/{record_id}/correct", response_class=HTMLResponse)
async def correct(
    record_id: uuid.UUID,
    request: Request,
    session: Session,
    me: PageStaff,
    landing_date: Annotated[Text, Form(max_length=10)] = "",
    status_of_residence: Annotated[Text, Form(max_length=50)] = "",
    passport_number: Annotated[Text, Form(max_length=20)] = "",
) -> Response:
    servicer_id = _servicer_of(me)
    fixed = {
        "landing_date": landing_date.strip(),
        "status_of_residence": status_of_residence.strip(),
        "passport_number": passport_number.strip().upper(),
    }
    try:
        record = await service.correct(
            session,
            platform_keys(request),
            servicer_id,
            record_id,
            None,
            passport={k: v for k, v in fixed.items() if v},
            actor=me.actor,
        )
    except AppError as exc:
        language = web.request_language(request)
        problem = "; ".join(f.message for f in exc.fields) or web.gettext(
            language, N_("The record could not be corrected.")
        )
        return web.render(request, "taxfree/problem.html", {"problem": problem}, exc.status)
    await _send_now(request, session, record)
    return web.redirect("/console/tax-free")


@member_forms.post("/console/tax-free/{record_id}/refund", response_class=HTMLResponse)
async def refund_now(
    record_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    found = await service.record(session, _servicer_of(me), record_id)
    if found.state is RecordState.confirmed:
        await service.refund(session, record_id)
    return web.redirect("/console/tax-free")


@member_forms.post("/console/tax-free/confirmations", response_class=HTMLResponse)
async def upload_confirmations(
    request: Request,
    session: Session,
    me: PageStaff,
    file: Annotated[UploadFile, File()],
) -> Response:
    language = web.request_language(request)
    data = await file.read(2_000_000)
    try:
        answers = nta.confirmation_file(data)
    except ValueError:
        problem = web.gettext(language, N_("This is not a customs confirmation file."))
        return web.render(request, "taxfree/problem.html", {"problem": problem}, 422)
    applied = await service.apply_confirmations(
        session, answers, servicer_id=_servicer_of(me), actor=me.actor
    )
    return web.render(
        request,
        "taxfree/imported.html",
        {
            "confirmed": i18n.number(language.code, applied.confirmed),
            "forfeited": i18n.number(language.code, applied.forfeited),
            "unknown": i18n.number(language.code, applied.unknown),
        },
    )


router.include_router(member_pages)
router.include_router(member_forms)
