"""The translation bank's API: contributions from servicers and the operator, and the
operator's statistics. The configured translation chain is ``translation.dependencies``'s."""

from __future__ import annotations

from fastapi import APIRouter

from omotenashi.auth.dependencies import CurrentOperator
from omotenashi.deps import Session
from omotenashi.servicers.dependencies import ServicerAdmin
from omotenashi.translation import service
from omotenashi.translation.schemas import (
    ContributionIn,
    ContributionOut,
)
from omotenashi.translation.tmx import Segment

router = APIRouter(prefix="/v1", tags=["translation bank"])


def _segments(body: ContributionIn) -> list[Segment]:
    return [
        Segment(s.source_lang, s.source_text, s.target_lang, s.target_text) for s in body.segments
    ]


@router.post(
    "/operator/translation-bank/segments",
    status_code=201,
    response_model=ContributionOut,
    summary="Contribute parallel segments to the bank under a licence, as the platform",
)
async def operator_contribution(
    body: ContributionIn, operator: CurrentOperator, session: Session
) -> ContributionOut:
    """For operators: add parallel segments to the translation bank as the platform, under a
    licence."""
    added = await service.contribute(
        session,
        _segments(body),
        licence=body.licence,
        servicer_id=None,
        source=body.source,
        actor=operator.actor,
    )
    return ContributionOut(added=added.added, duplicates=added.duplicates)


@router.post(
    "/servicer/translation-bank/segments",
    status_code=201,
    response_model=ContributionOut,
    summary="Contribute my parallel segments to the bank under a licence",
)
async def servicer_contribution(
    body: ContributionIn, admin: ServicerAdmin, session: Session
) -> ContributionOut:
    """Share your own parallel segments (source and translation) with the translation bank under a
    licence, so that others' translations improve."""
    added = await service.contribute(
        session,
        _segments(body),
        licence=body.licence,
        servicer_id=admin.servicer_id,
        source=body.source,
        actor=admin.actor,
    )
    return ContributionOut(added=added.added, duplicates=added.duplicates)
