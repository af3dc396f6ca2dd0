"""Alert jobs: fan an issued alert out to its recipients' push subscriptions, deliver each
batch, retry what failed with backoff, and drop subscriptions the push service says are gone."""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import aiohttp
import structlog
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import jobs
from omotenashi.alerts import fanout, feed, push
from omotenashi.alerts.catalogue import Severity
from omotenashi.alerts.models import (
    AlertState,
    AlertTarget,
    FeedState,
    PushSubscription,
    StoredAlert,
)
from omotenashi.visitors.models import Visitor

if TYPE_CHECKING:
    from omotenashi.runtime import Platform

log = structlog.get_logger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(seconds=5)
"""Then 10, 20, 40 s: a push service that is briefly down is reached within about a minute."""


@jobs.job(fanout.FAN_OUT_JOB)
async def fan_out(session: AsyncSession, payload: dict[str, Any], platform: Platform) -> None:
    await fanout.fan_out(session, uuid.UUID(payload["alert_id"]), notice=payload.get("notice"))


@jobs.periodic("alerts.resume_fan_outs", "* * * * *")
async def resume_fan_outs(session: AsyncSession) -> None:
    """A fan-out whose job was lost (a worker crashed mid-slice) goes on from its last slice."""
    await fanout.resume_stalled(session)


