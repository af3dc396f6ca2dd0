"""The servicer's own statistics through the API, as its console shows them: every chart's
published cells (small groups suppressed), and each chart as CSV."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from omotenashi import web
from omotenashi.deps import ReadSession
from omotenashi.servicers.dependencies import ServicerAdmin
from omotenashi.statistics import service

router = APIRouter(prefix="/v1/servicer/statistics", tags=["statistics"])

From = Annotated[str | None, Query(alias="from", max_length=32, description="YYYY-MM-DD")]
To = Annotated[str | None, Query(alias="to", max_length=32, description="YYYY-MM-DD")]
Purpose = Annotated[str | None, Query(max_length=64)]


def _k(request: Request) -> int:
    k: int = request.app.state.platform.settings.statistics_k
    return k


@router.get("", summary="My statistics: every chart's data for a span of days")
async def charts(
    admin: ServicerAdmin,
    session: ReadSession,
    request: Request,
    start: From = None,
    end: To = None,
    purpose: Purpose = None,
) -> dict[str, Any]:
    """Default: the last two weeks. Groups smaller than the platform's k are not shown."""
    query = service.parse_query(start, end, purpose)
    language = web.request_language(request).code
    found = await service.charts(session, admin.servicer_id, query, _k(request), language)
    return {
        "from": query.start.isoformat(),
        "to": query.end.isoformat(),
        "purpose": query.purpose,
        "charts": [chart.as_json() for chart in found],
    }


@router.get(
    "/{key}.csv",
    summary="One chart as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
async def chart_csv(
    key: str,
    admin: ServicerAdmin,
    session: ReadSession,
    request: Request,
    start: From = None,
    end: To = None,
    purpose: Purpose = None,
) -> Response:
    """Download one of your statistics charts as CSV, for your own spreadsheets."""
    query = service.parse_query(start, end, purpose)
    language = web.request_language(request).code
    chart = await service.chart(session, admin.servicer_id, key, query, _k(request), language)
    return Response(
        service.to_csv(chart).encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{chart.key}.csv"',
            "Cache-Control": "no-store",
        },
    )
