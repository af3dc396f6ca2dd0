from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from omotenashi.alerts import ALERT_LANGUAGES, EASY_JAPANESE
from omotenashi.alerts.areas import (
    LATIN_SCRIPT_LANGUAGES,
    PREFECTURES,
    Area,
    AreaKind,
    Circle,
    Point,
    Polygon,
    area_name,
)
from omotenashi.alerts.catalogue import (
    Alert,
    AlertDetails,
    AlertType,
    AreaIntensity,
    AreaIntensityForecast,
    AreaWeatherWarnings,
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
    WeatherPhenomenon,
    WeatherWarning,
    WeatherWarnings,
)
from omotenashi.alerts.phrases import PHRASES
from omotenashi.alerts.render import (
    FALLBACK_LANGUAGES,
    RenderedAlert,
    UnsupportedAlertLanguageError,
    alert_languages,
    render,
)

ISSUED = datetime(2024, 1, 1, 7, 10, tzinfo=UTC)  # 16:10 in Japan
ARRIVAL = datetime(2024, 1, 1, 7, 42, tzinfo=UTC)  # 16:42 in Japan
EXPIRES = datetime(2024, 1, 2, 3, 0, tzinfo=UTC)  # 12:00 in Japan
JMA = "気象庁 / Japan Meteorological Agency"


def babel_locale(language: str) -> str:
    return {"tl": "fil", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant", EASY_JAPANESE: "ja"}.get(
        language, language
    )


def jma_area(code: str, name: str) -> Area:
    return Area(AreaKind.JMA_FORECAST_AREA, code, name)


ISHIKAWA = Area.prefecture("17")
TOYAMA = Area.prefecture("16")
NOTO = jma_area("390", "石川県能登")
KAGA = jma_area("391", "石川県加賀")
EPICENTRE = jma_area("390", "石川県能登地方")
NOTO_COAST = Area(AreaKind.TSUNAMI_REGION, "360", "石川県能登")
KAGA_COAST = Area(AreaKind.TSUNAMI_REGION, "361", "石川県加賀")
SENDAI = Area(AreaKind.MUNICIPALITY, "041009", "仙台市", "Sendai")
ISHINOMAKI = Area(AreaKind.MUNICIPALITY, "04202", "石巻市", "Ishinomaki")
QUAKE = Earthquake(ISSUED, epicentre=EPICENTRE, depth_km=16, magnitude=Decimal("7.6"))
GYM = Shelter("仙台市体育館", "Sendai Municipal Gymnasium")


def tsunami(grade: TsunamiGrade) -> TsunamiForecast:
    if grade <= TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE:
        return TsunamiForecast((TsunamiAreaForecast(NOTO_COAST, grade),), QUAKE)
    return TsunamiForecast(
        (
            TsunamiAreaForecast(NOTO_COAST, grade, TsunamiHeight.OVER_10_M, ARRIVAL),
            TsunamiAreaForecast(
                KAGA_COAST,
                TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE
                if grade is TsunamiGrade.ADVISORY
                else TsunamiGrade.ADVISORY,
            ),
        ),
        QUAKE,
    )


def tsunami_lifted() -> TsunamiForecast:
    return TsunamiForecast(
        (
            TsunamiAreaForecast(
                NOTO_COAST, TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE, previous=TsunamiGrade.WARNING
            ),
            TsunamiAreaForecast(KAGA_COAST, TsunamiGrade.LIFTED, previous=TsunamiGrade.ADVISORY),
        ),
        QUAKE,
    )


def weather(level: WeatherLevel | None) -> WeatherWarnings:
    if level is None:
        return WeatherWarnings((AreaWeatherWarnings(SENDAI), AreaWeatherWarnings(ISHINOMAKI)))
    phenomenon = WeatherPhenomenon.HEAVY_RAIN
    return WeatherWarnings(
        (
            AreaWeatherWarnings(
                SENDAI,
                (
                    WeatherWarning(phenomenon, level),
                    WeatherWarning(WeatherPhenomenon.THUNDERSTORM, WeatherLevel.ADVISORY),
                ),
            ),
            AreaWeatherWarnings(ISHINOMAKI, (WeatherWarning(phenomenon, level),)),
        )
    )


@dataclass(frozen=True)
class Sample:
    details: AlertDetails
    areas: tuple[Area, ...]
    facts: Callable[[str], list[str]]
    """What must appear in the rendering, for a language."""


def phrase(language: str, key: str, **values: str) -> str:
    template = cast(Mapping[str, object], PHRASES[language])[key]
    assert isinstance(template, str)
    return template.format(**values)


def scale(language: str, intensity: Intensity) -> str:
    number, modifier = intensity.value[0], intensity.value[1:]
    key = {"-": "scale_lower", "+": "scale_upper", "": None}[modifier]
    return number if key is None else phrase(language, key, number=number)


def earthquake_facts(language: str) -> list[str]:
    return [
        area_name(EPICENTRE, language),
        format_decimal(Decimal("7.6"), format="0.0", locale=babel_locale(language)),
        "16",  # depth
    ]


