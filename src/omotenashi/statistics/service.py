"""Statistics: daily cells recomputed from the raw tables, and the charts published from them.

Privacy rules, in one place:

- a cell is published only when it counts at least k distinct visitors that day;
- distinct visitors are not additive, so cells are per day (and per hour, as a dimension) and
  nothing coarser is stored; a chart's totals are sums of published cells only, so no published
  number is ever derived from a suppressed cell;
- cells hold counts only: no visitor id, no attribute beyond the dimension's value.

Each dimension's cells are published on their own, so two dimensions' sums for one day (by
purpose, by nationality) can differ by the events of suppressed groups: that bounds how many
events small groups made together, without naming a group or giving any one group's count.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
import sqlalchemy.orm
import structlog
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n
from omotenashi.i18n.markers import N_
from omotenashi.japan import JST, PREFECTURES
from omotenashi.servicers.categories import category_label
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import INVITATION_EVENTS, PURPOSES, PurposeKey
from omotenashi.statistics.errors import ChartNotFoundError, InvalidStatisticsQueryError
from omotenashi.statistics.models import StatCell
from omotenashi.visitors import queries as visitors_queries
from omotenashi.visitors.models import Visitor

log = structlog.get_logger(__name__)

MAX_RANGE = timedelta(days=366)
DEFAULT_RANGE = timedelta(days=13)  # two weeks, today included
# A cell of one visitor can never be published, whatever k is set to (k >= 2): not stored.
FEWEST = 2
RECENT_DAYS = 3  # the periodic job recomputes today and the days before (late replies)

# --- recompute: one day of cells from the raw tables ---------------------------------------

# Each metric: its events of one day (visitor, servicer, purpose, the dimensions' values, an
# amount and a mark), which dimensions it is cut by, and whether servicers get cells of their own.
# Only live visitors count: a servicer's sandbox visitors and all they did are left out.
_V = sa.orm.aliased(Visitor, name="v")
_COUNTED = str(
    visitors_queries.counted(_V).compile(
        dialect=postgresql.dialect(),  # type: ignore[no-untyped-call]
        compile_kwargs={"literal_binds": True},
    )
)
_VISITOR_FACTS = f"""
    JOIN visitors v ON v.id = e.visitor_id AND {_COUNTED}
    LEFT JOIN visitor_attributes n ON n.visitor_id = e.visitor_id AND n.key = 'nationality'
