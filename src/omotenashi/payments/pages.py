"""Payment pages: the visitor's wallet, the counter's cash and charge forms, and the
servicer's day in the console.

A form that moves money carries a key made when the form was shown, used as an
Idempotency-Key: a form sent twice (a double tap, a reload) moves money once and shows the
first answer again.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import i18n, web
from omotenashi.auth.dependencies import ForServicerAdmins, ForServicerStaff, PageStaff, PageVisitor
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import QR_PREFIXES
from omotenashi.clients import service as clients
from omotenashi.clients.errors import ApiClientNotFoundError
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.config import WalletRegime
from omotenashi.deps import Session, platform_keys
from omotenashi.errors import AppError
from omotenashi.i18n.markers import N_
from omotenashi.japan import JST
from omotenashi.payments import cards, idempotency, provider, receipts, service, settlement
from omotenashi.payments.models import ConfirmationState, OperationKind
from omotenashi.payments.service import Payment, Presented, Rules
from omotenashi.staff.models import Role

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
admin_forms = web.form_router(ForServicerAdmins)
forms = web.form_router()
member_forms = web.form_router(ForServicerStaff)
member_pages = web.page_router(ForServicerStaff)

# The counter's chosen desk, as the counter page (resolve) sets it.
DESK_COOKIE = "omotenashi_desk"

KIND_LABELS = {
    OperationKind.cash_top_up: N_("Cash paid in"),
    OperationKind.card_top_up: N_("Card paid in"),
    OperationKind.charge: N_("Payment"),
    OperationKind.refund: N_("Refund"),
    OperationKind.hold: N_("Held"),
    OperationKind.capture: N_("Taken from a hold"),
    OperationKind.release: N_("Hold released"),
    OperationKind.expiry: N_("Expired"),
    OperationKind.payout: N_("Paid out"),
    OperationKind.cash_settlement: N_("Cash settled with the platform"),
    OperationKind.collection: N_("Paid to the platform"),
    OperationKind.tax_free_refund: N_("Tax refund"),
}
# Money into the wallet shows with a plus; out of it, with a minus; a hold or its release
# changes what is available, not the balance.
INTO_WALLET = {
    OperationKind.cash_top_up,
    OperationKind.card_top_up,
    OperationKind.refund,
    OperationKind.tax_free_refund,
}

# What the counter says when a payment is refused, by problem code (else the generic one).
REFUSALS = {
    "insufficient_funds": N_("The visitor's balance is not enough."),
    "wallet_limit_exceeded": N_("The wallet would hold more than its limit."),
    "consent_required": N_(
        "The visitor has not allowed payment here. Ask them to allow it on their phone."
    ),
    "carrier_not_found": N_("No visitor has this card or code."),
    "invalid_carrier": N_("No visitor has this card or code."),
    "invalid_amount": N_("Enter a whole number of yen."),
    "amount_over_limit": N_("The amount is over the limit."),
    "refund_exceeds_charge": N_("That is more than is left to refund."),
    "purpose_not_for_terminal": N_("This desk is not set up for payment."),
    "purpose_not_approved": N_("This desk is not set up for payment."),
}
REFUSED = N_("The payment was refused.")


def yen(amount: int) -> str:
    return f"¥{amount:,}"


@dataclass(frozen=True)
class Line:
    """One operation in a person's words."""

    label: str
    where: str | None
    amount: str
    when: str
    at: datetime
    note: str | None
    receipt: str | None = None


def _signed(payment: Payment) -> str:
    if payment.kind in INTO_WALLET:
        return f"+{yen(payment.amount)}"
    if payment.kind in (OperationKind.hold, OperationKind.release):
        return yen(payment.amount)
    return f"−{yen(payment.amount)}"


