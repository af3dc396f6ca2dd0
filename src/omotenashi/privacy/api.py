"""The visitor's privacy controls: who saw my data, export everything, erase me now."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from omotenashi.auth.dependencies import CurrentVisitor
from omotenashi.deps import ReadSession, Session, platform_keys
from omotenashi.privacy import service
from omotenashi.privacy.schemas import DisclosureOut, Seen
from omotenashi.servicers.purposes import purpose_label
from omotenashi.visitors import catalogue

router = APIRouter(prefix="/v1/me", tags=["visitor"])


@router.get(
    "/access-log",
    response_model=list[DisclosureOut],
    summary="Who saw my data: every disclosure, newest first",
)
async def access_log(
    me: CurrentVisitor,
    session: ReadSession,
    before: Annotated[
        datetime | None, Query(description="For the next page: the last `at` seen")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[DisclosureOut]:
    """Show the visitor every disclosure of their data: which servicer saw which items, for which
    purpose, and when."""
    return [
        DisclosureOut(
            at=entry.at,
            servicer_name=entry.servicer_name,
            servicer_name_ja=entry.servicer_name_ja,
            terminal=entry.terminal_label,
            location=entry.terminal_location,
            purpose=Seen(key=entry.purpose, label=purpose_label(entry.purpose, me.language)),
            attributes=[
                Seen(key=key, label=catalogue.get(key).label(me.language))
                for key in entry.attribute_keys
            ],
        )
        for entry in await service.disclosures(session, me.visitor_id, limit=limit, before=before)
    ]


@router.get(
    "/export",
    summary="Everything the platform holds about me, as a JSON download",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}},
)
async def export(me: CurrentVisitor, session: ReadSession, request: Request) -> Response:
    """Download everything the platform holds about the visitor as one JSON document (data
    portability)."""
    keys = platform_keys(request)
    document = await service.export(session, keys, me.visitor_id)
    day = datetime.now(UTC).date().isoformat()
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="omotenashi-my-data-{day}.json"',
            "Cache-Control": "no-store",
        },
    )


@router.delete(
    "",
    status_code=204,
    summary="Erase me now: profile, family members, carriers, consents and access log",
)
async def erase_me(me: CurrentVisitor, session: Session) -> Response:
    """Erase the visitor's account and everything held about them now; the session stops working."""
    await service.erase_me(session, me.visitor_id)
    return Response(status_code=204)


@router.delete("/family/{member_id}", status_code=204, summary="Erase a family member's data now")
async def erase_family_member(
    member_id: uuid.UUID, me: CurrentVisitor, session: Session
) -> Response:
    """Erase a family member the visitor registered, with everything held about them, now."""
    await service.erase_family_member(session, me.visitor_id, member_id)
    return Response(status_code=204)
