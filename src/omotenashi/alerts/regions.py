"""JMA's code tables of the areas its reports name, shipped as data (``data/``), each with the
version it was taken from.

A region is resolved by its code, never by its name: JMA renames regions now and then
(奄美諸島 became 奄美群島) while the code stays, and a name like 伊豆諸島 begins with no
prefecture at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class TsunamiRegion:
    """One tsunami forecast region (津波予報区) and the places it covers."""

    code: str
    name_ja: str
    reading: str
    """In hiragana, as JMA reads it."""
    romanised: str
    """Hepburn from the reading, without macrons, as on Japanese road signs."""
    name_en: str
    prefectures: frozenset[str]
    """Prefectures covered as a whole (JIS X 0401)."""
    municipalities: frozenset[str]
    """Municipalities covered (5-digit JIS X 0402), for regions along part of a prefecture."""


@dataclass(frozen=True)
class CodeTable:
    version: str
    regions: Mapping[str, TsunamiRegion]


@cache
def tsunami_regions() -> CodeTable:
    """JMA's 津波予報区 table, by code."""
    version = ""
    regions: dict[str, TsunamiRegion] = {}
    for line in (DATA / "tsunami_regions.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# version:"):
            version = line.removeprefix("# version:").strip()
        if not line.strip() or line.startswith("#"):
            continue
        code, name, reading, romanised, english, covers = line.split("\t")
        places = covers.split()
        regions[code] = TsunamiRegion(
            code=code,
            name_ja=name,
            reading=reading,
            romanised=romanised,
            name_en=english,
            prefectures=frozenset(place for place in places if len(place) == 2),
            municipalities=frozenset(place for place in places if len(place) == 5),
        )
    return CodeTable(version, MappingProxyType(regions))


@dataclass(frozen=True)
class EarthquakeRegion:
    """One seismic intensity region (地震情報／細分区域) and the prefecture it lies in."""

    code: str
    name_ja: str
    reading: str
    """In hiragana, as JMA reads it."""
    romanised: str
    """Hepburn from the reading, without macrons (Ishikawa-ken Noto)."""
    prefecture: str
    """JIS X 0401."""


@dataclass(frozen=True)
class EarthquakeRegionTable:
    version: str
    regions: Mapping[str, EarthquakeRegion]


@cache
def earthquake_regions() -> EarthquakeRegionTable:
    """JMA's 地震情報／細分区域 table, by code: the areas of intensity reports (VXSE51, VXSE53)
    and of earthquake early warnings (VXSE43)."""
    version = ""
    regions: dict[str, EarthquakeRegion] = {}
    for line in (DATA / "earthquake_regions.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# version:"):
            version = line.removeprefix("# version:").strip()
        if not line.strip() or line.startswith("#"):
            continue
        code, name, reading, romanised, prefecture = line.split("\t")
        regions[code] = EarthquakeRegion(code, name, reading, romanised, prefecture)
    return EarthquakeRegionTable(version, MappingProxyType(regions))


@dataclass(frozen=True)
class Epicentre:
    """One epicentre name (震央地名): a land area of Japan, a sea area, or an area abroad."""

    code: str
    name_ja: str
    reading: str
    """In hiragana, as JMA reads it."""
    romanised: str
    """Hepburn from the reading, without macrons (Ishikawa-ken Noto-chiho)."""
    where: str
    """``land`` (of Japan), ``sea`` or ``abroad``."""
    prefectures: frozenset[str]
    """On land, the prefectures it lies in; at sea, those whose coast it lies off (JIS X 0401)."""
    municipalities: frozenset[str]
    """Tokyo's islands a sea area lies off (JIS X 0402, 5 digits)."""
    retired: bool
    """JMA no longer uses the code; older reports do."""
    name_en: str
    """For an area abroad, its English name (Near New Guinea); else the romanisation."""


@dataclass(frozen=True)
class EpicentreTable:
    version: str
    regions: Mapping[str, Epicentre]


EPICENTRE_WHERE = frozenset({"land", "sea", "abroad"})


@cache
def epicentres() -> EpicentreTable:
    """JMA's 震央地名 table, by code: the epicentre of every earthquake report
    (Hypocenter/Area/Code)."""
    version = ""
    regions: dict[str, Epicentre] = {}
    for line in (DATA / "epicentres.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# version:"):
            version = line.removeprefix("# version:").strip()
        if not line.strip() or line.startswith("#"):
            continue
        code, name, reading, romanised, where, places, status, english = line.split("\t")
        if where not in EPICENTRE_WHERE or status not in {"", "retired"}:
            raise ValueError(f"epicentres.tsv: {code} is {where!r}, {status!r}")
        covers = places.split()
        regions[code] = Epicentre(
            code=code,
            name_ja=name,
            reading=reading,
            romanised=romanised,
            where=where,
            prefectures=frozenset(place for place in covers if len(place) == 2),
            municipalities=frozenset(place for place in covers if len(place) == 5),
            retired=status == "retired",
            name_en=english or romanised,
        )
    return EpicentreTable(version, MappingProxyType(regions))