def names(*areas: Area) -> Callable[[str], list[str]]:
    return lambda language: [area_name(area, language) for area in areas]


def tsunami_facts(language: str) -> list[str]:
    return [area_name(NOTO_COAST, language), *earthquake_facts(language)]


def tsunami_warning_facts(language: str) -> list[str]:
    ten_metres = format_unit(10, "length-meter", "short", locale=babel_locale(language))
    return [
        *tsunami_facts(language),
        area_name(KAGA_COAST, language),
        phrase(
            language,
            "tsunami_height",
            height=phrase(language, "tsunami_height_over", height=ten_metres),
        ),
    ]


SAMPLES: dict[AlertType, Sample] = {
    AlertType.EARTHQUAKE_EARLY_WARNING: Sample(
        EarthquakeEarlyWarning(
            QUAKE,
            IntensityRange(Intensity.SIX_LOWER),
            (
                AreaIntensityForecast(NOTO, IntensityRange(Intensity.SIX_LOWER)),
                AreaIntensityForecast(
                    KAGA, IntensityRange(Intensity.FIVE_LOWER, Intensity.SIX_UPPER)
                ),
            ),
        ),
        (ISHIKAWA, TOYAMA),
        lambda language: [
            *names(ISHIKAWA, TOYAMA, NOTO, KAGA)(language),
            *earthquake_facts(language),
            phrase(language, "intensity_or_more", scale=scale(language, Intensity.SIX_LOWER)),
            phrase(
                language,
                "intensity_range",
                lower=scale(language, Intensity.FIVE_LOWER),
                upper=scale(language, Intensity.SIX_UPPER),
            ),
        ],
    ),
    AlertType.EARTHQUAKE_INFORMATION: Sample(
        EarthquakeInformation(
            QUAKE,
            Intensity.SIX_UPPER,
            (AreaIntensity(NOTO, Intensity.SIX_UPPER), AreaIntensity(KAGA, Intensity.FIVE_LOWER)),
            TsunamiOutlook.NONE_EXPECTED,
        ),
        (ISHIKAWA,),
        lambda language: [
            *names(ISHIKAWA, NOTO, KAGA)(language),
            *earthquake_facts(language),
            phrase(language, "intensity", scale=scale(language, Intensity.SIX_UPPER)),
            phrase(language, "intensity", scale=scale(language, Intensity.FIVE_LOWER)),
            phrase(language, "tsunami_outlook_none"),
        ],
    ),
    AlertType.MAJOR_TSUNAMI_WARNING: Sample(
        tsunami(TsunamiGrade.MAJOR_WARNING),
        (NOTO_COAST, KAGA_COAST),
        lambda language: [
            *tsunami_warning_facts(language),
            phrase(language, "tsunami_grade_major_warning"),
        ],
    ),
    AlertType.TSUNAMI_WARNING: Sample(
        tsunami(TsunamiGrade.WARNING),
        (NOTO_COAST, KAGA_COAST),
        lambda language: [
            *tsunami_warning_facts(language),
            phrase(language, "tsunami_grade_warning"),
        ],
    ),
    AlertType.TSUNAMI_ADVISORY: Sample(
        tsunami(TsunamiGrade.ADVISORY),
        (NOTO_COAST, KAGA_COAST),
        lambda language: [
            *tsunami_warning_facts(language),
            phrase(language, "tsunami_grade_advisory"),
            phrase(language, "tsunami_grade_slight"),
        ],
    ),
    AlertType.TSUNAMI_FORECAST: Sample(
        tsunami(TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE),
        (NOTO_COAST,),
        lambda language: [*tsunami_facts(language), phrase(language, "tsunami_grade_slight")],
    ),
    AlertType.TSUNAMI_LIFTED: Sample(
        tsunami_lifted(),
        (NOTO_COAST, KAGA_COAST),
        lambda language: [
            *tsunami_facts(language),
            area_name(KAGA_COAST, language),
            phrase(language, "tsunami_grade_lifted"),
            phrase(language, "tsunami_grade_slight"),
            phrase(
                language,
                "tsunami_warning_lifted_headline",
                areas=format_list(
                    [area_name(NOTO_COAST, language), area_name(KAGA_COAST, language)],
                    locale=babel_locale(language),
                ),
            ),
            phrase(language, "tsunami_lifted_action"),
        ],
    ),
    AlertType.WEATHER_EMERGENCY_WARNING: Sample(
        weather(WeatherLevel.EMERGENCY_WARNING),
        (SENDAI, ISHINOMAKI),
        lambda language: [
            *names(SENDAI, ISHINOMAKI)(language),
            phrase(
                language,
                "weather_emergency_item",
                phenomenon=PHRASES[language]["weather_phenomena"][WeatherPhenomenon.HEAVY_RAIN],
            ),
            phrase(
                language,
                "weather_advisory_item",
                phenomenon=PHRASES[language]["weather_phenomena"][WeatherPhenomenon.THUNDERSTORM],
            ),
        ],
    ),
    AlertType.WEATHER_WARNING: Sample(
        weather(WeatherLevel.WARNING),
        (SENDAI, ISHINOMAKI),
        lambda language: [
            *names(SENDAI, ISHINOMAKI)(language),
            phrase(
                language,
                "weather_warning_item",
                phenomenon=PHRASES[language]["weather_phenomena"][WeatherPhenomenon.HEAVY_RAIN],
            ),
        ],
    ),
    AlertType.WEATHER_ADVISORY: Sample(
        weather(WeatherLevel.ADVISORY),
        (SENDAI, ISHINOMAKI),
        lambda language: [
            *names(SENDAI, ISHINOMAKI)(language),
            phrase(
                language,
                "weather_advisory_item",
                phenomenon=PHRASES[language]["weather_phenomena"][WeatherPhenomenon.HEAVY_RAIN],
            ),
        ],
    ),
    AlertType.WEATHER_WARNINGS_LIFTED: Sample(
        weather(None), (SENDAI, ISHINOMAKI), names(SENDAI, ISHINOMAKI)
    ),
    AlertType.VOLCANIC_WARNING: Sample(
        VolcanicActivity(jma_area("506", "桜島"), VolcanicWarning.RESIDENTIAL_AREAS, 5),
        (jma_area("4620100", "鹿児島県鹿児島市"),),
        lambda language: [
            "桜島",
            "鹿児島県鹿児島市",
            "5",
            PHRASES[language]["volcano_level_keywords"][4],
        ],
    ),
    AlertType.HEAT_STROKE_ALERT: Sample(
        HeatStrokeAlert(Decimal(35), date(2024, 8, 1), special=True),
        (Area.prefecture("13"), Area.prefecture("11")),
        lambda language: [
            *names(Area.prefecture("13"), Area.prefecture("11"))(language),
            "35",
            format_skeleton("MMMEd", date(2024, 8, 1), locale=babel_locale(language)),
        ],
    ),
    AlertType.EVACUATION_ORDER: Sample(
        EvacuationOrder(EvacuationLevel.EVACUATE, (GYM,)),
        (
            SENDAI,
            Area(
                AreaKind.POLYGON,
                "sendai-flood-zone-3",
                "広瀬川沿い",
                "Along the Hirose River",
                Polygon((Point(38.25, 140.85), Point(38.26, 140.87), Point(38.24, 140.88))),
            ),
        ),
        lambda language: [
            *names(SENDAI)(language),
            "Sendai Municipal Gymnasium" if language in LATIN_SCRIPT_LANGUAGES else "仙台市体育館",
        ],
    ),
    AlertType.CIVIL_PROTECTION_ALERT: Sample(
        MissileAlert((Area.prefecture("01"), Area.prefecture("02"))),
        (Area.prefecture("01"), Area.prefecture("02")),
        names(Area.prefecture("01"), Area.prefecture("02")),
    ),
}


