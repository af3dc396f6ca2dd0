"""Visitors' voices back to the field: a rating and comment on one interaction, read by the
servicer in Japanese (through the translation chain, with its provenance), answered by staff in
Japanese and read by the visitor in their own language.

A servicer sees feedback under the pairwise subject id it already knows the visitor by, never
more. Staff can report abusive feedback; an operator then hides it or puts it back.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n
from omotenashi.clients.models import ApiClient
from omotenashi.errors import FieldError, TooManyRequestsError
from omotenashi.feedback.errors import (
    AlreadyRatedError,
    EditWindowClosedError,
    FeedbackNotFoundError,
    InteractionNotFoundError,
    InvalidFeedbackError,
)
from omotenashi.feedback.models import Feedback, FeedbackReply, FeedbackState
from omotenashi.resolve import queries as access_log
from omotenashi.resolve import service as resolve
from omotenashi.security import audit
from omotenashi.security.keys import MasterKey
from omotenashi.security.pairwise import pairwise_key, subject_id
from omotenashi.servicers.purposes import INVITATION_EVENTS
from omotenashi.translation import service as translation
from omotenashi.visitors.models import Visitor
from omotenashi.webhooks import service as webhooks

log = structlog.get_logger(__name__)

RATE_WINDOW = timedelta(days=30)  # how long after an interaction it can be rated
EDIT_WINDOW = timedelta(hours=24)
MAX_COMMENT = 1000
MAX_PER_HOUR = 10  # feedback a visitor can give in an hour: plenty for a person, not for a bot
JAPANESE = "ja"


@dataclass(frozen=True)
class Translated:
    text: str | None
    provenance: str | None  # "original" when no translation was needed


async def _translated(
    session: AsyncSession,
    chain: translation.Chain,
    text: str,
    source: str,
    target: str,
    servicer_id: uuid.UUID,
) -> Translated:
    if i18n.match_tag(source) is i18n.match_tag(target):
        return Translated(text, "original")
    (outcome,) = await translation.translate(
        session,
        chain,
        [translation.TextToTranslate(text, source, target)],
        servicer_id=servicer_id,
    )
    provenance = str(outcome.provenance) if outcome.provenance else None
    return Translated(outcome.text, provenance)


def _checked(rating: int, comment: str | None) -> str | None:
    errors = []
    if not 1 <= rating <= 5:
        errors.append(FieldError("rating", "Give 1 to 5 stars.", "out_of_range"))
    text = (comment or "").strip() or None
    if text is not None and len(text) > MAX_COMMENT:
        errors.append(FieldError("comment", f"Use at most {MAX_COMMENT} characters.", "too_long"))
    if errors:
        raise InvalidFeedbackError(fields=errors)
    return text


async def _set_comment(
    session: AsyncSession,
    chain: translation.Chain,
    feedback: Feedback,
    comment: str | None,
    language: str,
) -> None:
    feedback.comment, feedback.comment_language = comment, language if comment else None
    if comment is None:
        feedback.comment_ja = feedback.comment_ja_provenance = None
        return
    japanese = await _translated(session, chain, comment, language, JAPANESE, feedback.servicer_id)
    feedback.comment_ja, feedback.comment_ja_provenance = japanese.text, japanese.provenance


async def give(
    session: AsyncSession,
    chain: translation.Chain,
    visitor_id: uuid.UUID,
    access_log_id: int,
    *,
    rating: int,
    comment: str | None,
    language: str,
    now: datetime | None = None,
) -> Feedback:
    """The visitor rates one of their interactions (once; afterwards they change it)."""
    now = now or datetime.now(UTC)
    text = _checked(rating, comment)
    entry = (
        await session.execute(
            access_log.line_of(visitor_id, access_log_id, since=now - RATE_WINDOW)
        )
    ).one_or_none()
    if entry is None:
        raise InteractionNotFoundError()
    if await session.scalar(sa.select(Feedback.id).where(Feedback.access_log_id == entry.id)):
        raise AlreadyRatedError()
    recent = await session.scalar(
        sa.select(sa.func.count()).where(
            Feedback.visitor_id == visitor_id, Feedback.created_at > now - timedelta(hours=1)
        )
    )
    if (recent or 0) >= MAX_PER_HOUR:
        raise TooManyRequestsError(3600)
    feedback = Feedback(
        access_log_id=entry.id,
        visitor_id=visitor_id,
        servicer_id=entry.servicer_id,
        terminal_id=entry.terminal_id,
        purpose=entry.purpose,
        rating=rating,
        created_at=now,
        updated_at=now,
    )
    await _set_comment(session, chain, feedback, text, language)
    session.add(feedback)
    await session.flush()
    log.info("feedback.given", feedback_id=str(feedback.id), rating=rating)
    await webhooks.emit(
        session,
        feedback.servicer_id,
        "feedback.received",
        {
            "feedback_id": str(feedback.id),
            "rating": rating,
            "purpose": feedback.purpose,
            "terminal_id": str(feedback.terminal_id) if feedback.terminal_id else None,
            "has_comment": text is not None,
        },
        visitor_id=visitor_id,
        now=now,
    )
    return feedback


async def of_visitor(
    session: AsyncSession, visitor_id: uuid.UUID, feedback_id: uuid.UUID
) -> Feedback:
    found = await session.scalar(
        sa.select(Feedback).where(Feedback.id == feedback_id, Feedback.visitor_id == visitor_id)
    )
    if found is None:
        raise FeedbackNotFoundError()
    return found


async def change(
    session: AsyncSession,
    chain: translation.Chain,
    visitor_id: uuid.UUID,
    feedback_id: uuid.UUID,
    *,
    rating: int,
    comment: str | None,
    language: str,
    now: datetime | None = None,
) -> Feedback:
    now = now or datetime.now(UTC)
    feedback = await of_visitor(session, visitor_id, feedback_id)
    if now - feedback.created_at > EDIT_WINDOW:
        raise EditWindowClosedError()
    text = _checked(rating, comment)
    feedback.rating, feedback.updated_at = rating, now
    if text != feedback.comment or language != feedback.comment_language:
        await _set_comment(session, chain, feedback, text, language)
    await session.flush()
    log.info("feedback.changed", feedback_id=str(feedback.id), rating=rating)
    return feedback


async def remove(session: AsyncSession, visitor_id: uuid.UUID, feedback_id: uuid.UUID) -> None:
    """The visitor takes their feedback back, replies and all; at any time."""
    feedback = await of_visitor(session, visitor_id, feedback_id)
    await session.delete(feedback)
    await session.flush()
    log.info("feedback.removed", feedback_id=str(feedback_id))


async def by_interaction(
    session: AsyncSession, visitor_id: uuid.UUID, access_log_ids: Sequence[int]
) -> dict[int, Feedback]:
    """The visitor's feedback on these interactions, by access-log entry."""
    rows = await session.scalars(
        sa.select(Feedback).where(
            Feedback.visitor_id == visitor_id, Feedback.access_log_id.in_(list(access_log_ids))
        )
    )
    return {feedback.access_log_id: feedback for feedback in rows}


