"""/developers: what an integrator needs, generated from the code where it can be (the
catalogue, the event types, every problem code, the QR format and its vectors)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import web
from omotenashi.clients.models import ApiClient
from omotenashi.developers import qr_spec, reference
from omotenashi.developers.catalogue import public_catalogue
from omotenashi.webhooks import service as webhooks

router = APIRouter(include_in_schema=False)


def _default(column: object) -> int:
    default = getattr(column, "default", None)
    return int(getattr(default, "arg", 0))


@router.get("/developers", response_class=HTMLResponse)
async def developers(request: Request) -> Response:
    context = {
        "site": web.site_url(request),
        "scopes": public_catalogue().scopes,
        "event_types": webhooks.EVENT_TYPES,
        "retry_days": webhooks.RETRY_SPAN.days,
        "overlap_hours": int(webhooks.ROTATION_OVERLAP.total_seconds() // 3600),
        "codes": reference.problem_codes(),
        "changelog": reference.CHANGELOG,
        "qr": qr_spec,
        "requests_per_minute": _default(ApiClient.__table__.c.max_requests_per_minute),
        "visitors_per_minute": _default(ApiClient.__table__.c.max_visitors_per_minute),
    }
    return web.render(request, "developers/developers.html", context)