@router.get("/wallet", response_class=HTMLResponse)
async def wallet(request: Request, session: Session, me: PageVisitor) -> Response:
    language = web.request_language(request)
    settings = request.app.state.platform.settings
    rules = Rules.from_settings(settings)
    view = await service.wallet(session, me.visitor_id)
    lines = [
        Line(
            label=web.gettext(language, KIND_LABELS[p.kind]),
            where=_name(
                view.servicer_names.get(p.servicer_id) if p.servicer_id else None, language
            ),
            amount=_signed(p),
            when=web.when(p.created_at, language),
            at=p.created_at,
            note=web.gettext(language, N_("Usable until %(date)s"))
            % {"date": web.day(p.expires_at.astimezone(JST).date(), language)}
            if p.expires_at and p.kind in (OperationKind.cash_top_up, OperationKind.card_top_up)
            else None,
            receipt=f"/wallet/receipts/{p.id}" if p.kind in receipts.RECEIPTED else None,
        )
        for p in view.history
    ]
    return web.render(
        request,
        "payments/wallet.html",
        {
            "available": yen(view.balance.available),
            "held": yen(view.balance.held) if view.balance.held else None,
            "lines": lines,
            "limit": yen(rules.wallet_limit),
            "short_validity": rules.regime is WalletRegime.short_validity,
            "days": rules.validity_days,
            "issuer": settings.wallet_issuer,
            "contact": settings.wallet_complaints_contact,
            "card_top_up": settings.stripe_secret_key is not None,
            "card_refunds": [yen(a) for a in await cards.refunded_recently(session, me.visitor_id)],
        },
    )


def _name(names: tuple[str, str] | None, language: i18n.Language) -> str | None:
    if names is None:
        return None
    return names[1] if language.code == "ja" else names[0]


@router.get("/wallet/card", response_class=HTMLResponse)
async def card_page(request: Request, me: PageVisitor) -> Response:
    settings = request.app.state.platform.settings
    return web.render(
        request,
        "payments/card.html",
        {
            "available": settings.stripe_secret_key is not None,
            "limit": yen(settings.wallet_limit),
            "short_validity": settings.wallet_regime is WalletRegime.short_validity,
            "days": settings.wallet_validity_days,
        },
    )


@forms.post("/wallet/card")
async def card_pay_in(
    request: Request,
    session: Session,
    me: PageVisitor,
    amount: Annotated[str, Form(max_length=20)],
) -> Response:
    settings = request.app.state.platform.settings
    parsed: Any = int(amount) if amount.strip().isdigit() else amount
    hosted = await cards.start(
        session,
        Rules.from_settings(settings),
        provider.provider(settings),
        me.visitor_id,
        parsed,
        site_url=web.site_url(request),
    )
    return web.redirect(hosted.url)


# --- The counter ------------------------------------------------------------------------------


def _servicer_of(me: PageStaff) -> uuid.UUID:
    """The servicer a member works for (the router admitted only servicer staff)."""
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


async def _desk(
    request: Request, session: Session, servicer_id: uuid.UUID
) -> AuthenticatedClient | None:
    chosen = request.cookies.get(DESK_COOKIE)
    if not chosen:
        return None
    try:
        return await clients.desk_terminal(session, servicer_id, uuid.UUID(chosen))
    except (ValueError, ApiClientNotFoundError):
        return None


def _refusal(language: i18n.Language, error: AppError) -> str:
    return web.gettext(language, REFUSALS.get(error.code, REFUSED))


async def _once(
    session: Session, scope: str, key: str, what: dict[str, Any], work: Any
) -> tuple[int, dict[str, Any]]:
    """The form's answer, once per key (see the module's docstring)."""
    key = key.strip()[: idempotency.MAX_KEY_LENGTH] or secrets.token_urlsafe(16)
    fingerprint = idempotency.fingerprint("FORM", scope, what)
    stored = await idempotency.claim(session, scope, key, fingerprint)
    if stored is not None:
        return stored.status, stored.body
    try:
        payment: Payment = await work()
    except AppError as exc:
        answer: tuple[int, dict[str, Any]] = (
            int(exc.status),
            {"code": exc.code, "confirmation": exc.extra.get("confirmation")},
        )
    else:
        answer = (201, {"kind": str(payment.kind), "amount": payment.amount, "id": str(payment.id)})
    await idempotency.remember(session, scope, key, *answer)
    return answer


@member_pages.get("/counter/payments", response_class=HTMLResponse)
async def counter_payments(request: Request, session: Session, me: PageStaff) -> Response:
    servicer_id = _servicer_of(me)
    if await _desk(request, session, servicer_id) is None:
        return web.redirect("/counter")
    return web.render(request, "payments/counter.html", {"key": secrets.token_urlsafe(16)})


