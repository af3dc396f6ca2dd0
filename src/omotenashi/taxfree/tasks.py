"""Tax-free jobs: transmission, customs confirmations pulled, deadlines and reminders, the
refund, telling the visitor, and deleting records after their seven years."""

from __future__ import annotations

import json
import uuid
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n, jobs
from omotenashi.alerts import push
from omotenashi.alerts.models import PushSubscription
from omotenashi.errors import AppError
from omotenashi.mail import service as mail
from omotenashi.payments import provider
from omotenashi.runtime import Platform
from omotenashi.taxfree import messages, nta, service
from omotenashi.taxfree.models import RefundMethod, TaxFreeRecord, TaxFreeShop
from omotenashi.visitors import service as visitors

log = structlog.get_logger(__name__)

TRANSMIT_JOB = "taxfree.transmit"
PULL_JOB = "taxfree.pull_confirmations"


_gateway: nta.HttpNta | None = None


def gateway() -> nta.NtaGateway:
    """One adapter per worker process, its connections pooled per shop."""
    global _gateway
    if _gateway is None:
        _gateway = nta.HttpNta()
    return _gateway


async def _connected_shops(session: AsyncSession) -> list[uuid.UUID]:
    return list(
        await session.scalars(
            select(TaxFreeShop.servicer_id).where(TaxFreeShop.nta_environment.is_not(None))
        )
    )


@jobs.periodic("taxfree.transmit_built", "*/5 * * * *")
async def transmit_built(session: AsyncSession) -> None:
    for servicer_id in await _connected_shops(session):
        await jobs.enqueue(session, TRANSMIT_JOB, {"servicer_id": str(servicer_id)})


@jobs.job(TRANSMIT_JOB)
async def transmit(session: AsyncSession, payload: dict[str, Any], platform: Platform) -> None:
    try:
        await service.transmit(
            session,
            platform.keys,
            platform.settings,
            gateway(),
            uuid.UUID(str(payload["servicer_id"])),
        )
    except AppError as exc:  # the system unreachable: the next round tries again
        log.warning("taxfree.transmit_deferred", code=exc.code)


@jobs.periodic("taxfree.pull_each_hour", "23 * * * *")
async def pull_each_hour(session: AsyncSession) -> None:
    for servicer_id in await _connected_shops(session):
        await jobs.enqueue(session, PULL_JOB, {"servicer_id": str(servicer_id)})


@jobs.job(PULL_JOB)
async def pull(session: AsyncSession, payload: dict[str, Any], platform: Platform) -> None:
    try:
        await service.pull_confirmations(
            session,
            platform.keys,
            platform.settings,
            gateway(),
            uuid.UUID(str(payload["servicer_id"])),
        )
    except AppError as exc:
        log.warning("taxfree.pull_deferred", code=exc.code)


@jobs.periodic("taxfree.daily", "10 15 * * *")  # 00:10 in Japan
async def daily(session: AsyncSession) -> None:
    """Deadlines passed forfeit; reminders 14 and 3 days before; records past 7 years go."""
    await service.forfeit_overdue(session)
    await service.due_reminders(session)
    await service.purge_expired(session)


@jobs.job(service.REFUND_JOB)
async def refund(session: AsyncSession, payload: dict[str, Any], platform: Platform) -> None:
    record_id = uuid.UUID(str(payload["record_id"]))
    found = await session.get(TaxFreeRecord, record_id)
    card = None
    if found is not None and found.refund_method is RefundMethod.card:
        card = provider.provider(platform.settings)
    await service.refund(session, record_id, card=card)


async def tell(session: AsyncSession, platform: Platform, record_id: uuid.UUID, what: str) -> bool:
    """Tell the visitor about their record in their language, by push to their subscribed
    browsers and by e-mail; False when there is nobody to tell (erased, or neither)."""
    found = await session.get(TaxFreeRecord, record_id)
    if found is None or found.visitor_id is None:
        return False
    visitor = await visitors.get(session, found.visitor_id)
    profile = await visitors.read_profile(
        session, platform.keys.keyring, visitor.id, keys=["email"]
    )
    code = visitor.language
    gettext = i18n.translations(code).gettext
    link = f"{platform.settings.public_url or ''}/me/tax-free"
    shop = found.seller_name
    if what.startswith("reminder_"):
        days = int(what.removeprefix("reminder_"))
        subject = gettext(messages.REMINDER_SUBJECT).format(shop=shop, days=i18n.number(code, days))
        body = gettext(messages.REMINDER_BODY).format(
            shop=shop, deadline=i18n.date_text(code, found.deadline), link=link
        )
    elif what == "forfeited":
        reason = await _reason(session, record_id)
        subject = gettext(messages.FORFEITED_SUBJECT).format(shop=shop)
        body = gettext(messages.FORFEITED_BODY).format(
            reason=gettext(messages.REASONS.get(reason or "", messages.REASON_NOT_CONFIRMED)),
            link=link,
        )
    elif what == "refunded":
        method = (
            messages.METHOD_CARD
            if found.refund_method is RefundMethod.card
            else messages.METHOD_WALLET
        )
        subject = gettext(messages.REFUNDED_SUBJECT).format(shop=shop)
        body = gettext(messages.REFUNDED_BODY).format(
            amount=f"¥{i18n.number(code, found.tax - found.fee)}", method=gettext(method), link=link
        )
    else:
        return False
    pushed = await _push(session, platform, found, code, subject, link)
    if profile.get("email"):
        await mail.enqueue(
            session, platform.keys.derivation, to=str(profile["email"]), subject=subject, body=body
        )
    log.info("taxfree.visitor_told", record_id=str(record_id), what=what, pushed=pushed)
    return pushed > 0 or bool(profile.get("email"))


async def _push(
    session: AsyncSession,
    platform: Platform,
    found: TaxFreeRecord,
    language: str,
    subject: str,
    link: str,
) -> int:
    """A notification on each of the visitor's subscribed browsers (the alerts' Web Push
    machinery; the service worker shows ``headline`` and opens ``url``). Best effort: the
    e-mail and the page carry the same news."""
    if platform.keys.vapid_key is None or found.visitor_id is None:
        return 0
    rows = (
        await session.execute(
            select(PushSubscription.endpoint, PushSubscription.p256dh, PushSubscription.auth).where(
                PushSubscription.visitor_id == found.visitor_id
            )
        )
    ).all()
    if not rows:
        return 0
    data = json.dumps(
        {
            "alert_id": f"tax-free-{found.id}",
            "headline": subject,
            "lines": [found.seller_name],
            "language": language,
            "url": link,
        },
        ensure_ascii=False,
    ).encode()
    loopback = platform.settings.push_loopback_endpoints
    async with push.guarded_session(allow_loopback=loopback) as http:
        sender = push.Sender(
            platform.keys.vapid_key,
            platform.settings.vapid_subject,
            http,
            urgency="normal",
            allow_loopback=loopback,
        )
        outcomes = await push.send_all(
            sender, ((push.Subscription(r.endpoint, r.p256dh, r.auth), data) for r in rows)
        )
    return sum(1 for outcome, _ in outcomes if outcome is push.Outcome.delivered)


async def _reason(session: AsyncSession, record_id: uuid.UUID) -> str | None:
    changes = await service.history(session, record_id)
    return next((c.reason for c in reversed(changes) if c.to_state.value == "forfeited"), None)


@jobs.job(service.TELL_JOB)
async def tell_job(session: AsyncSession, payload: dict[str, Any], platform: Platform) -> None:
    await tell(session, platform, uuid.UUID(str(payload["record_id"])), str(payload["what"]))