def sample_alert(alert_type: AlertType, **changes: Any) -> Alert:
    sample = SAMPLES[alert_type]
    alert = Alert(
        details=sample.details,
        areas=sample.areas,
        issued_at=ISSUED,
        source=JMA,
        expires_at=EXPIRES,
        event_id="20240101161010",
        serial=2,
    )
    return replace(alert, **changes)


def text_of(rendered: RenderedAlert) -> str:
    return "\n".join([rendered.headline, *rendered.lines, rendered.action])


def test_samples_cover_every_alert_type() -> None:
    assert set(SAMPLES) == set(AlertType)
    for alert_type in AlertType:
        assert sample_alert(alert_type).type is alert_type


@pytest.mark.parametrize("language", ALERT_LANGUAGES)
@pytest.mark.parametrize("alert_type", list(AlertType))
def test_every_alert_type_renders_in_every_language_with_its_facts(
    alert_type: AlertType, language: str
) -> None:
    rendered = render(sample_alert(alert_type), language)
    assert rendered.language == language
    assert rendered.headline.strip()
    assert rendered.action.strip()
    text = text_of(rendered)
    assert "{" not in text
    assert "}" not in text
    for fact in SAMPLES[alert_type].facts(language):
        assert fact in text, f"{fact!r} is missing from the {language} {alert_type}:\n{text}"
    assert JMA in text
    # Issued at 16:10 and valid until 12:00, Japan time, written as the language writes times.
    assert re.search(r"16[:.]10", text)
    assert re.search(r"12[:.]00", text)
    if alert_type in {AlertType.MAJOR_TSUNAMI_WARNING, AlertType.TSUNAMI_WARNING}:
        assert re.search(r"16[:.]42", text), "the tsunami arrival time is missing"


@pytest.mark.parametrize("alert_type", [AlertType.MAJOR_TSUNAMI_WARNING, AlertType.TSUNAMI_WARNING])
def test_tsunami_warning_tells_people_to_go_high(alert_type: AlertType) -> None:
    alert = sample_alert(alert_type)
    assert "高い所" in render(alert, "ja").action
    assert "高い所" in render(alert, EASY_JAPANESE).action
    assert "high ground" in render(alert, "en").action