@member_forms.post("/counter/payments", response_class=HTMLResponse)
async def counter_pay(
    request: Request,
    session: Session,
    me: PageStaff,
    action: Annotated[str, Form(pattern="^(top_up|charge)$")],
    amount: Annotated[str, Form(max_length=20)],
    carrier: Annotated[str, Form(max_length=256)] = "",
    key: Annotated[str, Form(max_length=255)] = "",
) -> Response:
    servicer_id = _servicer_of(me)
    language = web.request_language(request)
    desk = await _desk(request, session, servicer_id)
    if desk is None:
        return web.redirect("/counter")
    presented_value = carrier.strip().replace(" ", "")
    kind = (
        CarrierKind.qr_device
        if presented_value.upper().startswith(QR_PREFIXES)
        else CarrierKind.ic_card
    )
    presented = Presented(kind, presented_value)
    parsed: Any = int(amount) if amount.strip().isdigit() else amount
    rules = Rules.from_settings(request.app.state.platform.settings)
    keys = platform_keys(request)

    async def work() -> Payment:
        if action == "top_up":
            return await service.top_up_cash(
                session, keys, rules, desk, presented, parsed, actor=me.actor
            )
        return await service.charge(session, keys, rules, desk, presented, parsed, actor=me.actor)

    status, answer = await _once(
        session,
        f"staff:{me.staff.user_id}",
        key,
        {"action": action, "amount": amount, "carrier": presented_value},
        work,
    )
    if status < 400:
        done = N_("Paid in: %(amount)s") if action == "top_up" else N_("Charged: %(amount)s")
        result = {"done": web.gettext(language, done) % {"amount": yen(answer["amount"])}}
    elif answer.get("confirmation"):
        asked = answer["confirmation"]
        result = {
            "waiting": f"/counter/payments/confirmations/{asked['id']}",
            "confirm_url": f"{web.site_url(request)}{asked['path']}",
        }
    else:
        result = {"problem": web.gettext(language, REFUSALS.get(answer.get("code", ""), REFUSED))}
    context = {"key": secrets.token_urlsafe(16), **result}
    if request.headers.get("hx-request") == "true":
        return web.render(request, "payments/counter_result.html", context)
    return web.render(request, "payments/counter.html", context)


@member_pages.get("/counter/payments/confirmations/{confirmation_id}", response_class=HTMLResponse)
async def counter_confirmation(
    confirmation_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    """Polled by the waiting counter until the visitor answers on their phone."""
    servicer_id = _servicer_of(me)
    language = web.request_language(request)
    asked = await service.confirmation(session, servicer_id, confirmation_id)
    if asked.state is ConfirmationState.confirmed:
        done = web.gettext(language, N_("Charged: %(amount)s")) % {"amount": yen(asked.amount)}
        return web.render(request, "payments/counter_result.html", {"done": done})
    if asked.state is ConfirmationState.declined or asked.expires_at <= datetime.now(UTC):
        problem = web.gettext(language, REFUSED)
        return web.render(request, "payments/counter_result.html", {"problem": problem})
    return web.render(
        request,
        "payments/counter_result.html",
        {
            "waiting": f"/counter/payments/confirmations/{confirmation_id}",
            "confirm_url": f"{web.site_url(request)}/wallet/confirm/{asked.token}",
        },
    )


@router.get("/wallet/confirm/{token}", response_class=HTMLResponse)
async def confirm_page(token: str, request: Request, session: Session, me: PageVisitor) -> Response:
    language = web.request_language(request)
    asked = await service.confirmation_for_visitor(session, me.visitor_id, token)
    names = await service.servicer_names(session, [asked.servicer_id])
    return web.render(
        request,
        "payments/confirm.html",
        {
            "asked": asked,
            "amount": yen(asked.amount),
            "seller": _name(names.get(asked.servicer_id), language),
            "open": asked.state is ConfirmationState.pending
            and asked.expires_at > datetime.now(UTC),
        },
    )


@forms.post("/wallet/confirm/{token}", response_class=HTMLResponse)
async def confirm(
    token: str,
    request: Request,
    session: Session,
    me: PageVisitor,
    answer: Annotated[str, Form(pattern="^(pay|decline)$")],
) -> Response:
    rules = Rules.from_settings(request.app.state.platform.settings)
    await service.answer_confirmation(session, rules, me.visitor_id, token, accept=answer == "pay")
    return web.redirect("/wallet")


# --- The console: the servicer's day ----------------------------------------------------------


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), JST).astimezone(UTC)
    return start, start + timedelta(days=1)


def _chosen_day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else datetime.now(JST).date()
    except ValueError:
        return datetime.now(JST).date()


