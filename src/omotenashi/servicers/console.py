"""The servicer's console page, which the console's forms (clients, staff) show again with what
went wrong beside the form. Not a route file: ``clients`` and ``staff`` pages render through it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n, text, web
from omotenashi.auth.service import StaffPrincipal
from omotenashi.clients import service as clients
from omotenashi.errors import AppError
from omotenashi.servicers import service
from omotenashi.servicers.categories import (
    CLIENT_KINDS,
    PURPOSE_STATES,
    SERVICER_STATES,
    STAFF_ROLES,
    category_label,
)
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.staff import service as staff


def servicer_of(me: StaffPrincipal) -> uuid.UUID:
    """The servicer a staff member works for (the routers admitting them checked the role)."""
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


def field_errors(
    problem: AppError, messages: Mapping[str, str], language: i18n.Language
) -> dict[str, str]:
    """The message of each field ``problem`` names (``purposes[0]`` as ``purposes``), in the
    page's language; fields without a message of their own are left to the page. Text that
    cannot be stored is said to be that, whatever the field."""
    found: dict[str, str] = {}
    for error in problem.fields:
        field = error.field.split("[")[0]
        if field in messages:
            message = text.BESIDE_THE_FIELD if error.code == text.CODE else messages[field]
            found.setdefault(field, web.gettext(language, message))
    return found


async def render(
    request: Request,
    session: AsyncSession,
    servicer_id: uuid.UUID,
    status: int = 200,
    **extra: object,
) -> Response:
    language = web.request_language(request)
    servicer = await service.get(session, servicer_id)
    context = {
        "servicer": servicer,
        "category": category_label(str(servicer.category), language.code),
        "purposes": [
            (PURPOSES[PurposeKey(p.purpose)].label(language.code), str(p.state))
            for p in servicer.purposes
        ],
        "approved_purposes": [
            (p.purpose, PURPOSES[PurposeKey(p.purpose)].label(language.code))
            for p in servicer.purposes
            if str(p.state) == "approved"
        ],
        "clients": await clients.list_clients(session, servicer_id),
        # A terminal's purposes by name: its stored keys are never shown.
        "purpose_names": {
            key.value: purpose.label(language.code) for key, purpose in PURPOSES.items()
        },
        "members": await staff.list_staff(session, servicer_id),
        "servicer_states": SERVICER_STATES,
        "purpose_states": PURPOSE_STATES,
        "client_kinds": CLIENT_KINDS,
        "staff_roles": STAFF_ROLES,
        "error": None,
        "staff_error": None,
        "staff_form": {},
        "staff_errors": {},
        **extra,
    }
    return web.render(request, "console/console.html", context, status=status)
