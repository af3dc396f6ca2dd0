"""Alerts as JSON and back: the one shape used to store an alert's structured fields, to sign
them, and to let an operator compose one through the API.

The shape follows the dataclasses of ``catalogue`` and ``areas`` field by field: enums by value,
decimals as strings, times as ISO 8601 with their offset, tuples as lists. The details of an alert
carry a ``kind`` naming their class (``earthquake_early_warning``, …). Reading back runs every
dataclass's own checks, so JSON that decodes is an alert we can show; anything else raises
``AlertShapeError`` naming the field at fault.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from omotenashi.alerts import areas as areas_module
from omotenashi.alerts import catalogue
from omotenashi.alerts.catalogue import Alert, AlertDetails

DETAIL_KINDS: dict[str, type[Any]] = {
    "earthquake_early_warning": catalogue.EarthquakeEarlyWarning,
    "earthquake_information": catalogue.EarthquakeInformation,
    "tsunami": catalogue.TsunamiForecast,
    "weather": catalogue.WeatherWarnings,
    "volcano": catalogue.VolcanicActivity,
    "heat_stroke": catalogue.HeatStrokeAlert,
    "evacuation": catalogue.EvacuationOrder,
    "missile": catalogue.MissileAlert,
}
_KIND_OF = {cls: kind for kind, cls in DETAIL_KINDS.items()}


class AlertShapeError(ValueError):
    """JSON that is not an alert; ``path`` names the field (``details.earthquake.magnitude``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or 'alert'}: {message}")
        self.path = path or "alert"
        self.message = message


def to_json(value: Any) -> Any:
    """``value`` (an alert or any part of one) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {
            field.name: to_json(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
        kind = _KIND_OF.get(type(value))
        if kind is not None:
            out = {"kind": kind, **out}
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        items = [to_json(item) for item in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    return value


def canonical(alert: Alert) -> bytes:
    """The alert's JSON with sorted keys and no spaces: what its digest and signature cover."""
    return json.dumps(
        to_json(alert), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()


def alert_from_json(data: Any) -> Alert:
    """The alert ``data`` describes, checked as if it had been made in Python."""
    result: Alert = _read(Alert, data, "")
    return result


def details_from_json(data: Any, path: str = "details") -> AlertDetails:
    if not isinstance(data, dict):
        raise AlertShapeError(path, "must be an object")
    kind = data.get("kind")
    cls = DETAIL_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise AlertShapeError(f"{path}.kind", f"must be one of {', '.join(DETAIL_KINDS)}")
    details: AlertDetails = _read_dataclass(
        cls, {k: v for k, v in data.items() if k != "kind"}, path
    )
    return details


_HINTS: dict[str, dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    key = cls.__qualname__
    if key not in _HINTS:
        namespace = {**vars(areas_module), **vars(catalogue)}
        _HINTS[key] = typing.get_type_hints(cls, globalns=namespace)
    return _HINTS[key]


def _read_dataclass(cls: type[Any], data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise AlertShapeError(path, "must be an object")
    fields = {field.name: field for field in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise AlertShapeError(path, f"has unknown fields {', '.join(unknown)}")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for name, field in fields.items():
        where = f"{path}.{name}" if path else name
        if name not in data:
            if (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            ):
                raise AlertShapeError(where, "is required")
            continue
        values[name] = _read(hints[name], data[name], where)
    try:
        return cls(**values)
    except ValueError as error:
        raise AlertShapeError(path, str(error)) from None


def _read(hint: Any, data: Any, path: str) -> Any:
    if hint is AlertDetails or (
        typing.get_origin(hint) in (types.UnionType, typing.Union)
        and set(typing.get_args(hint)) == set(DETAIL_KINDS.values())
    ):
        return details_from_json(data, path)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if data is None:
            if len(options) < len(typing.get_args(hint)):
                return None
            raise AlertShapeError(path, "must not be null")
        if len(options) == 1:
            return _read(options[0], data, path)
        # Geometry: a circle or a polygon, told apart by their fields.
        for option in options:
            names = {field.name for field in dataclasses.fields(option)}
            if isinstance(data, dict) and set(data) <= names and set(data) & names:
                return _read(option, data, path)
        raise AlertShapeError(path, "matches none of its allowed shapes")
    if origin in (tuple, frozenset):
        if not isinstance(data, list):
            raise AlertShapeError(path, "must be a list")
        item_hint = typing.get_args(hint)[0]
        items = [_read(item_hint, item, f"{path}[{i}]") for i, item in enumerate(data)]
        return tuple(items) if origin is tuple else frozenset(items)
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return _read_dataclass(hint, data, path)
        if issubclass(hint, Enum):
            try:
                return hint(data)
            except ValueError:
                allowed = ", ".join(str(member.value) for member in hint)
                raise AlertShapeError(path, f"must be one of {allowed}") from None
        if hint is datetime or hint is date:
            if not isinstance(data, str):
                raise AlertShapeError(path, "must be an ISO 8601 string")
            try:
                return hint.fromisoformat(data)
            except ValueError:
                raise AlertShapeError(path, "is not an ISO 8601 value") from None
        if hint is Decimal:
            if isinstance(data, bool) or not isinstance(data, str | int | float):
                raise AlertShapeError(path, "must be a number")
            try:
                return Decimal(str(data))
            except InvalidOperation:
                raise AlertShapeError(path, "must be a number") from None
        if hint is bool:
            if not isinstance(data, bool):
                raise AlertShapeError(path, "must be true or false")
            return data
        if hint is int:
            if isinstance(data, bool) or not isinstance(data, int):
                raise AlertShapeError(path, "must be an integer")
            return data
        if hint is float:
            if isinstance(data, bool) or not isinstance(data, int | float):
                raise AlertShapeError(path, "must be a number")
            return float(data)
        if hint is str:
            if not isinstance(data, str):
                raise AlertShapeError(path, "must be a string")
            return data
    raise AlertShapeError(path, f"has a type this reader does not know ({hint!r})")
