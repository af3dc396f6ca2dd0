"""The servicer's feedback through the API, as its console's inbox offers it: read, reply,
report. The visitor is named by the servicer's pairwise subject, never more."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from omotenashi.deps import Session, platform_keys
from omotenashi.feedback import service
from omotenashi.servicers.dependencies import ServicerAdmin
from omotenashi.text import RequestBody
from omotenashi.translation.dependencies import TranslationChain

router = APIRouter(prefix="/v1/servicer/feedback", tags=["feedback"])


class ReplyOut(BaseModel):
    id: uuid.UUID
    body: str = Field(description="As written, in Japanese")
    translated: str | None = Field(description="What the visitor reads, in their language")
    translated_language: str
    created_at: datetime


class FeedbackOut(BaseModel):
    id: uuid.UUID
    subject: str = Field(description="The visitor, by this servicer's pairwise subject id")
    purpose: str
    terminal: str | None = Field(description="The terminal's label, if one served the visitor")
    rating: int = Field(ge=1, le=5)
    comment: str | None = Field(description="As the visitor wrote it")
    comment_language: str | None
    comment_ja: str | None = Field(description="The comment in Japanese")
    comment_ja_provenance: str | None = Field(
        description="Where the Japanese came from: original, memory, machine or human"
    )
    state: str
    created_at: datetime
    replies: list[ReplyOut]


class ReplyIn(RequestBody):
    body: str = Field(min_length=1, max_length=1000, description="In Japanese")


class ReportIn(RequestBody):
    reason: str = Field("", max_length=500)


@router.get("", response_model=list[FeedbackOut], summary="Visitors' feedback, newest first")
async def inbox(admin: ServicerAdmin, session: Session, request: Request) -> list[FeedbackOut]:
    """Read visitors' feedback on your organisation, newest first, translated into Japanese."""
    entries = await service.inbox(session, platform_keys(request).derivation, admin.servicer_id)
    return [
        FeedbackOut(
            id=e.feedback.id,
            subject=e.subject,
            purpose=e.feedback.purpose,
            terminal=e.terminal,
            rating=e.feedback.rating,
            comment=e.feedback.comment,
            comment_language=e.feedback.comment_language,
            comment_ja=e.feedback.comment_ja,
            comment_ja_provenance=e.feedback.comment_ja_provenance,
            state=str(e.feedback.state),
            created_at=e.feedback.created_at,
            replies=[
                ReplyOut(
                    id=r.id,
                    body=r.body,
                    translated=r.translated,
                    translated_language=r.translated_language,
                    created_at=r.created_at,
                )
                for r in e.replies
            ],
        )
        for e in entries
    ]


@router.post(
    "/{feedback_id}/replies",
    response_model=ReplyOut,
    status_code=201,
    summary="Answer feedback in Japanese; the visitor reads it in their language",
)
async def reply(
    feedback_id: uuid.UUID,
    body: ReplyIn,
    admin: ServicerAdmin,
    session: Session,
    chain: TranslationChain,
) -> ReplyOut:
    """Answer a visitor's feedback in Japanese; the visitor reads it in their own language."""
    answer = await service.reply(session, chain, admin.servicer_id, None, feedback_id, body.body)
    await session.refresh(answer, ["created_at"])
    return ReplyOut(
        id=answer.id,
        body=answer.body,
        translated=answer.translated,
        translated_language=answer.translated_language,
        created_at=answer.created_at,
    )


@router.post(
    "/{feedback_id}/report",
    status_code=202,
    summary="Report abusive feedback to the operator",
)
async def report(
    feedback_id: uuid.UUID, body: ReportIn, admin: ServicerAdmin, session: Session
) -> dict[str, str]:
    """It stays readable until an operator hides it or puts it back."""
    feedback = await service.report(
        session, admin.servicer_id, feedback_id, body.reason, actor=admin.actor
    )
    return {"id": str(feedback.id), "state": str(feedback.state)}