def test_tsunami_advisory_tells_people_to_leave_the_water() -> None:
    rendered = render(sample_alert(AlertType.TSUNAMI_ADVISORY), "en")
    assert rendered.headline == "Tsunami Advisory: Noto, Ishikawa (石川県能登)"
    assert rendered.action == "Get out of the water and move away from the shore now."


def test_tsunami_headline_and_lines_in_english() -> None:
    rendered = render(sample_alert(AlertType.MAJOR_TSUNAMI_WARNING), "en")
    assert rendered.headline == "Major Tsunami Warning: Noto, Ishikawa (石川県能登)"
    assert rendered.lines[0] == (
        "Noto, Ishikawa (石川県能登): Major tsunami warning; expected height over 10 m; "
        "first wave expected Jan 1, 16:42 Japan Time"
    )


def test_arrival_conditions_replace_or_precede_the_time() -> None:
    forecast = TsunamiForecast(
        (
            TsunamiAreaForecast(
                NOTO_COAST,
                TsunamiGrade.WARNING,
                TsunamiHeight.HUGE,
                arrival=TsunamiArrival.ARRIVING,
            ),
            TsunamiAreaForecast(
                KAGA_COAST,
                TsunamiGrade.WARNING,
                TsunamiHeight.HIGH,
                ARRIVAL,
                TsunamiArrival.IMMEDIATE,
            ),
        )
    )
    rendered = render(replace(sample_alert(AlertType.TSUNAMI_WARNING), details=forecast), "ja")
    assert rendered.lines[0] == "石川県能登：津波警報、予想される高さ巨大、津波到達中と推測"
    assert rendered.lines[1] == (
        "石川県加賀：津波警報、予想される高さ高い、ただちに津波が来襲、"
        "第1波の到達予想時刻1月1日 16:42 日本時間"
    )


@pytest.mark.parametrize(
    ("arrival", "english"),
    [
        (TsunamiArrival.IMMEDIATE, "arriving immediately"),
        (TsunamiArrival.ARRIVING, "estimated to be arriving now"),
        (TsunamiArrival.FIRST_WAVE_OBSERVED, "first wave observed"),
        (TsunamiArrival.ALREADY_ARRIVED, "estimated to have already arrived"),
    ],
)
def test_every_arrival_condition_is_said_as_jma_says_it(
    arrival: TsunamiArrival, english: str
) -> None:
    forecast = TsunamiForecast(
        (TsunamiAreaForecast(NOTO_COAST, TsunamiGrade.WARNING, arrival=arrival),)
    )
    alert = replace(sample_alert(AlertType.TSUNAMI_WARNING), details=forecast)
    assert render(alert, "en").lines[0].endswith(f"; {english}")
    for language in ALERT_LANGUAGES:
        text = text_of(render(alert, language))
        key = {
            TsunamiArrival.IMMEDIATE: "tsunami_arrival_immediate",
            TsunamiArrival.ARRIVING: "tsunami_arrival_estimated",
            TsunamiArrival.FIRST_WAVE_OBSERVED: "tsunami_arrival_observed",
            TsunamiArrival.ALREADY_ARRIVED: "tsunami_arrival_already",
        }[arrival]
        assert phrase(language, key) in text


def test_a_lifting_says_what_was_lifted_and_what_to_do_now() -> None:
    rendered = render(sample_alert(AlertType.TSUNAMI_LIFTED), "en")
    assert rendered.headline == (
        "Tsunami Warning lifted: Noto, Ishikawa (石川県能登) and Kaga, Ishikawa (石川県加賀)"
    )
    assert rendered.lines[0] == (
        "Noto, Ishikawa (石川県能登): Warning or advisory lifted; Slight sea-level change"
    )
    assert rendered.action.startswith("The tsunami warning or advisory has been lifted.")
    assert "Take care in or near the sea" not in text_of(rendered)


def test_slight_change_under_twenty_centimetres() -> None:
    forecast = TsunamiForecast(
        (
            TsunamiAreaForecast(
                NOTO_COAST, TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE, TsunamiHeight.UNDER_0_2_M
            ),
        )
    )
    alert = replace(sample_alert(AlertType.TSUNAMI_FORECAST), details=forecast)
    assert render(alert, "en").lines[0].endswith("expected height under 0.2 m")
    assert render(alert, "ja").lines[0].endswith("予想される高さ0.2 m未満")


def test_early_warning_in_english() -> None:
    rendered = render(sample_alert(AlertType.EARTHQUAKE_EARLY_WARNING), "en")
    assert rendered.headline == (
        "Earthquake Early Warning: strong shaking expected in Ishikawa and Toyama"
    )
    assert rendered.lines[0] == "Expected shaking: seismic intensity 6 lower or stronger"
    assert "Magnitude: 7.6" in rendered.lines
    assert "Depth: about 16 km" in rendered.lines
    assert "石川県加賀: seismic intensity 5 lower to 6 upper" in rendered.lines
    assert rendered.action.startswith("Protect your head")
    assert "windows" in rendered.action


