"""Where an alert lands: each area turned into the keys the targeting table is indexed by.

A visitor is matched by the first two digits (the prefecture) or first five (the municipality) of
their lodging's JIS X 0402 code, or by the H3 cell of a coarse location they chose to share.
Areas become sets of those keys here, once per alert, so that selecting a million visitors is one
indexed query and nothing about a visitor is decrypted or computed at alert time.

JMA names its own areas by code. Its municipality codes (市町村等, 7 digits) start with the JIS
X 0402 code, and its 府県予報区 for earthquake early warnings are "9" + the prefecture + a digit.
Tsunami forecast regions are resolved through JMA's code table (``regions``), to the prefectures
and municipalities each covers; a code not in the table is reported, never guessed from its name.
Seismic intensity regions and epicentres (震央地名) likewise through theirs. Other JMA areas
(volcanoes) are matched to the prefecture their name begins with, which over-reaches to the
whole prefecture rather than miss anyone. An area that matches none of these is reported as not
targeted, so an operator hears of it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import h3

from omotenashi.alerts.areas import Area, AreaKind, Circle, Point, Polygon
from omotenashi.alerts.regions import earthquake_regions, epicentres, tsunami_regions
from omotenashi.japan import PREFECTURES

LOCATION_RESOLUTION = 7
"""H3 resolution of a visitor's coarse location: cells of about 5 km², enough to say "in the
area" and too coarse to find a door."""

MAX_CELLS = 200_000
"""Cells one drawn area may cover at ``LOCATION_RESOLUTION``: about a million km², more than
Japan's land area, so a mis-drawn polygon cannot make an alert unsendable."""

_CIRCLE_VERTICES = 64
_EARTH_RADIUS_M = 6_371_008.8


@dataclass
class Targets:
    prefectures: set[str] = field(default_factory=set)
    municipalities: set[str] = field(default_factory=set)
    cells: set[int] = field(default_factory=set)
    unresolved: list[str] = field(default_factory=list)
    """Areas matched to nobody, as ``kind:code name``."""

    def add(self, other: Targets) -> None:
        self.prefectures |= other.prefectures
        self.municipalities |= other.municipalities
        self.cells |= other.cells
        self.unresolved += other.unresolved

    @property
    def empty(self) -> bool:
        return not (self.prefectures or self.municipalities or self.cells)


def _prefix_names() -> list[tuple[str, str]]:
    """(name prefix, prefecture code), longest first: full names, then names without 都府県."""
    pairs: dict[str, str] = {}
    for code, prefecture in PREFECTURES.items():
        name = prefecture.names["ja"]
        pairs[name] = code
        if name[-1] in "都府県" and len(name) > 2:
            pairs.setdefault(name[:-1], code)
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


_PREFIXES = _prefix_names()


def prefecture_by_name(name_ja: str) -> str | None:
    for prefix, code in _PREFIXES:
        if name_ja.startswith(prefix):
            return code
    return None


def _jma(area: Area) -> Targets:
    code = area.code
    if len(code) == 7 and code[:2] in PREFECTURES:
        return Targets(municipalities={code[:5]})
    if len(code) == 2 and code in PREFECTURES:
        return Targets(prefectures={code})
    if len(code) == 4 and code[0] == "9" and code[1:3] in PREFECTURES:
        named = prefecture_by_name(area.name_ja)
        if named is None or named == code[1:3]:
            return Targets(prefectures={code[1:3]})
    named = prefecture_by_name(area.name_ja)
    if named is not None:
        return Targets(prefectures={named})
    return Targets(unresolved=[f"{area.kind}:{code} {area.name_ja}"])


def _tsunami_region(area: Area) -> Targets:
    table = tsunami_regions()
    region = table.regions.get(area.code)
    if region is None:
        return Targets(
            unresolved=[
                f"{area.kind}:{area.code} {area.name_ja} (not in JMA's table, {table.version})"
            ]
        )
    return Targets(prefectures=set(region.prefectures), municipalities=set(region.municipalities))


def _earthquake_region(area: Area) -> Targets:
    table = earthquake_regions()
    region = table.regions.get(area.code)
    if region is None:
        return Targets(
            unresolved=[
                f"{area.kind}:{area.code} {area.name_ja} (not in JMA's table, {table.version})"
            ]
        )
    return Targets(prefectures={region.prefecture})