def _topic(alert: StoredAlert) -> str | None:
    """RFC 8030 Topic: a newer report of the same event replaces an undelivered older one."""
    if alert.event_id is None:
        return None
    digest = hashlib.sha256(f"{alert.source}\n{alert.event_id}".encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()[:32]


async def deliver_batch(
    session: AsyncSession,
    platform: Platform,
    alert_id: uuid.UUID,
    subscription_ids: list[uuid.UUID],
    attempt: int = 0,
    *,
    notice: str | None = None,
    http: aiohttp.ClientSession | None = None,
) -> dict[push.Outcome, int]:
    """Push ``alert_id`` to each subscription, in its visitor's language (or, with ``notice``
    "cancelled", that it was withdrawn)."""
    alert = await session.get(StoredAlert, alert_id)
    expected = AlertState.cancelled if notice == fanout.CANCELLED_NOTICE else AlertState.issued
    if alert is None or alert.state is not expected:
        # Cancelled or replaced before it went out: a stale alert is worse than none.
        return {}
    if platform.keys.vapid_key is None:
        raise RuntimeError("no VAPID key is configured")
    rows = (
        await session.execute(
            select(
                PushSubscription.id,
                PushSubscription.endpoint,
                PushSubscription.p256dh,
                PushSubscription.auth,
                func.coalesce(AlertTarget.language, Visitor.language).label("language"),
            )
            .join(Visitor, Visitor.id == PushSubscription.visitor_id)
            .outerjoin(AlertTarget, AlertTarget.visitor_id == PushSubscription.visitor_id)
            .where(PushSubscription.id.in_(subscription_ids))
        )
    ).all()
    url = f"{platform.settings.base_url}/alerts/{alert.id}"
    messages: dict[str, bytes] = {}

    def message_in(language: str) -> bytes:
        chosen = language if language in alert.renderings else "en"
        if chosen not in messages and notice is not None:
            messages[chosen] = push.notice(
                alert_id=str(alert.id),
                notice=notice,
                language=chosen,
                alert_type=alert.type,
                source=alert.source,
                issued_at=alert.issued_at.isoformat(),
                url=url,
            )
        if chosen not in messages:
            messages[chosen] = push.message(
                alert_id=str(alert.id),
                rendering=alert.renderings[chosen],
                language=chosen,
                alert_type=alert.type,
                severity=alert.severity,
                status=alert.status,
                source=alert.source,
                issued_at=alert.issued_at.isoformat(),
                url=url,
                signature=alert.signature,
            )
        return messages[chosen]

    ttl = 86_400
    if alert.expires_at is not None:
        ttl = max(60, min(ttl, int((alert.expires_at - datetime.now(UTC)).total_seconds())))
    owned = http is None
    loopback = platform.settings.push_loopback_endpoints
    client = http or push.guarded_session(allow_loopback=loopback)
    try:
        sender = push.Sender(
            platform.keys.vapid_key,
            platform.settings.vapid_subject,
            client,
            ttl=ttl,
            urgency="high" if alert.severity >= Severity.WARNING else "normal",
            topic=_topic(alert),
            allow_loopback=loopback,
        )
        outcomes = await push.send_all(
            sender,
            (
                (push.Subscription(row.endpoint, row.p256dh, row.auth), message_in(row.language))
                for row in rows
            ),
        )
    finally:
        if owned:
            await client.close()
    by_outcome: dict[push.Outcome, list[uuid.UUID]] = {outcome: [] for outcome in push.Outcome}
    waits = [0]
    for row, (outcome, wait) in zip(rows, outcomes, strict=True):
        by_outcome[outcome].append(row.id)
        if wait:
            waits.append(wait)
    now = datetime.now(UTC)
    if by_outcome[push.Outcome.delivered]:
        await session.execute(
            update(PushSubscription)
            .where(PushSubscription.id.in_(by_outcome[push.Outcome.delivered]))
            .values(last_delivered_at=now)
        )
    if by_outcome[push.Outcome.gone]:
        await session.execute(
            delete(PushSubscription).where(PushSubscription.id.in_(by_outcome[push.Outcome.gone]))
        )
    failed = len(by_outcome[push.Outcome.rejected])
    retry = by_outcome[push.Outcome.retry]
    if retry and attempt + 1 < MAX_ATTEMPTS:
        delay = max(FIRST_RETRY * 2**attempt, timedelta(seconds=max(waits)))
        await jobs.enqueue(
            session,
            fanout.DELIVER_JOB,
            {
                "alert_id": str(alert.id),
                "subscriptions": [str(subscription) for subscription in retry],
                "attempt": attempt + 1,
                "notice": notice,
            },
            delay=delay,
        )
    else:
        failed += len(retry)
    await session.execute(
        update(StoredAlert)
        .where(StoredAlert.id == alert.id)
        .values(
            delivered=StoredAlert.delivered + len(by_outcome[push.Outcome.delivered]),
            failed=StoredAlert.failed + failed,
        )
    )
    counts = {outcome: len(ids) for outcome, ids in by_outcome.items()}
    log.info(
        "alert.batch_delivered",
        alert_id=str(alert.id),
        attempt=attempt,
        **{str(outcome): count for outcome, count in counts.items()},
    )
    return counts


@jobs.job(fanout.DELIVER_JOB)
async def deliver(session: AsyncSession, payload: dict[str, Any], platform: Platform) -> None:
    await deliver_batch(
        session,
        platform,
        uuid.UUID(payload["alert_id"]),
        [uuid.UUID(subscription) for subscription in payload["subscriptions"]],
        int(payload.get("attempt", 0)),
        notice=payload.get("notice"),
    )


POLL_FEEDS_JOB = "alerts.poll_feeds"


@jobs.periodic("alerts.poll_feeds_each_minute", "* * * * *")
async def poll_feeds_each_minute(session: AsyncSession) -> None:
    # A schedule has no settings; the job it enqueues does, and does nothing without feeds.
    await jobs.enqueue(session, POLL_FEEDS_JOB, {"first": True})


@jobs.job(POLL_FEEDS_JOB)
async def poll_feeds(session: AsyncSession, payload: dict[str, Any], platform: Platform) -> None:
    """Poll JMA's feeds. The schedule starts one a minute; with an interval below a minute the
    first enqueues the others of its minute; above, feeds polled more recently are left."""
    settings = platform.settings
    if not settings.jma_feed_urls:
        return
    interval = settings.jma_poll_interval_seconds
    if payload.get("first") and interval < 60:
        for later in range(interval, 60, interval):
            await jobs.enqueue(session, POLL_FEEDS_JOB, {}, delay=timedelta(seconds=later))
        await session.commit()
    poller = feed.Poller.from_settings(settings, platform.keys)
    if interval > 60:
        recent = datetime.now(UTC) - timedelta(seconds=interval - 30)
        polled = dict(
            (await session.execute(select(FeedState.url, FeedState.polled_at))).tuples().all()
        )
        poller.feeds = [url for url in poller.feeds if polled.get(url, recent) <= recent]
    await poller.poll(session)


@jobs.periodic("alerts.forget_lapsed_targets", "17 * * * *")
async def forget_lapsed_targets(session: AsyncSession) -> None:
    """Targeting rows whose emergency consent has ended are no longer needed for anything."""
    await session.execute(delete(AlertTarget).where(AlertTarget.emergency_until < func.now()))