def test_intensity_is_shown_on_jma_scale_in_each_language() -> None:
    alert = sample_alert(AlertType.EARTHQUAKE_INFORMATION)
    assert "最大震度6強を観測" in render(alert, "ja").headline
    assert "震度（しんど）6強（きょう）" in render(alert, EASY_JAPANESE).headline
    assert "seismic intensity 6 upper" in render(alert, "en").headline
    assert "진도 6강" in render(alert, "ko").headline
    assert "震度6强" in render(alert, "zh-Hans").headline
    assert "震度6強" in render(alert, "zh-Hant").headline
    assert "石川県加賀：震度5弱" in render(alert, "ja").lines


def test_numbers_follow_the_language() -> None:
    alert = sample_alert(AlertType.EARTHQUAKE_INFORMATION)
    assert "Magnitud: 7,6" in render(alert, "es").lines
    assert "Magnitude: 7.6" in render(alert, "en").lines
    assert "Profundidad: unos 16 km" in render(alert, "es").lines


def test_times_are_japan_time_with_the_zone_named() -> None:
    alert = sample_alert(AlertType.EARTHQUAKE_INFORMATION)
    assert "Issued: Jan 1, 16:10 Japan Time" in render(alert, "en").lines
    assert "発表時刻：1月1日 16:10 日本時間" in render(alert, "ja").lines
    assert "Valid until: Jan 2, 12:00 Japan Time" in render(alert, "en").lines


def test_very_shallow_earthquake_says_so() -> None:
    details = EarthquakeInformation(replace(QUAKE, depth_km=0), Intensity.SIX_UPPER)
    rendered = render(
        replace(sample_alert(AlertType.EARTHQUAKE_INFORMATION), details=details), "en"
    )
    assert "Depth: very shallow" in rendered.lines


def test_weak_earthquake_asks_only_for_attention() -> None:
    details = EarthquakeInformation(QUAKE, Intensity.THREE, (AreaIntensity(NOTO, Intensity.THREE),))
    alert = replace(sample_alert(AlertType.EARTHQUAKE_INFORMATION), details=details)
    assert render(alert, "en").action == (
        "Check that your surroundings are safe and watch for further information."
    )


def test_prefectures_are_named_in_the_visitors_language() -> None:
    alert = sample_alert(AlertType.CIVIL_PROTECTION_ALERT)
    assert render(alert, "en").headline == "Missile alert: Hokkaido and Aomori"
    assert render(alert, "ko").headline == "미사일 경보: 홋카이도 및 아오모리현"
    assert render(alert, "th").headline.endswith(
        "ฮกไกโดและอาโอโมริ"
    )  # CLDR joins Thai without spaces
    assert "北海道（ほっかいどう）" in render(alert, EASY_JAPANESE).headline


def test_missile_alert_tells_people_to_get_inside() -> None:
    rendered = render(sample_alert(AlertType.CIVIL_PROTECTION_ALERT), "en")
    assert rendered.action.startswith("Go inside a sturdy building or underground")
    assert (
        "頑丈な建物の中か地下"
        in render(sample_alert(AlertType.CIVIL_PROTECTION_ALERT), "ja").action
    )


def test_source_named_places_are_romanised_only_for_latin_scripts() -> None:
    alert = sample_alert(AlertType.EVACUATION_ORDER)
    english = render(alert, "en")
    assert english.headline == "Alert Level 4 – evacuation order: Sendai and Along the Hirose River"
    assert english.action.startswith("Evacuate now to Sendai Municipal Gymnasium.")
    chinese = render(alert, "zh-Hans")
    assert "仙台市" in chinese.headline
    assert "仙台市体育馆" not in chinese.action
    assert "仙台市体育館" in chinese.action


def test_evacuation_without_shelter_points_to_the_nearest() -> None:
    details = EvacuationOrder(EvacuationLevel.EVACUATE)
    alert = replace(sample_alert(AlertType.EVACUATION_ORDER), details=details)
    assert render(alert, "en").action.startswith("Evacuate now to the nearest evacuation shelter.")
    assert render(alert, "ja").action.startswith("ただちに近くの避難場所へ避難してください。")


def test_evacuation_offers_every_shelter_named() -> None:
    details = EvacuationOrder(EvacuationLevel.EVACUATE, (GYM, Shelter("片平小学校")))
    alert = replace(sample_alert(AlertType.EVACUATION_ORDER), details=details)
    assert render(alert, "en").action.startswith(
        "Evacuate now to Sendai Municipal Gymnasium or 片平小学校."
    )