def _epicentre(area: Area) -> Targets:
    """A land area reaches the prefectures it lies in, a sea area the coasts it lies off; a far
    sea or an area abroad reaches nobody here, and says so."""
    table = epicentres()
    epicentre = table.regions.get(area.code)
    if epicentre is None:
        return Targets(
            unresolved=[
                f"{area.kind}:{area.code} {area.name_ja} (not in JMA's table, {table.version})"
            ]
        )
    found = Targets(
        prefectures=set(epicentre.prefectures), municipalities=set(epicentre.municipalities)
    )
    if found.empty:
        off = "abroad" if epicentre.where == "abroad" else "a far sea, off no coast of ours"
        found.unresolved.append(f"{area.kind}:{area.code} {area.name_ja} ({off})")
    return found


def _circle_ring(circle: Circle) -> list[tuple[float, float]]:
    latitude = math.radians(circle.centre.latitude)
    longitude = math.radians(circle.centre.longitude)
    angular = circle.radius_m / _EARTH_RADIUS_M
    ring = []
    for step in range(_CIRCLE_VERTICES):
        bearing = 2 * math.pi * step / _CIRCLE_VERTICES
        lat = math.asin(
            math.sin(latitude) * math.cos(angular)
            + math.cos(latitude) * math.sin(angular) * math.cos(bearing)
        )
        lng = longitude + math.atan2(
            math.sin(bearing) * math.sin(angular) * math.cos(latitude),
            math.cos(angular) - math.sin(latitude) * math.sin(lat),
        )
        ring.append((math.degrees(lat), math.degrees(lng)))
    return ring


def _drawn(area: Area) -> Targets:
    geometry = area.geometry
    if isinstance(geometry, Circle):
        ring = _circle_ring(geometry)
        centre = geometry.centre
    elif isinstance(geometry, Polygon):
        ring = [(point.latitude, point.longitude) for point in geometry.vertices]
        centre = geometry.vertices[0]
    else:  # pragma: no cover - Area's own checks make this impossible
        return Targets(unresolved=[f"{area.kind}:{area.code}"])
    cells = set(h3.polygon_to_cells(h3.LatLngPoly(ring), LOCATION_RESOLUTION))
    # A shape smaller than a cell contains no cell centre: it still covers the cell it is in.
    cells.add(h3.latlng_to_cell(centre.latitude, centre.longitude, LOCATION_RESOLUTION))
    if len(cells) > MAX_CELLS:
        raise ValueError(f"{area.kind} {area.code} covers more than {MAX_CELLS} cells")
    return Targets(cells={h3.str_to_int(cell) for cell in cells})


def targets(areas: Iterable[Area]) -> Targets:
    """The keys that select the visitors in ``areas``."""
    found = Targets()
    for area in areas:
        match area.kind:
            case AreaKind.PREFECTURE:
                found.add(Targets(prefectures={area.code}))
            case AreaKind.MUNICIPALITY if area.code[:2] in PREFECTURES:
                found.add(Targets(municipalities={area.code[:5]}))
            case AreaKind.MUNICIPALITY:
                found.add(Targets(unresolved=[f"{area.kind}:{area.code} {area.name_ja}"]))
            case AreaKind.JMA_FORECAST_AREA:
                found.add(_jma(area))
            case AreaKind.TSUNAMI_REGION:
                found.add(_tsunami_region(area))
            case AreaKind.EARTHQUAKE_REGION:
                found.add(_earthquake_region(area))
            case AreaKind.EPICENTRE:
                found.add(_epicentre(area))
            case AreaKind.CIRCLE | AreaKind.POLYGON:
                found.add(_drawn(area))
    return found


def location_cell(point: Point) -> int:
    """The coarse cell a visitor's shared location is kept as; the point itself is not kept."""
    return int(
        h3.str_to_int(h3.latlng_to_cell(point.latitude, point.longitude, LOCATION_RESOLUTION))
    )


def cell_centre(cell: int) -> Point:
    latitude, longitude = h3.cell_to_latlng(h3.int_to_str(cell))
    return Point(latitude, longitude)