@member_pages.get("/console/payments", response_class=HTMLResponse)
async def console_payments(
    request: Request, session: Session, me: PageStaff, day: str | None = None
) -> Response:
    servicer_id = _servicer_of(me)
    language = web.request_language(request)
    chosen = _chosen_day(day)
    start, end = _day_bounds(chosen)
    payments = await service.servicer_day(session, servicer_id, start, end)
    statement = await settlement.statement(session, servicer_id, chosen)
    refundable = await service.refundable(session, servicer_id, [p.id for p in payments])
    return web.render(
        request,
        "payments/console.html",
        {
            "day": chosen,
            "day_label": web.day(chosen, language),
            "payments": [
                {
                    "payment": p,
                    "label": web.gettext(language, KIND_LABELS[p.kind]),
                    "amount": yen(p.amount),
                    "fee": yen(p.fee) if p.fee else "",
                    "when": web.when(p.created_at, language),
                    "refundable": refundable.get(p.id, 0),
                }
                for p in payments
            ],
            "statement": statement,
            "registration_number": await receipts.registration_number(session, servicer_id),
            "admin": me.staff.role is Role.servicer_admin,
            "yen": yen,
            "key": secrets.token_urlsafe(16),
        },
    )


@member_forms.post("/console/payments/{charge_id}/refund", response_class=HTMLResponse)
async def console_refund(
    charge_id: uuid.UUID,
    request: Request,
    session: Session,
    me: PageStaff,
    amount: Annotated[str, Form(max_length=20)] = "",
    key: Annotated[str, Form(max_length=255)] = "",
) -> Response:
    servicer_id = _servicer_of(me)
    language = web.request_language(request)
    parsed: Any = int(amount) if amount.strip().isdigit() else (amount.strip() or None)

    async def work() -> Payment:
        return await service.refund(session, servicer_id, charge_id, parsed, actor=me.actor)

    status, answer = await _once(
        session,
        f"staff:{me.staff.user_id}",
        key,
        {"refund": str(charge_id), "amount": amount},
        work,
    )
    if status >= 400:
        problem = web.gettext(language, REFUSALS.get(answer.get("code", ""), REFUSED))
        return web.render(request, "payments/refused.html", {"problem": problem}, 409)
    return web.redirect("/console/payments")


@member_pages.get("/console/payments/settlement.csv")
async def settlement_csv(
    request: Request, session: Session, me: PageStaff, day: str | None = None
) -> Response:
    servicer_id = _servicer_of(me)
    chosen = _chosen_day(day)
    statement = await settlement.statement(session, servicer_id, chosen)
    return Response(
        settlement.as_csv(statement),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="settlement-{chosen.isoformat()}.csv"',
            "Cache-Control": "no-store",
        },
    )


# --- Receipts ----------------------------------------------------------------------------------


@router.get("/wallet/receipts/{payment_id}", response_class=HTMLResponse)
async def visitor_receipt(
    payment_id: uuid.UUID, request: Request, session: Session, me: PageVisitor
) -> Response:
    language = web.request_language(request)
    made = await receipts.for_visitor(session, me.visitor_id, payment_id)
    return web.render(
        request,
        "payments/receipt.html",
        {
            "receipt": made,
            "label": web.gettext(language, KIND_LABELS[made.kind]),
            "seller": made.seller_ja if language.code == "ja" else made.seller,
            "when": web.when(made.at, language),
            "yen": yen,
        },
    )


@member_pages.get("/console/payments/{payment_id}/invoice", response_class=HTMLResponse)
async def merchant_invoice(
    payment_id: uuid.UUID, request: Request, session: Session, me: PageStaff
) -> Response:
    """The merchant's copy in Japanese: a qualified invoice when it gave its number."""
    servicer_id = _servicer_of(me)
    made = await receipts.for_merchant(session, servicer_id, payment_id)
    at = made.at.astimezone(JST)
    return web.render(
        request,
        "payments/invoice.html",
        {"receipt": made, "date": f"{at.year}年{at.month}月{at.day}日", "yen": yen},
    )


@admin_forms.post("/console/payments/invoice-number")
async def set_invoice_number(
    request: Request,
    session: Session,
    me: PageStaff,
    invoice_registration_number: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    assert me.staff.servicer_id is not None
    await receipts.set_registration_number(
        session, me.staff.servicer_id, invoice_registration_number
    )
    return web.redirect("/console/payments")


router.include_router(admin_forms)
router.include_router(forms)
router.include_router(member_forms)
router.include_router(member_pages)
