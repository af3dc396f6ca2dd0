"""Consent's rules as Core pieces, for its own service and for the statements of other domains
(resolve's deciding statement is composed from them): change a rule here, and every reader of
consent follows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from omotenashi.consent.models import ConsentGrant


def live(now: Any, grant: Any = ConsentGrant) -> ColumnElement[bool]:
    """A grant that holds at ``now``: not revoked, not expired."""
    return and_(grant.revoked_at.is_(None), grant.expires_at > now)


def in_mode(live: Any, row: Any = ConsentGrant) -> ColumnElement[bool]:
    """A grant or request (``row``: either table, or an alias) of the caller's mode: live when
    ``live`` is true, else of the servicer's sandbox."""
    return row.live == live  # type: ignore[no-any-return]


def granted_to(
    *, visitor: Any, purpose: Any, servicer: Any, category: Any, now: Any, grant: Any = ConsentGrant
) -> ColumnElement[bool]:
    """A live grant of ``visitor``'s for ``purpose`` to the servicer itself or to its whole
    category (``grant``: the table or an alias of it; the others: values or columns)."""
    return and_(
        grant.visitor_id == visitor,
        grant.purpose == purpose,
        or_(grant.servicer_id == servicer, grant.servicer_category == category),
        live(now, grant),
    )