RATE_WITHIN = timedelta(days=1)


async def unrated_interaction(
    session: AsyncSession, visitor_id: uuid.UUID, now: datetime | None = None
) -> resolve.Disclosure | None:
    """A short-lived prompt for the visitor's home page: the latest interaction of the last day
    that they have not rated."""
    since = (now or datetime.now(UTC)) - RATE_WITHIN
    recent = [
        e
        for e in await resolve.disclosures(session, visitor_id, limit=5)
        if e.at > since and e.purpose not in INVITATION_EVENTS  # an agency served no one
    ]
    rated = await by_interaction(session, visitor_id, [e.id for e in recent])
    return next((entry for entry in recent if entry.id not in rated), None)


async def replies_to(
    session: AsyncSession, feedback_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[FeedbackReply]]:
    rows = await session.scalars(
        sa.select(FeedbackReply)
        .where(FeedbackReply.feedback_id.in_(list(feedback_ids)))
        .order_by(FeedbackReply.created_at)
    )
    found: dict[uuid.UUID, list[FeedbackReply]] = {}
    for reply in rows:
        found.setdefault(reply.feedback_id, []).append(reply)
    return found


# --- The servicer's side ------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxEntry:
    feedback: Feedback
    subject: str  # the pairwise id this servicer knows the visitor by; nothing else of them
    terminal: str | None
    replies: list[FeedbackReply]


def _servicers(servicer_id: uuid.UUID) -> sa.Select[Feedback]:
    return sa.select(Feedback).where(
        Feedback.servicer_id == servicer_id, Feedback.state != FeedbackState.hidden
    )


