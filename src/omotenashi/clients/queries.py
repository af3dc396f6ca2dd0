"""API clients' rules as Core pieces, for its own service and for the statements of other
domains (resolve's deciding statement is composed from them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, any_, or_

from omotenashi.clients.models import ApiClient, ClientKind


def live(client: Any = ApiClient) -> ColumnElement[bool]:
    """A client that may act (its servicer must be approved too)."""
    return client.revoked_at.is_(None)  # type: ignore[no-any-return]


def live_or_suspended(client: Any = ApiClient) -> ColumnElement[bool]:
    """Live, or suspended by the platform (read to be told so, never to act)."""
    return or_(live(client), suspended(client))


def suspended(client: Any = ApiClient) -> ColumnElement[bool]:
    """Suspended by the platform for abnormal use."""
    return client.suspended_at.is_not(None)  # type: ignore[no-any-return]


def in_mode(live: Any, client: Any = ApiClient) -> ColumnElement[bool]:
    """The client is of the caller's mode: live (``live`` true) or sandbox."""
    return client.live == live  # type: ignore[no-any-return]


def holds(scope: Any, client: Any = ApiClient) -> ColumnElement[bool]:
    """The client holds ``scope``."""
    return scope == any_(client.scopes)  # type: ignore[no-any-return]


def serves(purpose: Any, client: Any = ApiClient) -> ColumnElement[bool]:
    """The client may act for ``purpose``: a terminal only for the purposes it was set up for;
    a system client for any its servicer is approved for."""
    return or_(client.kind != ClientKind.terminal, purpose == any_(client.purposes))