def test_evacuation_levels_three_and_five() -> None:
    alert = sample_alert(AlertType.EVACUATION_ORDER)
    elderly = replace(alert, details=EvacuationOrder(EvacuationLevel.ELDERLY_EVACUATE, (GYM,)))
    rendered = render(elderly, "ja")
    assert rendered.headline.startswith("警戒レベル3 高齢者等避難")
    assert "仙台市体育館へ避難" in rendered.action
    safety = replace(alert, details=EvacuationOrder(EvacuationLevel.EMERGENCY_SAFETY, (GYM,)))
    rendered = render(safety, "en")
    assert rendered.headline.startswith("Alert Level 5")
    # At level 5 the way to the shelter may be deadly: the action names no destination.
    assert "Sendai Municipal Gymnasium" not in rendered.action
    assert "Shelter: Sendai Municipal Gymnasium" in rendered.lines


def test_heat_stroke_alert_in_english() -> None:
    rendered = render(sample_alert(AlertType.HEAT_STROKE_ALERT), "en")
    assert rendered.headline == "Special Heat Stroke Alert: Tokyo and Saitama"
    assert "Expected heat index (WBGT): 35" in rendered.lines
    assert "For: Thu, Aug 1" in rendered.lines
    assert rendered.action.startswith("This heat endangers everyone's health.")
    ordinary = replace(
        sample_alert(AlertType.HEAT_STROKE_ALERT),
        details=HeatStrokeAlert(Decimal("33.5"), date(2024, 8, 1)),
    )
    assert render(ordinary, "en").headline == "Heat Stroke Alert: Tokyo and Saitama"
    assert render(ordinary, "pt").lines[0] == "Índice de calor previsto (WBGT): 33,5"


def test_weather_lines_list_what_is_in_force_where() -> None:
    rendered = render(sample_alert(AlertType.WEATHER_EMERGENCY_WARNING), "en")
    assert rendered.headline == "Emergency Warning: heavy rain"
    assert rendered.lines[0] == ("Sendai: heavy rain emergency warning and thunderstorm advisory")
    assert rendered.lines[1] == "Ishinomaki: heavy rain emergency warning"
    assert render(sample_alert(AlertType.WEATHER_WARNING), "ja").headline == "大雨の警報"


def test_volcano_without_levels_names_its_warning() -> None:
    details = VolcanicActivity(jma_area("329", "硫黄島"), VolcanicWarning.CRATER_AREA)
    alert = replace(sample_alert(AlertType.VOLCANIC_WARNING), details=details)
    rendered = render(alert, "en")
    assert rendered.headline == "硫黄島: Eruption warning (crater area)"
    assert rendered.action == "Do not climb the volcano or enter restricted areas."


def test_volcano_level_in_english() -> None:
    rendered = render(sample_alert(AlertType.VOLCANIC_WARNING), "en")
    assert rendered.headline == "桜島: Volcanic Alert Level 5 (Evacuate)"
    assert rendered.lines[0] == "Areas: 鹿児島県鹿児島市"


def test_headline_names_three_areas_then_counts_the_rest() -> None:
    prefectures = tuple(Area.prefecture(code) for code in ("01", "02", "03", "04", "05"))
    alert = sample_alert(
        AlertType.CIVIL_PROTECTION_ALERT,
        details=MissileAlert(prefectures),
        areas=prefectures,
    )
    rendered = render(alert, "en")
    assert rendered.headline == "Missile alert: Hokkaido, Aomori, Iwate, and 2 more"
    assert "Areas: Hokkaido, Aomori, Iwate, Miyagi, and Akita" in rendered.lines


@pytest.mark.parametrize(
    ("status", "marker"),
    [(ReportStatus.EXERCISE, "[EXERCISE – not a real alert] "), (ReportStatus.TEST, "[TEST – ")],
)
def test_exercise_and_test_are_marked_in_the_headline(status: ReportStatus, marker: str) -> None:
    alert = sample_alert(AlertType.EARTHQUAKE_EARLY_WARNING, status=status)
    assert render(alert, "en").headline.startswith(marker)
    assert render(alert, "ja").headline.startswith("【")


def test_correction_is_marked_in_the_headline() -> None:
    alert = sample_alert(AlertType.EARTHQUAKE_INFORMATION, corrected=True)
    assert render(alert, "en").headline.startswith("[Corrected] Earthquake")


@pytest.mark.parametrize("language", ["fr", "zh", "en-US", "JA", "", "ja-x-simple"])
def test_unsupported_language_is_an_error_not_a_fallback(language: str) -> None:
    with pytest.raises(UnsupportedAlertLanguageError, match="cannot be rendered"):
        render(sample_alert(AlertType.EARTHQUAKE_EARLY_WARNING), language)


@pytest.mark.parametrize(
    ("preferred", "chosen"),
    [
        (["fr", "pt-BR", "en"], ("pt",)),
        (["zh-TW"], ("zh-Hant",)),
        (["fil"], ("tl",)),
        (["ja-x-easy", "en"], (EASY_JAPANESE,)),
        (["JA-X-EASY"], (EASY_JAPANESE,)),
        (["ja"], ("ja",)),
        (["fr", "de"], FALLBACK_LANGUAGES),
        ([], FALLBACK_LANGUAGES),
    ],
)
def test_alert_languages_choose_the_visitors_or_fall_back_explicitly(
    preferred: list[str], chosen: tuple[str, ...]
) -> None:
    assert alert_languages(preferred) == chosen


