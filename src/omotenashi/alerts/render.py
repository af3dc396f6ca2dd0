"""Rendering an alert for a visitor, from fixed phrases in their language.

Only the phrase tables speak: an alert's free text from its source (JMA's headline, a municipality's
notes) is never shown translated, because there is no translation we could vouch for. Place names
come from the source or our prefecture table; numbers, lists and times are formatted by Babel for
the language, times always in Japan time with the zone named, since a visitor's phone may still be
on home time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_skeleton, get_timezone_name
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from omotenashi import i18n
from omotenashi.alerts import ALERT_LANGUAGES, EASY_JAPANESE
from omotenashi.alerts.areas import LATIN_SCRIPT_LANGUAGES, Area, area_name
from omotenashi.alerts.catalogue import (
    Alert,
    Earthquake,
    EarthquakeEarlyWarning,
    EarthquakeInformation,
    EvacuationLevel,
    EvacuationOrder,
    HeatStrokeAlert,
    Intensity,
    IntensityRange,
    MissileAlert,
    ReportStatus,
    Shelter,
    TsunamiAreaForecast,
    TsunamiArrival,
    TsunamiForecast,
    TsunamiGrade,
    TsunamiHeight,
    TsunamiOutlook,
    VolcanicActivity,
    VolcanicWarning,
    WeatherLevel,
    WeatherWarning,
    WeatherWarnings,
)
from omotenashi.alerts.phrases import PHRASES, Phrases
from omotenashi.errors import ValidationFailedError
from omotenashi.japan import JST

__all__ = [
    "EASY_JAPANESE",
    "FALLBACK_LANGUAGES",
    "RenderedAlert",
    "UnsupportedAlertLanguageError",
    "alert_languages",
    "render",
]


FALLBACK_LANGUAGES: tuple[str, ...] = ("en", "ja")
"""What a visitor gets when none of their languages is an alert language: English and Japanese
together, so that they, or someone beside them, can read it."""

_HEADLINE_AREAS = 3
"""Areas named in a headline before "and N more": headlines go to lock screens."""


class UnsupportedAlertLanguageError(ValidationFailedError):
    code = "unsupported_alert_language"
    title = "Alerts are not available in this language"


@dataclass(frozen=True)
class RenderedAlert:
    """An alert as one visitor reads it: a headline, the facts, then what to do."""

    headline: str
    lines: tuple[str, ...]
    action: str
    language: str


def render(alert: Alert, language: str) -> RenderedAlert:
    """``alert`` in ``language``, one of ``ALERT_LANGUAGES``.

    Raises ``UnsupportedAlertLanguageError`` for any other language rather than falling back
    silently: choose the languages first with ``alert_languages``. An exercise or test report is
    rendered with its headline marked as such, never as a real alert.
    """
    if language not in PHRASES:
        raise UnsupportedAlertLanguageError(
            f"Alerts cannot be rendered in {language!r}; the alert languages are "
            f"{', '.join(ALERT_LANGUAGES)}."
        )
    writer = _Writer(language, PHRASES[language], _babel_locale(language))
    headline, lines, action = writer.body(alert)
    p = writer.phrases
    if alert.corrected:
        headline = p["corrected_headline"].format(headline=headline)
    if alert.status is ReportStatus.EXERCISE:
        headline = p["exercise_headline"].format(headline=headline)
    elif alert.status is ReportStatus.TEST:
        headline = p["test_headline"].format(headline=headline)
    lines.append(p["source_line"].format(source=alert.source))
    lines.append(p["issued_line"].format(time=writer.moment(alert.issued_at)))
    if alert.expires_at is not None:
        lines.append(p["valid_until_line"].format(time=writer.moment(alert.expires_at)))
    return RenderedAlert(headline=headline, lines=tuple(lines), action=action, language=language)


def alert_languages(preferred: Sequence[str]) -> tuple[str, ...]:
    """The languages to render an alert in for a visitor who prefers ``preferred`` (BCP 47 tags,
    best first): the first of them we can render, else ``FALLBACK_LANGUAGES``."""
    for tag in preferred:
        # Checked before matching, which would otherwise read "ja-x-easy" as plain Japanese.
        if tag.strip().lower() == EASY_JAPANESE:
            return (EASY_JAPANESE,)
        language = i18n.match_tag(tag)
        if language is not None:
            return (language.code,)
    return FALLBACK_LANGUAGES


@cache
def _babel_locale(language: str) -> Locale:
    return Locale.parse("ja" if language == EASY_JAPANESE else i18n.BY_CODE[language].cldr)


_HEIGHT_METRES = {
    TsunamiHeight.UP_TO_1_M: 1,
    TsunamiHeight.UP_TO_3_M: 3,
    TsunamiHeight.UP_TO_5_M: 5,
    TsunamiHeight.UP_TO_10_M: 10,
}


@dataclass(frozen=True)
class _Writer:
    language: str
    phrases: Phrases
    locale: Locale

    def body(self, alert: Alert) -> tuple[str, list[str], str]:
        """Headline, type-specific lines and action for ``alert``."""
        match alert.details:
            case EarthquakeEarlyWarning() as details:
                return self.early_warning(alert, details)
            case EarthquakeInformation() as details:
                return self.earthquake_information(alert, details)
            case TsunamiForecast() as details:
                return self.tsunami(details)
            case WeatherWarnings() as details:
                return self.weather(alert, details)
            case VolcanicActivity() as details:
                return self.volcano(alert, details)
            case HeatStrokeAlert() as details:
                return self.heat(alert, details)
            case EvacuationOrder() as details:
                return self.evacuation(alert, details)
            case MissileAlert() as details:
                return self.missile(alert, details)

    # Alert types.

    def early_warning(
        self, alert: Alert, details: EarthquakeEarlyWarning
    ) -> tuple[str, list[str], str]:
        p = self.phrases
        lines = [
            p["eew_forecast_line"].format(intensity=self.intensity_range(details.forecast)),
            *self.earthquake(details.earthquake),
            *(
                p["label_value"].format(
                    label=self.area(forecast.area), value=self.intensity_range(forecast.intensity)
                )
                for forecast in details.area_forecasts
            ),
        ]
        headline = p["eew_headline"].format(areas=self.areas(alert.areas, shorten=True))
        return headline, lines, p["eew_action"]

    def earthquake_information(
        self, alert: Alert, details: EarthquakeInformation
    ) -> tuple[str, list[str], str]:
        p = self.phrases
        quake = details.earthquake
        lines = [] if quake is None else self.earthquake(quake)
        if details.tsunami_outlook is not None:
            lines.append(
                {
                    TsunamiOutlook.NONE_EXPECTED: p["tsunami_outlook_none"],
                    TsunamiOutlook.SLIGHT_SEA_LEVEL_CHANGE: p["tsunami_outlook_slight"],
                    TsunamiOutlook.WARNINGS_IN_EFFECT: p["tsunami_outlook_warning"],
                    TsunamiOutlook.INVESTIGATING: p["tsunami_outlook_investigating"],
                }[details.tsunami_outlook]
            )
        if details.max_intensity is None:
            epicentre = quake.epicentre if quake is not None else None
            place = self.area(epicentre) if epicentre is not None else ""
            template = (
                p["quake_distant_headline"] if details.distant else p["quake_hypocentre_headline"]
            )
            return template.format(place=place), lines, p["quake_action_minor"]
        lines.append(p["areas_line"].format(areas=self.areas(alert.areas)))
        lines.extend(
            p["label_value"].format(
                label=self.area(observed.area), value=self.intensity(observed.intensity)
            )
            for observed in details.area_intensities
        )
        headline = p["quake_headline"].format(intensity=self.intensity(details.max_intensity))
        strong = details.max_intensity.rank >= Intensity.FIVE_LOWER.rank
        return headline, lines, p["quake_action_strong" if strong else "quake_action_minor"]

    def tsunami(self, details: TsunamiForecast) -> tuple[str, list[str], str]:
        p = self.phrases
        top = details.top_grade
        worst_first = sorted(
            details.forecasts, key=lambda forecast: (-forecast.grade, -(forecast.previous or 0))
        )
        lines = [
            p["label_value"].format(
                label=self.area(forecast.area), value=self.tsunami_area(forecast)
            )
            for forecast in worst_first
        ]
        if details.earthquake is not None:
            lines.extend(self.earthquake(details.earthquake))
        lifted = details.lifted_grade
        if lifted is not None:
            # A lifting says what was lifted where, and what still applies: not a new forecast.
            at_lifted = [forecast.area for forecast in worst_first if forecast.lifted]
            template = (
                p["tsunami_advisory_lifted_headline"]
                if lifted is TsunamiGrade.ADVISORY
                else p["tsunami_warning_lifted_headline"]
            )
            headline = template.format(areas=self.areas(at_lifted, shorten=True))
            return headline, lines, p["tsunami_lifted_action"]
        at_top = [forecast.area for forecast in worst_first if forecast.grade is top]
        headline, action = {
            TsunamiGrade.MAJOR_WARNING: (
                p["major_tsunami_warning_headline"],
                p["tsunami_warning_action"],
            ),
            TsunamiGrade.WARNING: (p["tsunami_warning_headline"], p["tsunami_warning_action"]),
            TsunamiGrade.ADVISORY: (p["tsunami_advisory_headline"], p["tsunami_advisory_action"]),
            TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE: (
                p["tsunami_forecast_headline"],
                p["tsunami_forecast_action"],
            ),
            TsunamiGrade.LIFTED: (p["tsunami_forecast_headline"], p["tsunami_forecast_action"]),
        }[top]
        return headline.format(areas=self.areas(at_top, shorten=True)), lines, action

    def weather(self, alert: Alert, details: WeatherWarnings) -> tuple[str, list[str], str]:
        p = self.phrases
        top = details.top_level
        if top is None:
            headline = p["weather_lifted_headline"].format(
                areas=self.areas(alert.areas, shorten=True)
            )
            lines = [p["areas_line"].format(areas=self.areas(alert.areas))]
            return headline, lines, p["weather_lifted_action"]
        lines = [
            p["label_value"].format(
                label=self.area(area.area),
                value=self.listing(
                    self.weather_warning(warning)
                    for warning in sorted(area.warnings, key=lambda warning: -warning.level)
                ),
            )
            for area in details.areas
            if area.warnings
        ]
        at_top = dict.fromkeys(
            warning.phenomenon
            for area in details.areas
            for warning in area.warnings
            if warning.level is top
        )
        phenomena = self.listing(p["weather_phenomena"][phenomenon] for phenomenon in at_top)
        headline, action = {
            WeatherLevel.EMERGENCY_WARNING: (
                p["weather_emergency_headline"],
                p["weather_emergency_action"],
            ),
            WeatherLevel.WARNING: (p["weather_warning_headline"], p["weather_warning_action"]),
            WeatherLevel.ADVISORY: (p["weather_advisory_headline"], p["weather_advisory_action"]),
        }[top]
        return headline.format(phenomena=phenomena), lines, action

    def volcano(self, alert: Alert, details: VolcanicActivity) -> tuple[str, list[str], str]:
        p = self.phrases
        volcano = self.area(details.volcano)
        if details.alert_level is not None:
            headline = p["volcano_level_headline"].format(
                volcano=volcano,
                level=self.number(details.alert_level),
                keyword=p["volcano_level_keywords"][details.alert_level - 1],
            )
            action = {
                5: p["volcano_action_evacuate"],
                4: p["volcano_action_prepare"],
                3: p["volcano_action_keep_off_mountain"],
                2: p["volcano_action_keep_off_crater"],
                1: p["volcano_action_aware"],
            }[details.alert_level]
        else:
            warning, action = {
                VolcanicWarning.RESIDENTIAL_AREAS: (
                    p["volcano_warning_residential"],
                    p["volcano_action_prepare"],
                ),
                # Without levels JMA does not split the crater area from the whole mountain, so
                # the wider restriction is the safe one to tell a visitor.
                VolcanicWarning.CRATER_AREA: (
                    p["volcano_warning_crater"],
                    p["volcano_action_keep_off_mountain"],
                ),
                VolcanicWarning.SURROUNDING_SEA: (
                    p["volcano_warning_sea"],
                    p["volcano_action_sea"],
                ),
                VolcanicWarning.FORECAST: (
                    p["volcano_warning_forecast"],
                    p["volcano_action_aware"],
                ),
            }[details.warning]
            headline = p["volcano_warning_headline"].format(volcano=volcano, warning=warning)
        lines = [p["areas_line"].format(areas=self.areas(alert.areas))]
        return headline, lines, action

    def heat(self, alert: Alert, details: HeatStrokeAlert) -> tuple[str, list[str], str]:
        p = self.phrases
        template = p["heat_special_headline"] if details.special else p["heat_headline"]
        headline = template.format(areas=self.areas(alert.areas, shorten=True))
        lines = [
            p["heat_wbgt_line"].format(wbgt=self.number(details.wbgt)),
            p["heat_date_line"].format(date=self.day(details.target_date)),
            p["areas_line"].format(areas=self.areas(alert.areas)),
        ]
        return headline, lines, p["heat_special_action" if details.special else "heat_action"]

    def evacuation(self, alert: Alert, details: EvacuationOrder) -> tuple[str, list[str], str]:
        p = self.phrases
        areas = self.areas(alert.areas, shorten=True)
        shelters = [self.shelter(shelter) for shelter in details.shelters]
        lines = [p["shelter_line"].format(shelter=shelter) for shelter in shelters]
        lines.append(p["areas_line"].format(areas=self.areas(alert.areas)))
        destination = (
            format_list(shelters, style="or", locale=self.locale)
            if shelters
            else p["nearest_shelter"]
        )
        match details.level:
            case EvacuationLevel.ELDERLY_EVACUATE:
                headline = p["evacuation_level3_headline"].format(areas=areas)
                action = p["evacuation_level3_action"].format(shelter=destination)
            case EvacuationLevel.EVACUATE:
                headline = p["evacuation_level4_headline"].format(areas=areas)
                action = p["evacuation_level4_action"].format(shelter=destination)
            case EvacuationLevel.EMERGENCY_SAFETY:
                # At level 5 the way to a shelter may itself be deadly: no destination is named.
                headline = p["evacuation_level5_headline"].format(areas=areas)
                action = p["evacuation_level5_action"]
        return headline, lines, action

    def missile(self, alert: Alert, details: MissileAlert) -> tuple[str, list[str], str]:
        p = self.phrases
        headline = p["missile_headline"].format(areas=self.areas(details.prefectures, shorten=True))
        lines = [p["areas_line"].format(areas=self.areas(alert.areas))]
        return headline, lines, p["missile_action"]

    # Parts.

    def earthquake(self, earthquake: Earthquake) -> list[str]:
        p = self.phrases
        lines = [p["origin_time_line"].format(time=self.moment(earthquake.origin_time))]
        if earthquake.epicentre is not None:
            lines.append(p["epicentre_line"].format(place=self.area(earthquake.epicentre)))
        if earthquake.magnitude is not None:
            magnitude = format_decimal(earthquake.magnitude, format="0.0", locale=self.locale)
            lines.append(p["magnitude_line"].format(magnitude=magnitude))
        elif earthquake.magnitude_over is not None:
            magnitude = format_decimal(earthquake.magnitude_over, locale=self.locale)
            lines.append(p["magnitude_over_line"].format(magnitude=magnitude))
        if earthquake.depth_km == 0:
            lines.append(p["depth_very_shallow_line"])
        elif earthquake.depth_km is not None:
            depth = format_unit(
                earthquake.depth_km, "length-kilometer", "short", locale=self.locale
            )
            lines.append(p["depth_line"].format(depth=depth))
        return lines

    def scale(self, intensity: Intensity) -> str:
        number, modifier = intensity.value[0], intensity.value[1:]
        if modifier == "-":
            return self.phrases["scale_lower"].format(number=number)
        if modifier == "+":
            return self.phrases["scale_upper"].format(number=number)
        return number

    def intensity(self, intensity: Intensity) -> str:
        return self.phrases["intensity"].format(scale=self.scale(intensity))

    def intensity_range(self, intensity: IntensityRange) -> str:
        if intensity.upper is None:
            return self.phrases["intensity_or_more"].format(scale=self.scale(intensity.lower))
        if intensity.upper is intensity.lower:
            return self.intensity(intensity.lower)
        return self.phrases["intensity_range"].format(
            lower=self.scale(intensity.lower), upper=self.scale(intensity.upper)
        )

    def tsunami_area(self, forecast: TsunamiAreaForecast) -> str:
        p = self.phrases
        grades = {
            TsunamiGrade.MAJOR_WARNING: p["tsunami_grade_major_warning"],
            TsunamiGrade.WARNING: p["tsunami_grade_warning"],
            TsunamiGrade.ADVISORY: p["tsunami_grade_advisory"],
            TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE: p["tsunami_grade_slight"],
            TsunamiGrade.LIFTED: p["tsunami_grade_lifted"],
        }
        parts = []
        if forecast.lifted and forecast.grade is not TsunamiGrade.LIFTED:
            parts.append(p["tsunami_grade_lifted"])
        parts.append(grades[forecast.grade])
        if forecast.height is not None:
            parts.append(p["tsunami_height"].format(height=self.tsunami_height(forecast.height)))
        arrival = {
            TsunamiArrival.IMMEDIATE: p["tsunami_arrival_immediate"],
            TsunamiArrival.ARRIVING: p["tsunami_arrival_estimated"],
            TsunamiArrival.FIRST_WAVE_OBSERVED: p["tsunami_arrival_observed"],
            TsunamiArrival.ALREADY_ARRIVED: p["tsunami_arrival_already"],
            None: None,
        }[forecast.arrival]
        if arrival is not None:
            parts.append(arrival)
        if forecast.observed_height is not None:
            parts.append(p["tsunami_observed"].format(height=self.metres(forecast.observed_height)))
            if forecast.observed_rising:
                parts.append(p["tsunami_observed_rising"])
        if forecast.arrival_time is not None and forecast.arrival in {
            None,
            TsunamiArrival.IMMEDIATE,
        }:
            parts.append(p["tsunami_arrival"].format(time=self.moment(forecast.arrival_time)))
        return p["detail_separator"].join(parts)

    def tsunami_height(self, height: TsunamiHeight) -> str:
        p = self.phrases
        if height is TsunamiHeight.HUGE:
            return p["tsunami_height_huge"]
        if height is TsunamiHeight.HIGH:
            return p["tsunami_height_high"]
        if height is TsunamiHeight.OVER_10_M:
            return p["tsunami_height_over"].format(height=self.metres(10))
        if height is TsunamiHeight.UNDER_0_2_M:
            return p["tsunami_height_under"].format(height=self.metres(Decimal("0.2")))
        return self.metres(_HEIGHT_METRES[height])

    def weather_warning(self, warning: WeatherWarning) -> str:
        p = self.phrases
        template = {
            WeatherLevel.EMERGENCY_WARNING: p["weather_emergency_item"],
            WeatherLevel.WARNING: p["weather_warning_item"],
            WeatherLevel.ADVISORY: p["weather_advisory_item"],
        }[warning.level]
        return template.format(phenomenon=p["weather_phenomena"][warning.phenomenon])

    def shelter(self, shelter: Shelter) -> str:
        # The same rule as for source-named areas: the sign at the door shows the Japanese name.
        if self.language in LATIN_SCRIPT_LANGUAGES and shelter.name_romanised is not None:
            return shelter.name_romanised
        return shelter.name_ja

    # Formatting.

    def area(self, area: Area) -> str:
        return area_name(area, self.language)

    def areas(self, areas: Sequence[Area], *, shorten: bool = False) -> str:
        names = list(dict.fromkeys(self.area(area) for area in areas))
        if shorten and len(names) > _HEADLINE_AREAS:
            more = self.phrases["more_areas"].format(
                count=self.number(len(names) - _HEADLINE_AREAS)
            )
            names = [*names[:_HEADLINE_AREAS], more]
        return self.listing(names)

    def listing(self, items: Iterable[str]) -> str:
        return format_list(list(items), locale=self.locale)

    def number(self, value: int | Decimal) -> str:
        return format_decimal(value, locale=self.locale)

    def metres(self, value: int | Decimal) -> str:
        return format_unit(value, "length-meter", "short", locale=self.locale)

    def day(self, day: date) -> str:
        return format_skeleton("MMMEd", day, locale=self.locale)

    def moment(self, moment: datetime) -> str:
        """Date, time and zone in Japan time, composed as the language composes them."""
        time = format_skeleton("Hm", moment, tzinfo=JST, locale=self.locale)
        day = format_skeleton("MMMd", moment, tzinfo=JST, locale=self.locale)
        zone = get_timezone_name(
            moment.astimezone(JST), "long", zone_variant="generic", locale=self.locale
        )
        pattern = str(self.locale.datetime_formats["medium"])
        return pattern.format(f"{time} {zone}", day)
