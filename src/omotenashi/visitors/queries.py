"""Visitors' rules as Core pieces, for the statements of other domains."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from omotenashi.visitors.models import Visitor


def live(visitor: Any = Visitor) -> ColumnElement[bool]:
    """A visitor who is not erased: their data key exists (erasure deletes it first)."""
    return visitor.data_key.is_not(None)  # type: ignore[no-any-return]