def test_fallback_is_english_and_japanese() -> None:
    assert FALLBACK_LANGUAGES == ("en", "ja")


# The phrase tables.


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_alert_language_has_a_phrase_table() -> None:
    assert set(PHRASES) == set(ALERT_LANGUAGES)
    assert len(ALERT_LANGUAGES) == 16


@pytest.mark.parametrize("language", ALERT_LANGUAGES)
def test_every_language_has_every_phrase_with_englishs_fields(language: str) -> None:
    english, table = PHRASES["en"], PHRASES[language]
    assert table.keys() == english.keys()
    for key, reference in english.items():
        value = cast(Mapping[str, object], table)[key]
        if isinstance(reference, str):
            assert isinstance(value, str)
            assert value.strip() or key == "detail_separator", f"{language} {key} is empty"
            assert fields(value) == fields(reference), f"{language} {key} has other fields"
    assert set(table["weather_phenomena"]) == set(WeatherPhenomenon)
    assert all(name.strip() for name in table["weather_phenomena"].values())
    assert len(table["volcano_level_keywords"]) == 5
    assert all(keyword.strip() for keyword in table["volcano_level_keywords"])


# The places.


def test_there_are_47_prefectures_coded_01_to_47() -> None:
    assert list(PREFECTURES) == [f"{code:02d}" for code in range(1, 48)]
    assert PREFECTURES["01"].names["ja"] == "北海道"
    assert PREFECTURES["47"].names["ja"] == "沖縄県"


@pytest.mark.parametrize("language", ALERT_LANGUAGES)
def test_every_prefecture_is_named_in_every_language(language: str) -> None:
    for prefecture in PREFECTURES.values():
        assert prefecture.names[language].strip()


@pytest.mark.parametrize(
    ("language", "tokyo"),
    [
        ("ja", "東京都"),
        ("en", "Tokyo"),
        ("es", "Tokio"),
        ("pt", "Tóquio"),
        ("zh-Hans", "东京都"),
        ("zh-Hant", "東京都"),
        ("ko", "도쿄도"),
        ("th", "โตเกียว"),
        ("ne", "टोकियो"),
        ("km", "តូក្យូ"),
        ("my", "တိုကျို"),
        ("mn", "Токио"),
        (EASY_JAPANESE, "東京都（とうきょうと）"),
    ],
)
def test_tokyo_by_its_established_names(language: str, tokyo: str) -> None:
    assert area_name(Area.prefecture("13"), language) == tokyo


def test_area_names_need_an_alert_language() -> None:
    with pytest.raises(ValueError, match="not an alert language"):
        area_name(ISHIKAWA, "fr")


@pytest.mark.parametrize(
    ("kind", "code", "geometry"),
    [
        (AreaKind.PREFECTURE, "48", None),
        (AreaKind.MUNICIPALITY, "1310", None),
        (AreaKind.MUNICIPALITY, "131017", None),  # 千代田区 is 131016
        (AreaKind.JMA_FORECAST_AREA, "39O", None),
        (AreaKind.CIRCLE, "zone", None),
        (AreaKind.MUNICIPALITY, "13101", Circle(Point(35.69, 139.75), 500)),
    ],
)
def test_area_codes_and_shapes_are_validated(
    kind: AreaKind, code: str, geometry: Circle | None
) -> None:
    with pytest.raises(ValueError, match=r"."):
        Area(kind, code, "名前", geometry=geometry)


def test_municipality_codes_with_and_without_check_digit() -> None:
    assert Area(AreaKind.MUNICIPALITY, "131016", "千代田区").code == "131016"
    assert Area(AreaKind.MUNICIPALITY, "110001", "埼玉県").code == "110001"  # remainder 0
    assert Area(AreaKind.MUNICIPALITY, "420000", "長崎県").code == "420000"  # remainder 1
    assert Area(AreaKind.MUNICIPALITY, "13101", "千代田区").code == "13101"


def test_prefecture_area_must_carry_its_own_name() -> None:
    with pytest.raises(ValueError, match="prefecture 13 is 東京都"):
        Area(AreaKind.PREFECTURE, "13", "東京")


# The catalogue's own checks.


def test_alert_times_must_be_timezone_aware_and_in_order() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        sample_alert(AlertType.EARTHQUAKE_INFORMATION, issued_at=datetime(2024, 1, 1, 16, 10))
    with pytest.raises(ValueError, match="expires after"):
        sample_alert(AlertType.EARTHQUAKE_INFORMATION, expires_at=ISSUED)


def test_weather_levels_jma_does_not_issue_are_refused() -> None:
    with pytest.raises(ValueError, match="no emergency_warning for thunderstorm"):
        WeatherWarning(WeatherPhenomenon.THUNDERSTORM, WeatherLevel.EMERGENCY_WARNING)


