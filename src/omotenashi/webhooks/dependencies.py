"""Who may manage a servicer's webhooks: its administrators, signed in or through a back-end
client holding ``servicer:admin`` (the same caller as the rest of the servicer's own API)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from omotenashi.auth.dependencies import PageStaffOf
from omotenashi.auth.service import StaffPrincipal
from omotenashi.servicers.dependencies import Administrator, any_mode_administrator
from omotenashi.staff.models import Role

WebhookAdmin = Annotated[Administrator, Depends(any_mode_administrator)]


def allow_loopback(request: Request) -> bool:
    """Plain-http endpoints on this machine, in development only (a setting)."""
    return bool(request.app.state.platform.settings.webhook_loopback_endpoints)


# The console's webhook pages: the servicer's administrators only.
ConsoleAdmin = Annotated[StaffPrincipal, PageStaffOf(Role.servicer_admin)]
