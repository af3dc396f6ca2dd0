"""Statistics pages: the operator's for the whole platform, a servicer's for its own
organisation; charts, a map of Japan by prefecture, filters, and each chart's data as CSV."""

from __future__ import annotations

import uuid
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import web
from omotenashi.auth.dependencies import ForOperators, ForServicerStaff, PageStaff
from omotenashi.deps import ReadSession
from omotenashi.i18n.markers import N_
from omotenashi.japan import TILES
from omotenashi.servicers import service as servicers
from omotenashi.servicers.purposes import PURPOSES
from omotenashi.statistics import service
from omotenashi.statistics.errors import InvalidStatisticsQueryError

# Routers by who may call: each carries its role check, and forms check CSRF first.
router = APIRouter(include_in_schema=False)
member_pages = web.page_router(ForServicerStaff)
operator_pages = web.page_router(ForOperators)

BAD_FILTER = N_(
    "Choose a start and an end date, at most a year apart; showing the last two weeks instead."
)
HEAT_STEPS = 5

From = Annotated[str | None, Query(alias="from", max_length=32)]
To = Annotated[str | None, Query(alias="to", max_length=32)]
Purpose = Annotated[str | None, Query(max_length=64)]


def _k(request: Request) -> int:
    k: int = request.app.state.platform.settings.statistics_k
    return k


def _servicer(me: PageStaff) -> uuid.UUID:
    assert me.staff.servicer_id is not None
    return me.staff.servicer_id


def _query(start: str | None, end: str | None, purpose: str | None) -> tuple[service.Query, bool]:
    try:
        return service.parse_query(start, end, purpose), False
    except InvalidStatisticsQueryError:
        return service.parse_query(None, None, None), True


def _map(chart: service.Chart) -> list[dict[str, object]]:
    """The prefecture chart as tiles of the cartogram, shaded by their share of the largest."""
    values = chart.series[0].values if chart.series else []
    top = max((v for v in values if v is not None), default=0)
    tiles: list[dict[str, object]] = []
    for code, label, value in zip(chart.codes, chart.labels, values, strict=True):
        row, column = TILES[code]
        step = 0 if not value or not top else max(1, round(HEAT_STEPS * value / top))
        tiles.append(
            {
                "code": code,
                "name": label,
                "value": value,
                "row": row,
                "column": column,
                "step": step,
            }
        )
    return tiles


async def _page(
    request: Request,
    session: ReadSession,
    servicer_id: uuid.UUID | None,
    base: str,
    start: str | None,
    end: str | None,
    purpose: str | None,
) -> Response:
    language = web.request_language(request)
    query, bad = _query(start, end, purpose)
    k = _k(request)
    charts = await service.charts(session, servicer_id, query, k, language.code)
    organisation = await servicers.get(session, servicer_id) if servicer_id else None
    context = {
        "base": base,
        "organisation": organisation,
        "query": query,
        "k": k,
        "charts": charts,
        "tiles": {c.key: _map(c) for c in charts if c.kind == "map"},
        "purposes": [(key, p.label(language.code)) for key, p in PURPOSES.items()],
        # The links to each chart's CSV carry the filter as shown, so they give what is drawn.
        "filter": urlencode(
            {"from": query.start.isoformat(), "to": query.end.isoformat()}
            | ({"purpose": query.purpose} if query.purpose else {})
        ),
        "error": BAD_FILTER if bad else None,
    }
    return web.render(request, "statistics/statistics.html", context, status=422 if bad else 200)


def _csv(chart: service.Chart) -> Response:
    return Response(
        service.to_csv(chart).encode("utf-8-sig"),  # the BOM lets spreadsheets read Japanese
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{chart.key}.csv"',
            "Cache-Control": "no-store",
        },
    )


async def _chart_csv(
    request: Request,
    session: ReadSession,
    servicer_id: uuid.UUID | None,
    key: str,
    start: str | None,
    end: str | None,
    purpose: str | None,
) -> Response:
    language = web.request_language(request)
    query = service.parse_query(start, end, purpose)
    chart = await service.chart(session, servicer_id, key, query, _k(request), language.code)
    return _csv(chart)


@operator_pages.get("/operator/statistics", response_class=HTMLResponse)
async def operator_statistics(
    request: Request,
    session: ReadSession,
    start: From = None,
    end: To = None,
    purpose: Purpose = None,
) -> Response:
    return await _page(request, session, None, "/operator/statistics", start, end, purpose)


@operator_pages.get("/operator/statistics/{key}.csv")
async def operator_chart_csv(
    key: str,
    request: Request,
    session: ReadSession,
    start: From = None,
    end: To = None,
    purpose: Purpose = None,
) -> Response:
    return await _chart_csv(request, session, None, key, start, end, purpose)


@member_pages.get("/console/statistics", response_class=HTMLResponse)
async def servicer_statistics(
    request: Request,
    session: ReadSession,
    me: PageStaff,
    start: From = None,
    end: To = None,
    purpose: Purpose = None,
) -> Response:
    servicer_id = _servicer(me)
    return await _page(request, session, servicer_id, "/console/statistics", start, end, purpose)


@member_pages.get("/console/statistics/{key}.csv")
async def servicer_chart_csv(
    key: str,
    request: Request,
    session: ReadSession,
    me: PageStaff,
    start: From = None,
    end: To = None,
    purpose: Purpose = None,
) -> Response:
    return await _chart_csv(request, session, _servicer(me), key, start, end, purpose)


router.include_router(member_pages)
router.include_router(operator_pages)
