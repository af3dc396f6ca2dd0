"""Visitors' rules as Core pieces, for the statements of other domains."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from omotenashi.visitors.models import Visitor


def live(visitor: Any = Visitor) -> ColumnElement[bool]:
    """A visitor who is not erased: their data key exists (erasure deletes it first)."""
    return visitor.data_key.is_not(None)  # type: ignore[no-any-return]


def in_mode(live: Any, servicer: Any, visitor: Any = Visitor) -> ColumnElement[bool]:
    """A visitor the caller may reach in its mode: a live one for a live caller (``live``
    true); for a sandbox caller, a sandbox visitor of its own servicer's. A sandbox caller
    never reaches a live visitor, nor a live caller a sandbox one, nor one servicer's sandbox
    another's."""
    return and_(visitor.live == live, or_(visitor.live, visitor.sandbox_of == servicer))


def counted(visitor: Any = Visitor) -> ColumnElement[bool]:
    """A visitor whose doings count in statistics and platform figures: a live one, never a
    servicer's sandbox visitor."""
    return visitor.live  # type: ignore[no-any-return]