async def inbox(
    session: AsyncSession, root: MasterKey, servicer_id: uuid.UUID, *, limit: int = 100
) -> list[InboxEntry]:
    """The servicer's feedback, newest first."""
    rows = (
        await session.execute(
            _servicers(servicer_id)
            .add_columns(ApiClient.label)
            .outerjoin(ApiClient, ApiClient.id == Feedback.terminal_id)
            .order_by(Feedback.created_at.desc())
            .limit(limit)
        )
    ).all()
    replies = await replies_to(session, [feedback.id for feedback, _ in rows])
    key = pairwise_key(root)
    return [
        InboxEntry(
            feedback,
            subject_id(key, servicer_id, feedback.visitor_id),
            terminal,
            replies.get(feedback.id, []),
        )
        for feedback, terminal in rows
    ]


async def _servicers_feedback(
    session: AsyncSession, servicer_id: uuid.UUID, feedback_id: uuid.UUID
) -> Feedback:
    found = await session.scalar(_servicers(servicer_id).where(Feedback.id == feedback_id))
    if found is None:
        raise FeedbackNotFoundError()
    return found


async def reply(
    session: AsyncSession,
    chain: translation.Chain,
    servicer_id: uuid.UUID,
    staff_user_id: uuid.UUID | None,
    feedback_id: uuid.UUID,
    body: str,
) -> FeedbackReply:
    """Staff answer in Japanese; the visitor reads it in their language."""
    feedback = await _servicers_feedback(session, servicer_id, feedback_id)
    text = body.strip()
    if not text or len(text) > MAX_COMMENT:
        raise InvalidFeedbackError(
            fields=[FieldError("body", f"Write 1 to {MAX_COMMENT} characters.", "length")]
        )
    language = await session.scalar(
        sa.select(Visitor.language).where(Visitor.id == feedback.visitor_id)
    )
    target = language or i18n.DEFAULT.code
    translated = await _translated(session, chain, text, JAPANESE, target, servicer_id)
    answer = FeedbackReply(
        visitor_id=feedback.visitor_id,
        feedback_id=feedback.id,
        staff_user_id=staff_user_id,
        body=text,
        translated=translated.text,
        translated_language=target,
        translated_provenance=translated.provenance,
    )
    session.add(answer)
    await session.flush()
    log.info("feedback.replied", feedback_id=str(feedback.id), reply_id=str(answer.id))
    return answer


async def report(
    session: AsyncSession,
    servicer_id: uuid.UUID,
    feedback_id: uuid.UUID,
    reason: str,
    *,
    actor: str,
) -> Feedback:
    """Staff flag abusive feedback; it stays readable until an operator decides."""
    feedback = await _servicers_feedback(session, servicer_id, feedback_id)
    feedback.state, feedback.report_reason = FeedbackState.reported, reason.strip()[:500] or None
    await session.flush()
    await audit.record(
        session, actor=actor, action="feedback.reported", target=f"feedback:{feedback.id}"
    )
    return feedback


# --- The operator's side ------------------------------------------------------------------------


async def reported(session: AsyncSession, *, limit: int = 100) -> list[Feedback]:
    rows = await session.scalars(
        sa.select(Feedback)
        .where(Feedback.state == FeedbackState.reported)
        .order_by(Feedback.updated_at)
        .limit(limit)
    )
    return list(rows.all())


async def moderate(
    session: AsyncSession, feedback_id: uuid.UUID, *, hide: bool, actor: str
) -> Feedback:
    """Hide reported feedback from the servicer, or put it back."""
    feedback = await session.scalar(sa.select(Feedback).where(Feedback.id == feedback_id))
    if feedback is None:
        raise FeedbackNotFoundError()
    feedback.state = FeedbackState.hidden if hide else FeedbackState.visible
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="feedback.hidden" if hide else "feedback.restored",
        target=f"feedback:{feedback.id}",
    )
    return feedback


async def all_of_visitor(session: AsyncSession, visitor_id: uuid.UUID) -> list[Feedback]:
    """Everything the visitor said, for their export."""
    rows = await session.scalars(
        sa.select(Feedback).where(Feedback.visitor_id == visitor_id).order_by(Feedback.created_at)
    )
    return list(rows.all())
