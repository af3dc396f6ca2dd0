"""Carriers' rules as Core pieces, for its own service and for the statements of other domains
(resolve's deciding statement is composed from them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.sql.dml import ReturningInsert

from omotenashi.carriers.models import Carrier, QrUse


def live(carrier: Any = Carrier) -> ColumnElement[bool]:
    """A carrier a touchpoint may recognise (its visitor must be live too: not erased)."""
    return carrier.revoked_at.is_(None)  # type: ignore[no-any-return]


def in_mode(live: Any, carrier: Any = Carrier) -> ColumnElement[bool]:
    """A carrier of the caller's mode: a live visitor's (``live`` true) or a sandbox test card."""
    return carrier.live == live  # type: ignore[no-any-return]


def card_holder(
    kind: Any, lookup_hash: Any, carrier: Any = Carrier, *, mode: Any = True
) -> Select[Any]:
    """The visitor of the live card or tag of ``kind`` with the keyed ``lookup_hash``, among the
    carriers of ``mode`` (true: live; false: sandbox test cards)."""
    return select(carrier.visitor_id).where(
        carrier.kind == kind,
        carrier.lookup_hash == lookup_hash,
        live(carrier),
        in_mode(mode, carrier),
    )


def first_uses(uses: Select[Any]) -> ReturningInsert[tuple[int]]:
    """Record the QR codes' uses that ``uses`` selects (carrier id, time step), returning a row
    for each first use only: a code is used once, whichever server saw it first (the primary
    key decides)."""
    return (
        insert(QrUse)
        .from_select([QrUse.carrier_id, QrUse.step], uses)
        .on_conflict_do_nothing(index_elements=[QrUse.carrier_id, QrUse.step])
        .returning(QrUse.step)
    )
