"""Typed errors of statistics."""

from omotenashi.errors import NotFoundError, ValidationFailedError


class InvalidStatisticsQueryError(ValidationFailedError):
    code = "invalid_statistics_query"
    title = "Choose a start and an end date, at most a year apart, and a known purpose"


class ChartNotFoundError(NotFoundError):
    code = "chart_not_found"
    title = "There is no such chart"
