"""What a disaster alert is, independent of where it came from and of how it is shown.

An ``Alert`` carries typed details for its kind of hazard; its ``type`` and ``severity`` follow from
those details, so they can never disagree with them. All values are validated on construction:
an alert that exists is one we can show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import IntEnum, StrEnum
from types import MappingProxyType

from omotenashi.alerts.areas import Area, AreaKind


class AlertType(StrEnum):
    EARTHQUAKE_EARLY_WARNING = "earthquake_early_warning"
    EARTHQUAKE_INFORMATION = "earthquake_information"
    MAJOR_TSUNAMI_WARNING = "major_tsunami_warning"
    TSUNAMI_WARNING = "tsunami_warning"
    TSUNAMI_ADVISORY = "tsunami_advisory"
    TSUNAMI_FORECAST = "tsunami_forecast"
    """Slight sea-level change expected: no damage expected."""
    TSUNAMI_LIFTED = "tsunami_lifted"
    """Tsunami warnings or advisories lifted (解除), with what still applies."""
    WEATHER_EMERGENCY_WARNING = "weather_emergency_warning"
    WEATHER_WARNING = "weather_warning"
    WEATHER_ADVISORY = "weather_advisory"
    WEATHER_WARNINGS_LIFTED = "weather_warnings_lifted"
    VOLCANIC_WARNING = "volcanic_warning"
    HEAT_STROKE_ALERT = "heat_stroke_alert"
    EVACUATION_ORDER = "evacuation_order"
    CIVIL_PROTECTION_ALERT = "civil_protection_alert"
    """J-ALERT national-protection information, such as a missile launch."""


class Severity(IntEnum):
    """How urgently a visitor must act; ordered, so alerts sort and compare by it."""

    INFORMATION = 1
    ADVISORY = 2
    WARNING = 3
    EMERGENCY = 4


class ReportStatus(StrEnum):
    """JMA's Control/Status. Exercise and test reports must never reach visitors as real."""

    NORMAL = "normal"
    EXERCISE = "exercise"
    TEST = "test"


