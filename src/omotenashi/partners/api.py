"""A travel agency's API: upload travellers to pre-register, follow the invitations' states
and counts, withdraw one. Its callers hold ``partners:invite`` (or administer the agency)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request

from omotenashi import web
from omotenashi.deps import Session, platform_keys
from omotenashi.partners import service
from omotenashi.partners.dependencies import AgencyCaller
from omotenashi.partners.formats import ImportFormat, UnreadableFileError
from omotenashi.partners.models import OPEN_STATES, Invitation
from omotenashi.partners.schemas import CountsOut, ImportOut, InvitationOut, RefusedRow

router = APIRouter(prefix="/v1/partners", tags=["partners"])

IMPORTS = "/v1/partners/imports"
MAX_FILE = 64 * 1024 * 1024  # 100,000 travellers with every field fit in well under this
# The console's upload form carries the same file, with the form's few fields around it.
LARGE_BODIES = {IMPORTS: MAX_FILE, "/partners/console/imports": MAX_FILE + 64 * 1024}
"""Routes whose body may be larger than the platform's default cap (the app applies the cap)."""

_MEDIA = {
    "text/csv": ImportFormat.csv,
    "application/json": ImportFormat.json,
    "application/xml": ImportFormat.ota,
    "text/xml": ImportFormat.ota,
}


def _format(request: Request, given: ImportFormat | None) -> ImportFormat:
    if given is not None:
        return given
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in _MEDIA:
        return _MEDIA[media]
    raise UnreadableFileError(
        "Send the file as text/csv, application/json or application/xml, or name ?format=."
    )


def invitation_out(links: service.LinkMaker, site: str, invitation: Invitation) -> InvitationOut:
    link = None
    if invitation.state in OPEN_STATES and not invitation.minor:
        link = site + service.invitation_path(links.token(invitation.id))
    return InvitationOut(
        id=invitation.id,
        reference=invitation.reference,
        party=invitation.party,
        minor=invitation.minor,
        state=str(invitation.state),
        arrival=invitation.arrival,
        expires_at=invitation.expires_at,
        link=link,
    )


@router.post(
    "/imports",
    status_code=201,
    response_model=ImportOut,
    summary="Upload travellers to pre-register: CSV, JSON or OTA_HotelResNotifRQ",
    description=(
        "The body is the file itself (up to 64 MiB), its format named by the Content-Type "
        "(`text/csv`, `application/json`, `application/xml` for an OpenTravel "
        "`OTA_HotelResNotifRQ`) or by `?format=csv|json|ota`. Each row is checked on its own: "
        "good rows become invitations (each adult is e-mailed one in their language; minors "
        "are confirmed by their party's lead), and every refused row is named with its reason. "
        "A file that cannot be read at all is refused whole (422 `unreadable_file`). What the "
        "agency supplies is sealed and seen by nobody but the traveller until they confirm."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                "application/xml": {"schema": {"type": "string"}},
            },
        }
    },
)
async def upload(
    request: Request, caller: AgencyCaller, session: Session, format: ImportFormat | None = None
) -> ImportOut:
    form = _format(request, format)
    result = await service.import_travellers(
        session,
        platform_keys(request),
        caller.servicer_id,
        await request.body(),
        form,
        actor=caller.actor,
    )
    return ImportOut(
        id=result.record.id,
        rows=result.record.rows,
        invited=result.invitations,
        refused=[RefusedRow(row=r.row, field=r.field, reason=r.reason) for r in result.refused],
    )


@router.get(
    "/invitations",
    response_model=list[InvitationOut],
    summary="The agency's invitations, newest first: states only, never a traveller's data",
)
async def invitations(
    request: Request, caller: AgencyCaller, session: Session, limit: int = 200, offset: int = 0
) -> list[InvitationOut]:
    """For travel agencies: the invitations you sent and their states. A traveller's data is never
    shown."""
    links = service.LinkMaker(platform_keys(request).derivation)
    site = web.site_url(request)
    rows = await service.listing(
        session, caller.servicer_id, limit=max(1, min(limit, 1000)), offset=max(0, offset)
    )
    return [invitation_out(links, site, row) for row in rows]


@router.get(
    "/invitations/counts", response_model=CountsOut, summary="How many invitations in each state"
)
async def counts(caller: AgencyCaller, session: Session) -> CountsOut:
    """For travel agencies: how many invitations are in each state."""
    return CountsOut(**await service.counts(session, caller.servicer_id))


@router.post(
    "/invitations/{invitation_id}/withdraw",
    response_model=InvitationOut,
    summary="Withdraw an unanswered invitation: its link stops working, its data is deleted",
)
async def withdraw(
    invitation_id: uuid.UUID, request: Request, caller: AgencyCaller, session: Session
) -> InvitationOut:
    """For travel agencies: withdraw an invitation not yet answered; its link stops working and its
    data is deleted."""
    invitation = await service.withdraw(
        session, caller.servicer_id, invitation_id, actor=caller.actor
    )
    links = service.LinkMaker(platform_keys(request).derivation)
    return invitation_out(links, web.site_url(request), invitation)