def test_volcanic_level_must_agree_with_the_warning() -> None:
    with pytest.raises(ValueError, match="level 2"):
        VolcanicActivity(jma_area("506", "桜島"), VolcanicWarning.RESIDENTIAL_AREAS, 2)
    with pytest.raises(ValueError, match="not 1 to 5"):
        VolcanicActivity(jma_area("506", "桜島"), VolcanicWarning.RESIDENTIAL_AREAS, 6)


def test_intensity_range_cannot_be_inverted() -> None:
    with pytest.raises(ValueError, match="inverted"):
        IntensityRange(Intensity.SIX_LOWER, Intensity.FIVE_UPPER)
    assert Intensity.FIVE_UPPER.rank < Intensity.SIX_LOWER.rank


def test_missile_alert_names_prefectures_only() -> None:
    with pytest.raises(ValueError, match="names prefectures"):
        MissileAlert((SENDAI,))


# Words that make people act (issue 16): each language read back.

PREPARE = {
    "ja": "準備",
    "en": "prepare",
    "zh-Hans": "准备",
    "zh-Hant": "準備",
    "ko": "준비",
    "es": "prepár",
    "pt": "prepar",
    "vi": "chuẩn bị",
    "th": "เตรียม",
    "id": "bersiap",
    "tl": "maghanda",
    "ne": "तयार",
    "km": "ត្រៀម",
    "my": "အသင့်ပြင်",
    "mn": "бэлтг",
    EASY_JAPANESE: "じゅんび",
}


def _every_phrase(language: str) -> list[str]:
    found: list[str] = []
    for value in PHRASES[language].values():
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, tuple):
            found.extend(value)
        elif isinstance(value, Mapping):
            found.extend(str(item) for item in value.values())
    return found


@pytest.mark.parametrize("language", ALERT_LANGUAGES)
def test_level_three_says_who_evacuates_now_and_that_everyone_else_prepares(
    language: str,
) -> None:
    alert = sample_alert(AlertType.EVACUATION_ORDER)
    elderly = replace(alert, details=EvacuationOrder(EvacuationLevel.ELDERLY_EVACUATE, (GYM,)))
    rendered = render(elderly, language)
    # The headline alone (what a lock screen shows) says both halves, in every language.
    assert PREPARE[language] in rendered.headline
    assert PREPARE[language] in rendered.action


def test_level_three_in_english_leaves_no_doubt_who_must_go() -> None:
    alert = sample_alert(AlertType.EVACUATION_ORDER)
    elderly = replace(alert, details=EvacuationOrder(EvacuationLevel.ELDERLY_EVACUATE, (GYM,)))
    rendered = render(elderly, "en")
    assert rendered.headline.startswith(
        "Alert Level 3 – older people and those who need time must evacuate now; others prepare"
    )
    assert "anyone who needs time to evacuate: evacuate now" in rendered.action
    assert "others evacuate" not in " ".join(_every_phrase("en"))


def test_burmese_says_advisory_and_evacuate_not_advice_and_relocate() -> None:
    everything = " ".join(_every_phrase("my"))
    assert "အကြံပေးချက်" not in everything  # "advice"
    assert "ရွှေ့ပြောင်း" not in everything  # "relocate"
    advisory = render(sample_alert(AlertType.TSUNAMI_ADVISORY), "my")
    assert advisory.headline.startswith("ဆူနာမီ သတိထားရန် အသိပေးချက်")
    order = render(sample_alert(AlertType.EVACUATION_ORDER), "my")
    assert "ရှောင်တိမ်း" in order.headline
    assert "ရှောင်တိမ်း" in order.action


def test_mongolian_evacuate_is_to_take_refuge_not_to_move_house() -> None:
    everything = " ".join(_every_phrase("mn"))
    # нүүх is to move house; only the official нүүлгэн шилжүүлэх (evacuation order) may stay.
    assert re.search(r"нүү(?!лгэн)", everything, re.IGNORECASE) is None
    order = render(sample_alert(AlertType.EVACUATION_ORDER), "mn")
    assert "хоргодоорой" in order.action
    volcano = render(sample_alert(AlertType.VOLCANIC_WARNING), "mn")
    assert "нүү" not in volcano.action


@pytest.mark.parametrize(
    "alert_type",
    [AlertType.TSUNAMI_FORECAST, AlertType.EARTHQUAKE_INFORMATION, AlertType.TSUNAMI_LIFTED],
)
def test_easy_japanese_never_says_the_sea_is_not_dangerous(alert_type: AlertType) -> None:
    assert "あぶなく ありません" not in " ".join(_every_phrase(EASY_JAPANESE))
    rendered = render(sample_alert(alert_type), EASY_JAPANESE)
    assert "あぶなく" not in " ".join((rendered.headline, *rendered.lines, rendered.action))


def test_easy_japanese_tsunami_warning_keeps_the_upper_floors_of_a_tall_building() -> None:
    action = render(sample_alert(AlertType.TSUNAMI_WARNING), EASY_JAPANESE).action
    assert "たかい じょうぶな たてものの 上（うえ）の 階（かい）" in action