def _require_aware(moment: datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")


# Earthquakes


class Intensity(StrEnum):
    """JMA seismic intensity (震度), written as JMA's XML writes it."""

    ONE = "1"
    TWO = "2"
    THREE = "3"
    FOUR = "4"
    FIVE_LOWER = "5-"
    FIVE_UPPER = "5+"
    SIX_LOWER = "6-"
    SIX_UPPER = "6+"
    SEVEN = "7"

    @property
    def rank(self) -> int:
        """Position on the scale, for comparing intensities (the values do not sort as text)."""
        return _INTENSITY_SCALE.index(self)


_INTENSITY_SCALE: tuple[Intensity, ...] = tuple(Intensity)


@dataclass(frozen=True)
class IntensityRange:
    """A forecast intensity: ``lower`` to ``upper``, or ``lower`` or more when ``upper`` is None."""

    lower: Intensity
    upper: Intensity | None = None

    def __post_init__(self) -> None:
        if self.upper is not None and self.upper.rank < self.lower.rank:
            raise ValueError(f"intensity range {self.lower} to {self.upper} is inverted")


@dataclass(frozen=True)
class Earthquake:
    """The shock itself. ``depth_km`` 0 is JMA's "very shallow"; None values are not yet known."""

    origin_time: datetime
    epicentre: Area | None = None
    depth_km: int | None = None
    magnitude: Decimal | None = None
    magnitude_over: Decimal | None = None
    """When the size is known only to exceed a magnitude (Ｍ８を超える巨大地震)."""

    def __post_init__(self) -> None:
        _require_aware(self.origin_time, "the origin time")
        if self.depth_km is not None and not 0 <= self.depth_km <= 1000:
            raise ValueError(f"depth {self.depth_km} km is not a hypocentre depth")
        if self.magnitude is not None and not (
            self.magnitude.is_finite() and Decimal(-2) <= self.magnitude <= Decimal(10)
        ):
            raise ValueError(f"magnitude {self.magnitude} is not a magnitude")


@dataclass(frozen=True)
class AreaIntensity:
    area: Area
    intensity: Intensity


@dataclass(frozen=True)
class AreaIntensityForecast:
    area: Area
    intensity: IntensityRange


@dataclass(frozen=True)
class EarthquakeEarlyWarning:
    """緊急地震速報（警報）: strong shaking is about to arrive."""

    earthquake: Earthquake
    forecast: IntensityRange
    """The strongest shaking expected anywhere."""
    area_forecasts: tuple[AreaIntensityForecast, ...] = ()

    @property
    def alert_type(self) -> AlertType:
        return AlertType.EARTHQUAKE_EARLY_WARNING

    @property
    def severity(self) -> Severity:
        return Severity.EMERGENCY


class TsunamiOutlook(StrEnum):
    """What an earthquake report says about tsunami (JMA's fixed comments 0215, 0212, 0211)."""

    NONE_EXPECTED = "none_expected"
    SLIGHT_SEA_LEVEL_CHANGE = "slight_sea_level_change"
    WARNINGS_IN_EFFECT = "warnings_in_effect"
    INVESTIGATING = "investigating"
    """0229: whether a tsunami will reach Japan is being investigated (a distant event)."""


@dataclass(frozen=True)
class EarthquakeInformation:
    """震度速報 (intensities only), 震源に関する情報 (hypocentre only), 震源・震度に関する情報
    (both), or 遠地地震に関する情報 (``distant``: a large earthquake or eruption abroad)."""

    earthquake: Earthquake | None
    max_intensity: Intensity | None = None
    area_intensities: tuple[AreaIntensity, ...] = ()
    tsunami_outlook: TsunamiOutlook | None = None
    distant: bool = False

    def __post_init__(self) -> None:
        if self.earthquake is None and self.max_intensity is None:
            raise ValueError("earthquake information gives the hypocentre or the intensities")
        for observed in self.area_intensities:
            if self.max_intensity is None or observed.intensity.rank > self.max_intensity.rank:
                raise ValueError(
                    f"{observed.area.name_ja} felt {observed.intensity}, "
                    f"above the maximum {self.max_intensity}"
                )

    @property
    def alert_type(self) -> AlertType:
        return AlertType.EARTHQUAKE_INFORMATION

    @property
    def severity(self) -> Severity:
        if self.max_intensity is None:
            return Severity.INFORMATION
        # 5- is where JMA's own guidance starts describing damage; 6- is where people cannot stand.
        if self.max_intensity.rank >= Intensity.SIX_LOWER.rank:
            return Severity.EMERGENCY
        if self.max_intensity.rank >= Intensity.FIVE_LOWER.rank:
            return Severity.WARNING
        if self.max_intensity.rank >= Intensity.THREE.rank:
            return Severity.ADVISORY
        return Severity.INFORMATION


# Tsunami


class TsunamiGrade(IntEnum):
    """What is in force for one tsunami forecast region, most severe highest."""

    LIFTED = 0
    """A warning or advisory was lifted, or none was needed (JMA codes 00, 50, 60)."""
    SLIGHT_SEA_LEVEL_CHANGE = 1
    ADVISORY = 2
    WARNING = 3
    MAJOR_WARNING = 4


class TsunamiHeight(StrEnum):
    """JMA's categories of expected height. HUGE and HIGH are what JMA says for major warnings
    and warnings before the magnitude, and so a number, is known."""

    UNDER_0_2_M = "under_0.2m"
    """０．２ｍ未満: what JMA forecasts for a slight sea-level change."""
    UP_TO_1_M = "1m"
    UP_TO_3_M = "3m"
    UP_TO_5_M = "5m"
    UP_TO_10_M = "10m"
    OVER_10_M = "over_10m"
    HUGE = "huge"
    HIGH = "high"


class TsunamiArrival(StrEnum):
    """When the arrival time is replaced (or qualified) by one of JMA's conditions."""

    IMMEDIATE = "immediate"
    """ただちに津波来襲と予測: expected to arrive immediately."""
    ARRIVING = "arriving"
    """津波到達中と推測: estimated to be arriving now (not yet observed)."""
    FIRST_WAVE_OBSERVED = "first_wave_observed"
    """第１波の到達を確認: the first wave has been observed."""
    ALREADY_ARRIVED = "already_arrived"
    """既に津波到達と推測: estimated to have arrived already."""


@dataclass(frozen=True)
class TsunamiAreaForecast:
    """What is in force for one region; ``previous`` is what was in force before this report
    (JMA's LastKind), so that a lifting can say what it lifted."""

    area: Area
    grade: TsunamiGrade
    height: TsunamiHeight | None = None
    arrival_time: datetime | None = None
    arrival: TsunamiArrival | None = None
    previous: TsunamiGrade | None = None
    observed_height: Decimal | None = None
    """The largest wave observed so far on the region's coast (津波情報), in metres."""
    observed_rising: bool = False
    """The largest wave observed is still rising (上昇中)."""

    def __post_init__(self) -> None:
        if self.arrival_time is not None:
            _require_aware(self.arrival_time, "a tsunami arrival time")
        if self.grade is TsunamiGrade.LIFTED and (
            self.height is not None or self.arrival_time is not None or self.arrival is not None
        ):
            raise ValueError(f"{self.area.name_ja} has no tsunami to describe")
        if self.grade is TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE and (
            self.height not in {None, TsunamiHeight.UNDER_0_2_M}
            or self.arrival_time is not None
            or self.arrival is not None
        ):
            # JMA gives a slight change at most a height under 0.2 m, never an arrival.
            raise ValueError(f"{self.area.name_ja} has only a slight sea-level change")

    @property
    def lifted(self) -> bool:
        """A warning or advisory in force before this report is no longer in force."""
        return (
            self.previous is not None
            and self.previous >= TsunamiGrade.ADVISORY
            and self.grade <= TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE
        )


@dataclass(frozen=True)
class TsunamiForecast:
    """津波警報・注意報・予報 for one or more tsunami forecast regions."""

    forecasts: tuple[TsunamiAreaForecast, ...]
    earthquake: Earthquake | None = None

    def __post_init__(self) -> None:
        if not self.forecasts:
            raise ValueError("a tsunami forecast covers at least one region")

    @property
    def top_grade(self) -> TsunamiGrade:
        return max(forecast.grade for forecast in self.forecasts)

    @property
    def lifted_grade(self) -> TsunamiGrade | None:
        """The most severe grade this report lifts, when nothing of advisory or above remains
        in force anywhere it covers: it is then a lifting, not a forecast."""
        if self.top_grade >= TsunamiGrade.ADVISORY:
            return None
        lifted = [
            forecast.previous
            for forecast in self.forecasts
            if forecast.lifted and forecast.previous is not None
        ]
        return max(lifted, default=None)

    @property
    def alert_type(self) -> AlertType:
        if self.lifted_grade is not None:
            return AlertType.TSUNAMI_LIFTED
        return {
            TsunamiGrade.MAJOR_WARNING: AlertType.MAJOR_TSUNAMI_WARNING,
            TsunamiGrade.WARNING: AlertType.TSUNAMI_WARNING,
            TsunamiGrade.ADVISORY: AlertType.TSUNAMI_ADVISORY,
        }.get(self.top_grade, AlertType.TSUNAMI_FORECAST)

    @property
    def severity(self) -> Severity:
        return {
            TsunamiGrade.MAJOR_WARNING: Severity.EMERGENCY,
            TsunamiGrade.WARNING: Severity.WARNING,
            TsunamiGrade.ADVISORY: Severity.ADVISORY,
        }.get(self.top_grade, Severity.INFORMATION)


# Weather


class WeatherLevel(IntEnum):
    ADVISORY = 1
    """注意報."""
    WARNING = 2
    """警報."""
    EMERGENCY_WARNING = 3
    """特別警報."""


class WeatherPhenomenon(StrEnum):
    HEAVY_RAIN = "heavy_rain"
    FLOOD = "flood"
    STORM = "storm"
    """暴風: violent wind. Its advisory counterpart is GALE."""
    SNOWSTORM = "snowstorm"
    """暴風雪. Its advisory counterpart is WIND_AND_SNOW."""
    HEAVY_SNOW = "heavy_snow"
    HIGH_WAVES = "high_waves"
    STORM_SURGE = "storm_surge"
    THUNDERSTORM = "thunderstorm"
    GALE = "gale"
    WIND_AND_SNOW = "wind_and_snow"
    SNOWMELT = "snowmelt"
    DENSE_FOG = "dense_fog"
    DRY_AIR = "dry_air"
    AVALANCHE = "avalanche"
    LOW_TEMPERATURE = "low_temperature"
    FROST = "frost"
    ICING = "icing"
    SNOW_ACCRETION = "snow_accretion"


_ALL_LEVELS = frozenset(WeatherLevel)
_WARNING_LEVELS = frozenset({WeatherLevel.WARNING, WeatherLevel.EMERGENCY_WARNING})
_ADVISORY_ONLY = frozenset({WeatherLevel.ADVISORY})

WEATHER_LEVELS: Mapping[WeatherPhenomenon, frozenset[WeatherLevel]] = MappingProxyType(
    {
        WeatherPhenomenon.HEAVY_RAIN: _ALL_LEVELS,
        WeatherPhenomenon.FLOOD: frozenset({WeatherLevel.ADVISORY, WeatherLevel.WARNING}),
        WeatherPhenomenon.STORM: _WARNING_LEVELS,
        WeatherPhenomenon.SNOWSTORM: _WARNING_LEVELS,
        WeatherPhenomenon.HEAVY_SNOW: _ALL_LEVELS,
        WeatherPhenomenon.HIGH_WAVES: _ALL_LEVELS,
        WeatherPhenomenon.STORM_SURGE: _ALL_LEVELS,
        WeatherPhenomenon.THUNDERSTORM: _ADVISORY_ONLY,
        WeatherPhenomenon.GALE: _ADVISORY_ONLY,
        WeatherPhenomenon.WIND_AND_SNOW: _ADVISORY_ONLY,
        WeatherPhenomenon.SNOWMELT: _ADVISORY_ONLY,
        WeatherPhenomenon.DENSE_FOG: _ADVISORY_ONLY,
        WeatherPhenomenon.DRY_AIR: _ADVISORY_ONLY,
        WeatherPhenomenon.AVALANCHE: _ADVISORY_ONLY,
        WeatherPhenomenon.LOW_TEMPERATURE: _ADVISORY_ONLY,
        WeatherPhenomenon.FROST: _ADVISORY_ONLY,
        WeatherPhenomenon.ICING: _ADVISORY_ONLY,
        WeatherPhenomenon.SNOW_ACCRETION: _ADVISORY_ONLY,
    }
)
"""The levels at which JMA issues each phenomenon (特別警報 exist for six of them)."""


@dataclass(frozen=True)
class WeatherWarning:
    phenomenon: WeatherPhenomenon
    level: WeatherLevel

    def __post_init__(self) -> None:
        if self.level not in WEATHER_LEVELS[self.phenomenon]:
            raise ValueError(f"JMA issues no {self.level.name.lower()} for {self.phenomenon}")


@dataclass(frozen=True)
class AreaWeatherWarnings:
    """What is in force in one area; empty when everything there has been lifted."""

    area: Area
    warnings: tuple[WeatherWarning, ...] = ()


@dataclass(frozen=True)
class WeatherWarnings:
    """気象特別警報・警報・注意報 for the areas of one forecast district."""

    areas: tuple[AreaWeatherWarnings, ...]

    def __post_init__(self) -> None:
        if not self.areas:
            raise ValueError("weather warnings cover at least one area")

    @property
    def top_level(self) -> WeatherLevel | None:
        """The most severe level in force anywhere, or None when everything was lifted."""
        return max(
            (warning.level for area in self.areas for warning in area.warnings), default=None
        )

    @property
    def alert_type(self) -> AlertType:
        return {
            WeatherLevel.EMERGENCY_WARNING: AlertType.WEATHER_EMERGENCY_WARNING,
            WeatherLevel.WARNING: AlertType.WEATHER_WARNING,
            WeatherLevel.ADVISORY: AlertType.WEATHER_ADVISORY,
            None: AlertType.WEATHER_WARNINGS_LIFTED,
        }[self.top_level]

    @property
    def severity(self) -> Severity:
        return {
            WeatherLevel.EMERGENCY_WARNING: Severity.EMERGENCY,
            WeatherLevel.WARNING: Severity.WARNING,
            WeatherLevel.ADVISORY: Severity.ADVISORY,
            None: Severity.INFORMATION,
        }[self.top_level]


# Volcanoes


class VolcanicWarning(StrEnum):
    """The kind of 噴火警報・予報, for volcanoes with or without alert levels."""

    RESIDENTIAL_AREAS = "residential_areas"
    """噴火警報（居住地域）: levels 4 and 5, or 居住地域厳重警戒."""
    CRATER_AREA = "crater_area"
    """噴火警報（火口周辺）: levels 2 and 3, or 入山危険 / 火口周辺危険."""
    SURROUNDING_SEA = "surrounding_sea"
    """噴火警報（周辺海域）, for submarine and island volcanoes: 周辺海域警戒."""
    FORECAST = "forecast"
    """噴火予報: level 1, or 活火山であることに留意."""


VOLCANIC_WARNING_BY_LEVEL: Mapping[int, VolcanicWarning] = MappingProxyType(
    {
        1: VolcanicWarning.FORECAST,
        2: VolcanicWarning.CRATER_AREA,
        3: VolcanicWarning.CRATER_AREA,
        4: VolcanicWarning.RESIDENTIAL_AREAS,
        5: VolcanicWarning.RESIDENTIAL_AREAS,
    }
)
"""The kind of warning each volcanic alert level is issued as."""


@dataclass(frozen=True)
class VolcanicActivity:
    """噴火警報・予報 for one volcano. ``alert_level`` (1–5) is None for the volcanoes JMA has not
    given levels; ``warning`` must agree with the level when there is one."""

    volcano: Area
    warning: VolcanicWarning
    alert_level: int | None = None

    def __post_init__(self) -> None:
        if self.alert_level is not None:
            if self.alert_level not in VOLCANIC_WARNING_BY_LEVEL:
                raise ValueError(f"volcanic alert level {self.alert_level} is not 1 to 5")
            if VOLCANIC_WARNING_BY_LEVEL[self.alert_level] is not self.warning:
                raise ValueError(f"level {self.alert_level} is not a {self.warning} warning")

    @property
    def alert_type(self) -> AlertType:
        return AlertType.VOLCANIC_WARNING

    @property
    def severity(self) -> Severity:
        if self.alert_level is not None:
            return {
                5: Severity.EMERGENCY,
                4: Severity.EMERGENCY,
                3: Severity.WARNING,
                2: Severity.ADVISORY,
                1: Severity.INFORMATION,
            }[self.alert_level]
        return {
            VolcanicWarning.RESIDENTIAL_AREAS: Severity.EMERGENCY,
            VolcanicWarning.CRATER_AREA: Severity.WARNING,
            VolcanicWarning.SURROUNDING_SEA: Severity.WARNING,
            VolcanicWarning.FORECAST: Severity.INFORMATION,
        }[self.warning]


# Heat


@dataclass(frozen=True)
class HeatStrokeAlert:
    """熱中症警戒アラート, or 熱中症特別警戒アラート when ``special``, for one day."""

    wbgt: Decimal
    """The highest heat index (WBGT, °C) forecast in the area for the day."""
    target_date: date
    special: bool = False

    def __post_init__(self) -> None:
        if not (self.wbgt.is_finite() and Decimal(0) <= self.wbgt <= Decimal(50)):
            raise ValueError(f"WBGT {self.wbgt} is not a heat index")

    @property
    def alert_type(self) -> AlertType:
        return AlertType.HEAT_STROKE_ALERT

    @property
    def severity(self) -> Severity:
        return Severity.EMERGENCY if self.special else Severity.WARNING


# Evacuation


class EvacuationLevel(IntEnum):
    """The alert levels a municipality issues (警戒レベル), from the 2021 revision of the
    Disaster Countermeasures Basic Act."""

    ELDERLY_EVACUATE = 3
    """高齢者等避難."""
    EVACUATE = 4
    """避難指示."""
    EMERGENCY_SAFETY = 5
    """緊急安全確保: a disaster is under way; moving to a shelter may no longer be safe."""


@dataclass(frozen=True)
class Shelter:
    name_ja: str
    name_romanised: str | None = None

    def __post_init__(self) -> None:
        if not self.name_ja.strip():
            raise ValueError("a shelter needs its Japanese name")
        if self.name_romanised is not None and not self.name_romanised.strip():
            raise ValueError(f"shelter {self.name_ja} has a blank romanised name")


@dataclass(frozen=True)
class EvacuationOrder:
    """An evacuation instruction from a municipality, with the shelters it names."""

    level: EvacuationLevel
    shelters: tuple[Shelter, ...] = ()

    @property
    def alert_type(self) -> AlertType:
        return AlertType.EVACUATION_ORDER

    @property
    def severity(self) -> Severity:
        if self.level is EvacuationLevel.ELDERLY_EVACUATE:
            return Severity.WARNING
        return Severity.EMERGENCY


# Civil protection


@dataclass(frozen=True)
class MissileAlert:
    """J-ALERT ミサイル発射情報 for the prefectures it names."""

    prefectures: tuple[Area, ...]

    def __post_init__(self) -> None:
        if not self.prefectures:
            raise ValueError("a missile alert names at least one prefecture")
        if any(area.kind is not AreaKind.PREFECTURE for area in self.prefectures):
            raise ValueError("a missile alert names prefectures")

    @property
    def alert_type(self) -> AlertType:
        return AlertType.CIVIL_PROTECTION_ALERT

    @property
    def severity(self) -> Severity:
        return Severity.EMERGENCY


AlertDetails = (
    EarthquakeEarlyWarning
    | EarthquakeInformation
    | TsunamiForecast
    | WeatherWarnings
    | VolcanicActivity
    | HeatStrokeAlert
    | EvacuationOrder
    | MissileAlert
)

_EVENT_ID = re.compile(r"\S+( \S+)*")
"""One event id, or several separated by single spaces (JMA credits a tsunami to two
earthquakes so)."""


@dataclass(frozen=True)
class Alert:
    """One alert as issued by its source.

    ``expires_at`` is None when the source sets no end: the alert stands until replaced, lifted or
    cancelled (JMA's warnings work so). ``event_id`` and ``serial`` let the next report of the same
    event replace this one; ``corrected`` marks a report that corrects the previous one (訂正).
    """

    details: AlertDetails
    areas: tuple[Area, ...]
    issued_at: datetime
    source: str
    expires_at: datetime | None = None
    status: ReportStatus = ReportStatus.NORMAL
    event_id: str | None = None
    serial: int | None = None
    corrected: bool = False

    def __post_init__(self) -> None:
        if not self.areas:
            raise ValueError("an alert covers at least one area")
        _require_aware(self.issued_at, "issued_at")
        if self.expires_at is not None:
            _require_aware(self.expires_at, "expires_at")
            if self.expires_at <= self.issued_at:
                raise ValueError("an alert expires after it is issued")
        if not self.source.strip():
            raise ValueError("an alert names its source")
        if self.event_id is not None and _EVENT_ID.fullmatch(self.event_id) is None:
            raise ValueError(f"event id {self.event_id!r} is not an identifier")
        if self.serial is not None and self.serial < 1:
            raise ValueError(f"serial {self.serial} is not a report number")

    @property
    def type(self) -> AlertType:
        return self.details.alert_type

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(self.event_id.split()) if self.event_id else ()

    @property
    def severity(self) -> Severity:
        return self.details.severity

    @property
    def is_real(self) -> bool:
        """False for exercises and tests, which must never be shown to visitors as real."""
        return self.status is ReportStatus.NORMAL


@dataclass(frozen=True)
class Cancellation:
    """A source withdrawing reports it issued in error (JMA InfoType 取消).

    It cancels every report of ``cancels_event_id`` among ``alert_types`` from ``source``; the
    event id is None for reports that carry none (JMA's weather warnings), where it cancels the
    latest report of those types from that source.
    """

    alert_types: frozenset[AlertType]
    issued_at: datetime
    source: str
    cancels_event_id: str | None = None
    status: ReportStatus = ReportStatus.NORMAL

    def __post_init__(self) -> None:
        if not self.alert_types:
            raise ValueError("a cancellation names the alert types it cancels")
        _require_aware(self.issued_at, "issued_at")
        if not self.source.strip():
            raise ValueError("a cancellation names its source")

    @property
    def is_real(self) -> bool:
        return self.status is ReportStatus.NORMAL