"""
_SERVICER_FACTS = "JOIN servicers s ON s.id = e.servicer_id"
_COMMON_COLUMNS = """
    e.visitor_id, e.servicer_id, e.purpose,
    coalesce(left(n.clear_value #>> '{}', 2), '') AS nationality,
    coalesce(v.language, '') AS language,
    s.category::text AS category,
    coalesce(left(s.municipality_code, 2), '') AS prefecture,
    to_char(e.at AT TIME ZONE 'Asia/Tokyo', 'HH24') AS hour
"""


# A travel agency's invitation leaves marks in the traveller's log; nobody was served.
_NOT_SERVED = "(" + ", ".join(f"'{mark}'" for mark in sorted(INVITATION_EVENTS)) + ")"


@dataclass(frozen=True)
class _Metric:
    events: (
        str  # SELECT of (visitor_id, servicer_id, purpose, <dimensions>, amount, marked, weight)
    )
    dimensions: tuple[str, ...]
    per_servicer: bool = True


_METRICS: dict[str, _Metric] = {
    "resolves": _Metric(
        f"""SELECT {_COMMON_COLUMNS}, 0 AS amount, 0 AS marked, 1 AS weight
            FROM access_log e {_SERVICER_FACTS} {_VISITOR_FACTS}
            WHERE e.at >= :start AND e.at < :end
              AND e.purpose NOT IN {_NOT_SERVED}""",  # noqa: S608 (constants only; values are bound)
        ("purpose", "category", "nationality", "language", "prefecture", "hour"),
    ),
    "ratings": _Metric(
        f"""SELECT {_COMMON_COLUMNS}, e.rating AS amount,
                (NOT EXISTS (SELECT 1 FROM feedback_replies r WHERE r.feedback_id = e.id))::int
                  AS marked, 1 AS weight
            FROM (SELECT id, visitor_id, servicer_id, purpose, rating, created_at AS at
                  FROM feedback) e
            {_SERVICER_FACTS} {_VISITOR_FACTS}
            WHERE e.at >= :start AND e.at < :end""",  # noqa: S608 (constants only; values are bound)
        ("purpose", "category", "nationality", "language", "prefecture"),
    ),
    # Every time a servicer asked: answered at once (a disclosure, 0), or with a consent request
    # because the visitor had not granted what it wanted (1). A request that was accepted led to
    # a disclosure of its own; a row of weight -1 keeps that interaction to one ask. The friction
    # map: marked / events.
    "asks": _Metric(
        f"""SELECT {_COMMON_COLUMNS}, 0 AS amount, e.marked, e.weight
            FROM (SELECT visitor_id, servicer_id, purpose, at, 0 AS marked, 1 AS weight
                  FROM access_log WHERE at >= :start AND at < :end
                    AND purpose NOT IN {_NOT_SERVED}
                  UNION ALL
                  SELECT visitor_id, servicer_id, purpose, created_at, 1, 1 FROM consent_requests
                  WHERE created_at >= :start AND created_at < :end
                  UNION ALL
                  SELECT visitor_id, servicer_id, purpose, created_at, 0, -1 FROM consent_requests
                  WHERE created_at >= :start AND created_at < :end AND state = 'fulfilled') e
            {_SERVICER_FACTS} {_VISITOR_FACTS}""",  # noqa: S608 (constants only; values are bound)
        ("purpose", "category", "prefecture"),
    ),
    "registrations": _Metric(
        f"""SELECT v.id AS visitor_id, NULL::uuid AS servicer_id, '' AS purpose,
                coalesce(left(n.clear_value #>> '{{}}', 2), '') AS nationality,
                coalesce(v.language, '') AS language, 0 AS amount, 0 AS marked, 1 AS weight
            FROM visitors v
            LEFT JOIN visitor_attributes n ON n.visitor_id = v.id AND n.key = 'nationality'
            WHERE v.created_at >= :start AND v.created_at < :end AND {_COUNTED}""",  # noqa: S608 (constants only)
        ("nationality", "language"),
        per_servicer=False,
    ),
}
METRICS = tuple(_METRICS)


def _insert(metric: str) -> sa.TextClause:
    spec = _METRICS[metric]
    unpivot = ", ".join(f"('{d}', e.{d})" for d in spec.dimensions)
    sets = "(e.purpose, d.dimension, d.value)"
    servicer = "NULL::uuid"
    if spec.per_servicer:
        sets += ", (e.servicer_id, e.purpose, d.dimension, d.value)"
        servicer = "CASE WHEN GROUPING(e.servicer_id) = 0 THEN e.servicer_id END"
    return sa.text(
        f"""
        INSERT INTO stat_cells
            (day, servicer_id, metric, purpose, dimension, value, visitors, events, amount, marked)
        SELECT :day, {servicer}, :metric, e.purpose, d.dimension, d.value,
               count(DISTINCT e.visitor_id), sum(e.weight), coalesce(sum(e.amount), 0),
               coalesce(sum(e.marked), 0)
        FROM ({spec.events}) e
        CROSS JOIN LATERAL (VALUES {unpivot}) AS d(dimension, value)
        GROUP BY GROUPING SETS ({sets})
        HAVING count(DISTINCT e.visitor_id) >= :fewest
        """  # noqa: S608 (constants only; values are bound)
    )


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """A day in Japan, as the UTC-aware interval [start, end)."""
    start = datetime.combine(day, time(), JST)
    return start, datetime.combine(day + timedelta(days=1), time(), JST)


def today() -> date:
    return datetime.now(JST).date()


async def recompute_day(session: AsyncSession, day: date) -> int:
    """Replace the cells of ``day`` (Japan time) with ones counted afresh from the raw tables.
    Idempotent; concurrent recomputes of the same day wait for each other. Returns the cells."""
    await session.execute(
        sa.text("SELECT pg_advisory_xact_lock(hashtext('stat_cells'), :ordinal)"),
        {"ordinal": day.toordinal()},
    )
    # A day's sorts (distinct visitors per cell) stay in memory rather than spill to disk.
    await session.execute(sa.text("SET LOCAL work_mem = '128MB'"))
    await session.execute(sa.delete(StatCell).where(StatCell.day == day))
    start, end = day_bounds(day)
    made = 0
    for metric in METRICS:
        result = await session.execute(
            _insert(metric),
            {"day": day, "metric": metric, "start": start, "end": end, "fewest": FEWEST},
        )
        made += int(getattr(result, "rowcount", 0) or 0)
    log.info("statistics.day_recomputed", day=day.isoformat(), cells=made)
    return made


async def rebuild(session: AsyncSession, since: date, until: date | None = None) -> int:
    """Recompute every day from ``since`` to ``until`` (default: today), both included."""
    last = until or today()
    made = 0
    day = since
    while day <= last:
        made += await recompute_day(session, day)
        day += timedelta(days=1)
    return made


async def recompute_recent(session: AsyncSession, days: int = RECENT_DAYS) -> int:
    return await rebuild(session, today() - timedelta(days=days - 1))


# --- reading: published cells only --------------------------------------------------------


@dataclass(frozen=True)
class Query:
    start: date
    end: date
    purpose: str | None  # None: every purpose

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def parse_query(start: str | None, end: str | None, purpose: str | None) -> Query:
    """The page's filter, from its (untrusted) query string; default the last two weeks."""
    try:
        last = date.fromisoformat(end) if end else today()
        first = date.fromisoformat(start) if start else last - DEFAULT_RANGE
    except ValueError as bad:
        raise InvalidStatisticsQueryError() from bad
    if first > last or last - first > MAX_RANGE:
        raise InvalidStatisticsQueryError()
    if purpose and purpose not in PURPOSES:
        raise InvalidStatisticsQueryError()
    return Query(first, last, purpose or None)


@dataclass(frozen=True)
class Cell:
    """The published cells of one day and one dimension's value, added up over purposes."""

    day: date
    metric: str
    dimension: str
    value: str
    events: int
    amount: int
    marked: int


async def published_cells(
    session: AsyncSession, servicer_id: uuid.UUID | None, query: Query, k: int
) -> list[Cell]:
    """The cells of the platform (``servicer_id`` None) or of one servicer in the query's range
    that count at least ``k`` distinct visitors, added up over purposes (only published cells
    enter a sum). Nothing else leaves this function."""
    published = [
        StatCell.day >= query.start,
        StatCell.day <= query.end,
        StatCell.visitors >= k,
        StatCell.servicer_id.is_(None)
        if servicer_id is None
        else StatCell.servicer_id == servicer_id,
    ]
    if query.purpose is not None:
        published.append(StatCell.purpose.in_((query.purpose, "")))
    keys = (StatCell.day, StatCell.metric, StatCell.dimension, StatCell.value)
    statement = (
        sa.select(
            *keys,
            sa.func.sum(StatCell.events).cast(sa.BigInteger),
            sa.func.sum(StatCell.amount).cast(sa.BigInteger),
            sa.func.sum(StatCell.marked).cast(sa.BigInteger),
        )
        .where(*published)
        .group_by(*keys)
    )
    return [Cell(*row) for row in await session.execute(statement)]


# --- charts ------------------------------------------------------------------------------


@dataclass
class Series:
    label: str
    values: list[float | int | None]


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "time": bars per day; "bars": bars per value; "map": per prefecture
    axis: str  # what the labels are
    unit: str
    labels: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # the labels' codes (prefectures on the map)

    @property
    def empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values)

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "kind": self.kind,
            "title": self.title,
            "unit": self.unit,
            "labels": self.labels,
            "codes": self.codes,
            "series": [{"label": s.label, "values": s.values} for s in self.series],
        }


@dataclass(frozen=True)
class _ChartSpec:
    key: str
    title: str
    metric: str
    dimension: str
    kind: str
    measure: str  # "events", "marked", "average" (amount / events), "rate" (marked / events, %)
    unit: str
    platform_only: bool = False


CHARTS: tuple[_ChartSpec, ...] = (
    _ChartSpec(
        "resolves-by-purpose",
        N_("Look-ups by purpose"),
        "resolves",
        "purpose",
        "time",
        "events",
        N_("Look-ups"),
    ),
    _ChartSpec(
        "resolves-by-category",
        N_("Look-ups by kind of servicer"),
        "resolves",
        "category",
        "time",
        "events",
        N_("Look-ups"),
    ),
    _ChartSpec(
        "resolves-by-nationality",
        N_("Look-ups by nationality"),
        "resolves",
        "nationality",
        "time",
        "events",
        N_("Look-ups"),
    ),
    _ChartSpec(
        "resolves-by-language",
        N_("Look-ups by language"),
        "resolves",
        "language",
        "time",
        "events",
        N_("Look-ups"),
    ),
    _ChartSpec(
        "resolves-by-hour",
        N_("Look-ups by hour of the day (Japan time)"),
        "resolves",
        "hour",
        "bars",
        "events",
        N_("Look-ups"),
    ),
    _ChartSpec(
        "resolves-by-prefecture",
        N_("Look-ups by prefecture"),
        "resolves",
        "prefecture",
        "map",
        "events",
        N_("Look-ups"),
    ),
    _ChartSpec(
        "registrations-by-nationality",
        N_("New visitors by nationality"),
        "registrations",
        "nationality",
        "time",
        "events",
        N_("Visitors"),
        platform_only=True,
    ),
    _ChartSpec(
        "registrations-by-language",
        N_("New visitors by language"),
        "registrations",
        "language",
        "time",
        "events",
        N_("Visitors"),
        platform_only=True,
    ),
    _ChartSpec(
        "ratings-by-purpose",
        N_("Average rating by purpose"),
        "ratings",
        "purpose",
        "bars",
        "average",
        N_("Average rating (1–5)"),
    ),
    _ChartSpec(
        "unanswered-feedback",
        N_("Feedback without a reply, by purpose"),
        "ratings",
        "purpose",
        "time",
        "marked",
        N_("Feedback without a reply"),
    ),
    _ChartSpec(
        "consent-required-by-category",
        N_("Consent needed first, by kind of servicer"),
        "asks",
        "category",
        "bars",
        "rate",
        N_("Share of look-ups that needed the visitor's consent (%)"),
    ),
    _ChartSpec(
        "consent-required-by-purpose",
        N_("Consent needed first, by purpose"),
        "asks",
        "purpose",
        "bars",
        "rate",
        N_("Share of look-ups that needed the visitor's consent (%)"),
    ),
)
CHART_KEYS = frozenset(spec.key for spec in CHARTS)
NOT_GIVEN = N_("Not stated")
DAY = N_("Day")
DIMENSIONS = {
    "purpose": N_("Purpose"),
    "category": N_("Kind of servicer"),
    "nationality": N_("Nationality"),
    "language": N_("Language"),
    "hour": N_("Hour"),
    "prefecture": N_("Prefecture"),
}


def value_label(dimension: str, value: str, language: str) -> str:
    """A dimension's value as people read it in ``language``."""
    translations = i18n.translations(language)
    if value == "":
        return translations.gettext(NOT_GIVEN)
    locale = i18n.babel_locale(language)
    match dimension:
        case "purpose" if value in PURPOSES:
            return PURPOSES[PurposeKey(value)].label(language)
        case "category" if value in ServicerCategory.__members__:
            return category_label(value, language)
        case "nationality":
            return str(locale.territories.get(value, value))
        case "language":
            return str(locale.languages.get(value.replace("-", "_"), value))
        case "prefecture" if value in PREFECTURES:
            names = PREFECTURES[value].names
            return names.get(language) or names["en"]
        case "hour":
            return f"{value}:00"
    return value


def _sorted_values(dimension: str, values: set[str]) -> list[str]:
    if dimension == "hour":
        return [f"{h:02d}" for h in range(24)]
    if dimension == "prefecture":
        return sorted(PREFECTURES)
    return sorted(values)


def _measure(spec: _ChartSpec, cells: Sequence[Cell]) -> float | int | None:
    events = sum(c.events for c in cells)
    if not cells or events <= 0:
        return None
    match spec.measure:
        case "events":
            return events
        case "marked":
            return sum(c.marked for c in cells)
        case "average":
            return round(sum(c.amount for c in cells) / events, 2)
        case _:
            return round(100 * sum(c.marked for c in cells) / events, 1)


def build_chart(spec: _ChartSpec, cells: Sequence[Cell], query: Query, language: str) -> Chart:
    """One chart from published cells only: every number is a sum over published cells."""
    gettext = i18n.translations(language).gettext
    mine = [c for c in cells if c.metric == spec.metric and c.dimension == spec.dimension]
    return _chart_of(spec, mine, query, language, gettext)


def _chart_of(
    spec: _ChartSpec,
    mine: Sequence[Cell],
    query: Query,
    language: str,
    gettext: Callable[[str], str],
) -> Chart:
    values = _sorted_values(spec.dimension, {c.value for c in mine})
    chart = Chart(spec.key, gettext(spec.title), spec.kind, "", gettext(spec.unit))
    if spec.kind == "time":
        chart.axis = gettext(DAY)
        chart.labels = [d.isoformat() for d in query.days]
        by_value_day: dict[tuple[str, date], list[Cell]] = defaultdict(list)
        for c in mine:
            by_value_day[c.value, c.day].append(c)
        for value in values:
            row = [_measure(spec, by_value_day.get((value, d), [])) for d in query.days]
            chart.series.append(Series(value_label(spec.dimension, value, language), row))
        return chart
    by_value: dict[str, list[Cell]] = defaultdict(list)
    for c in mine:
        by_value[c.value].append(c)
    chart.axis = gettext(DIMENSIONS[spec.dimension])
    chart.codes = values
    chart.labels = [value_label(spec.dimension, v, language) for v in values]
    chart.series = [Series(gettext(spec.unit), [_measure(spec, by_value[v]) for v in values])]
    return chart


def chart_specs(servicer_id: uuid.UUID | None) -> list[_ChartSpec]:
    return [s for s in CHARTS if servicer_id is None or not s.platform_only]


async def charts(
    session: AsyncSession, servicer_id: uuid.UUID | None, query: Query, k: int, language: str
) -> list[Chart]:
    """Every chart of the platform's (or one servicer's) statistics page."""
    cells = await published_cells(session, servicer_id, query, k)
    by_chart: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for cell in cells:
        by_chart[cell.metric, cell.dimension].append(cell)
    gettext = i18n.translations(language).gettext
    return [
        _chart_of(spec, by_chart[spec.metric, spec.dimension], query, language, gettext)
        for spec in chart_specs(servicer_id)
    ]


async def chart(
    session: AsyncSession,
    servicer_id: uuid.UUID | None,
    key: str,
    query: Query,
    k: int,
    language: str,
) -> Chart:
    spec = next((s for s in chart_specs(servicer_id) if s.key == key), None)
    if spec is None:
        raise ChartNotFoundError()
    cells = await published_cells(session, servicer_id, query, k)
    return build_chart(spec, cells, query, language)


def to_csv(chart: Chart) -> str:
    """The chart's data exactly as it is drawn: a row per label, a column per series; an
    empty field where the chart shows no bar (nothing published)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([chart.axis, *(s.label for s in chart.series)])
    for index, label in enumerate(chart.labels):
        writer.writerow(
            [label, *("" if s.values[index] is None else s.values[index] for s in chart.series)]
        )
    return out.getvalue()
