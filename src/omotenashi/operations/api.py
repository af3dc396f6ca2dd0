"""The operator's audit log: read it, newest first, and verify its hash chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from omotenashi.auth.dependencies import StaffOf
from omotenashi.deps import Session
from omotenashi.operations.schemas import AuditEntryOut, ChainOut
from omotenashi.security import audit
from omotenashi.staff.models import Role

# Every route here is the operator's.
router = APIRouter(prefix="/v1", tags=["audit log"], dependencies=[StaffOf(Role.operator)])


@router.get(
    "/operator/audit",
    response_model=list[AuditEntryOut],
    summary="The audit log, newest first",
)
async def audit_log(
    session: Session,
    before_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[audit.AuditEntry]:
    """For operators: read the audit log of administrative actions, newest first."""
    return await audit.recent(session, limit=limit, before_id=before_id)


@router.get(
    "/operator/audit/chain",
    response_model=ChainOut,
    summary="Verify the audit log's hash chain; names the first broken link",
)
async def audit_chain(session: Session) -> audit.ChainReport:
    """For operators: check that no audit entry was changed or removed. The answer names the first
    broken link, if any."""
    return await audit.verify(session)
