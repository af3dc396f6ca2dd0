"""The shape every language's phrase table must have.

A ``TypedDict`` rather than a plain mapping, so that mypy rejects a language missing a phrase or
carrying a misspelt one, and the renderer's look-ups are checked too. Templates use
``str.format`` fields; every language must use the same fields as English (tested).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from omotenashi.alerts.catalogue import WeatherPhenomenon


class Phrases(TypedDict):
    # Framing shared by every alert.
    exercise_headline: str  # {headline}
    test_headline: str  # {headline}
    corrected_headline: str  # {headline}
    label_value: str  # {label} {value}: one area and what applies there
    detail_separator: str  # between the facts on one line
    more_areas: str  # {count}: ends a shortened list of areas
    areas_line: str  # {areas}
    source_line: str  # {source}
    issued_line: str  # {time}
    valid_until_line: str  # {time}

    # Earthquakes.
    origin_time_line: str  # {time}
    epicentre_line: str  # {place}
    magnitude_line: str  # {magnitude}
    magnitude_over_line: str  # {magnitude}: Ｍ８を超える巨大地震
    depth_line: str  # {depth}, with its unit
    depth_very_shallow_line: str
    intensity: str  # {scale}
    intensity_or_more: str  # {scale}
    intensity_range: str  # {lower} {upper}
    scale_lower: str  # {number}: 弱
    scale_upper: str  # {number}: 強
    eew_headline: str  # {areas}
    eew_forecast_line: str  # {intensity}
    eew_action: str
    quake_headline: str  # {intensity}
    quake_action_strong: str
    quake_action_minor: str
    tsunami_outlook_none: str
    tsunami_outlook_slight: str
    tsunami_outlook_warning: str
    tsunami_outlook_investigating: str  # 0229
    quake_hypocentre_headline: str  # {place}: 震源に関する情報
    quake_distant_headline: str  # {place}: 遠地地震に関する情報

    # Tsunami.
    major_tsunami_warning_headline: str  # {areas}
    tsunami_warning_headline: str  # {areas}
    tsunami_advisory_headline: str  # {areas}
    tsunami_forecast_headline: str  # {areas}
    tsunami_grade_major_warning: str
    tsunami_grade_warning: str
    tsunami_grade_advisory: str
    tsunami_grade_slight: str
    tsunami_grade_lifted: str
    tsunami_height: str  # {height}
    tsunami_height_over: str  # {height}
    tsunami_height_huge: str
    tsunami_height_high: str
    tsunami_arrival: str  # {time}
    tsunami_arrival_immediate: str
    tsunami_arrival_estimated: str  # 津波到達中と推測
    tsunami_arrival_observed: str  # 第１波の到達を確認
    tsunami_arrival_already: str  # 既に津波到達と推測
    tsunami_height_under: str  # {height}
    tsunami_observed: str  # {height}: the largest wave observed (津波情報)
    tsunami_observed_rising: str  # 上昇中
    tsunami_warning_lifted_headline: str  # {areas}
    tsunami_advisory_lifted_headline: str  # {areas}
    tsunami_lifted_action: str
    tsunami_warning_action: str
    tsunami_advisory_action: str
    tsunami_forecast_action: str

    # Weather.
    weather_emergency_headline: str  # {phenomena}
    weather_warning_headline: str  # {phenomena}
    weather_advisory_headline: str  # {phenomena}
    weather_lifted_headline: str  # {areas}
    weather_emergency_item: str  # {phenomenon}
    weather_warning_item: str  # {phenomenon}
    weather_advisory_item: str  # {phenomenon}
    weather_phenomena: Mapping[WeatherPhenomenon, str]
    weather_emergency_action: str
    weather_warning_action: str
    weather_advisory_action: str
    weather_lifted_action: str

    # Volcanoes.
    volcano_level_headline: str  # {volcano} {level} {keyword}
    volcano_warning_headline: str  # {volcano} {warning}
    volcano_level_keywords: tuple[str, str, str, str, str]  # levels 1 to 5
    volcano_warning_residential: str
    volcano_warning_crater: str
    volcano_warning_sea: str
    volcano_warning_forecast: str
    volcano_action_evacuate: str
    volcano_action_prepare: str
    volcano_action_keep_off_mountain: str
    volcano_action_keep_off_crater: str
    volcano_action_sea: str
    volcano_action_aware: str

    # Heat.
    heat_headline: str  # {areas}
    heat_special_headline: str  # {areas}
    heat_wbgt_line: str  # {wbgt}
    heat_date_line: str  # {date}
    heat_action: str
    heat_special_action: str

    # Evacuation.
    evacuation_level3_headline: str  # {areas}
    evacuation_level4_headline: str  # {areas}
    evacuation_level5_headline: str  # {areas}
    shelter_line: str  # {shelter}
    nearest_shelter: str
    evacuation_level3_action: str  # {shelter}
    evacuation_level4_action: str  # {shelter}
    evacuation_level5_action: str

    # Civil protection.
    missile_headline: str  # {areas}
    missile_action: str
