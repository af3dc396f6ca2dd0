from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from omotenashi.alerts.areas import AreaKind
from omotenashi.alerts.catalogue import (
    Alert,
    AlertType,
    Cancellation,
    EarthquakeEarlyWarning,
    EarthquakeInformation,
    Intensity,
    IntensityRange,
    ReportStatus,
    Severity,
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
from omotenashi.alerts.jma import JMA_SOURCE, MalformedAlert, UnsupportedReport, parse

FIXTURES = Path(__file__).parent / "fixtures"
ALL_FIXTURES = sorted(path.name for path in FIXTURES.glob("*.xml"))


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def edited(name: str, old: str, new: str, count: int = 1) -> bytes:
    text = fixture(name).decode()
    assert old in text, f"{old!r} is not in {name}"
    return text.replace(old, new, count).encode()


def alert_of(document: bytes) -> Alert:
    alert = parse(document).alert
    assert isinstance(alert, Alert)
    return alert


def malformed_reason(document: bytes) -> str:
    with pytest.raises(MalformedAlert) as raised:
        parse(document)
    return raised.value.reason


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_every_element_of_the_fixtures_is_known(name: str) -> None:
    assert parse(fixture(name)).unknown_elements == []


def test_earthquake_early_warning_reads_hypocentre_forecast_and_areas() -> None:
    alert = alert_of(fixture("eew_vxse43.xml"))
    details = alert.details
    assert isinstance(details, EarthquakeEarlyWarning)
    assert alert.type is AlertType.EARTHQUAKE_EARLY_WARNING
    assert alert.severity is Severity.EMERGENCY
    assert alert.event_id == "20240101161010"
    assert alert.serial == 3
    assert alert.source == JMA_SOURCE
    assert alert.issued_at == datetime(2024, 1, 1, 7, 10, 22, tzinfo=UTC)
    assert alert.expires_at is None
    assert alert.is_real
    assert [area.name_ja for area in alert.areas] == ["石川", "富山", "新潟"]
    assert {area.kind for area in alert.areas} == {AreaKind.JMA_FORECAST_AREA}
    quake = details.earthquake
    assert quake.epicentre is not None
    assert (quake.epicentre.name_ja, quake.epicentre.code) == ("石川県能登地方", "390")
    assert quake.magnitude == Decimal("7.4")
    assert quake.depth_km == 10
    assert details.forecast == IntensityRange(Intensity.SIX_UPPER)
    by_area = {forecast.area.name_ja: forecast.intensity for forecast in details.area_forecasts}
    assert by_area == {
        "石川県能登": IntensityRange(Intensity.SIX_UPPER),
        "石川県加賀": IntensityRange(Intensity.FIVE_LOWER, Intensity.FIVE_UPPER),
        "富山県西部": IntensityRange(Intensity.FIVE_LOWER, Intensity.FIVE_LOWER),
        "新潟県上越": IntensityRange(Intensity.FIVE_LOWER, Intensity.FIVE_LOWER),
    }


def test_earthquake_information_reads_intensities_by_area_and_prefecture() -> None:
    alert = alert_of(fixture("earthquake_vxse53.xml"))
    details = alert.details
    assert isinstance(details, EarthquakeInformation)
    assert alert.type is AlertType.EARTHQUAKE_INFORMATION
    assert alert.severity is Severity.EMERGENCY
    assert details.max_intensity is Intensity.SEVEN
    assert details.earthquake.magnitude == Decimal("7.6")
    assert details.earthquake.depth_km == 16
    assert details.tsunami_outlook is TsunamiOutlook.WARNINGS_IN_EFFECT
    # Prefectures become ours, so visitors read them in their own language.
    assert [(area.kind, area.code) for area in alert.areas] == [
        (AreaKind.PREFECTURE, "17"),
        (AreaKind.PREFECTURE, "15"),
        (AreaKind.PREFECTURE, "16"),
    ]
    observed = {item.area.name_ja: item.intensity for item in details.area_intensities}
    assert observed == {
        "石川県能登": Intensity.SEVEN,
        "石川県加賀": Intensity.FIVE_UPPER,
        "新潟県上越": Intensity.SIX_LOWER,
        "富山県西部": Intensity.FIVE_UPPER,
    }


def test_tsunami_forecast_reads_grade_height_and_arrival_per_region() -> None:
    alert = alert_of(fixture("tsunami_vtse41.xml"))
    details = alert.details
    assert isinstance(details, TsunamiForecast)
    assert alert.type is AlertType.MAJOR_TSUNAMI_WARNING
    assert alert.severity is Severity.EMERGENCY
    assert alert.serial is None
    by_area = {forecast.area.name_ja: forecast for forecast in details.forecasts}
    noto = by_area["石川県能登"]
    assert (noto.grade, noto.height, noto.arrival) == (
        TsunamiGrade.MAJOR_WARNING,
        TsunamiHeight.UP_TO_5_M,
        TsunamiArrival.IMMEDIATE,
    )
    assert noto.arrival_time == datetime(2024, 1, 1, 7, 10, tzinfo=UTC)
    niigata = by_area["新潟県上中下越"]
    assert (niigata.grade, niigata.height, niigata.arrival) == (
        TsunamiGrade.WARNING,
        TsunamiHeight.UP_TO_3_M,
        None,
    )
    assert niigata.arrival_time == datetime(2024, 1, 1, 7, 30, tzinfo=UTC)
    # 第１波の到達を確認, written with a full-width digit.
    assert by_area["佐渡"].arrival is TsunamiArrival.FIRST_WAVE_OBSERVED
    assert by_area["福井県"].grade is TsunamiGrade.ADVISORY
    assert by_area["福井県"].height is TsunamiHeight.UP_TO_1_M
    hokkaido = by_area["北海道日本海沿岸南部"]
    assert (hokkaido.grade, hokkaido.height, hokkaido.arrival_time) == (
        TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE,
        None,
        None,
    )
    assert details.earthquake is not None
    assert details.earthquake.depth_km == 0  # ごく浅い


@pytest.mark.parametrize(
    ("description", "condition", "value", "height"),
    [
        ("１０ｍ超", "", "10", TsunamiHeight.OVER_10_M),
        ("１０ｍ", "", "10", TsunamiHeight.UP_TO_10_M),
        ("巨大", ' condition="不明"', "NaN", TsunamiHeight.HUGE),
        ("高い", ' condition="不明"', "NaN", TsunamiHeight.HIGH),
    ],
)
def test_tsunami_heights_in_numbers_and_in_words(
    description: str, condition: str, value: str, height: TsunamiHeight
) -> None:
    document = edited(
        "tsunami_vtse41.xml",
        'description="５ｍ">5<',
        f'description="{description}"{condition}>{value}<',
    )
    details = alert_of(document).details
    assert isinstance(details, TsunamiForecast)
    assert details.forecasts[0].height is height


def test_tsunami_with_only_slight_changes_left_is_a_forecast_that_expires() -> None:
    document = edited(
        "tsunami_vtse41.xml",
        "<TargetDateTime>2024-01-01T16:22:00+09:00</TargetDateTime>",
        "<TargetDateTime>2024-01-01T16:22:00+09:00</TargetDateTime>"
        "<ValidDateTime>2024-01-02T04:22:00+09:00</ValidDateTime>",
    )
    for code in ("53", "51", "62"):
        document = document.replace(f"<Code>{code}</Code>".encode(), b"<Code>50</Code>")
    document = re.sub(rb"<FirstHeight>.*?</FirstHeight>", b"", document, flags=re.DOTALL)
    document = re.sub(rb"<MaxHeight>.*?</MaxHeight>", b"", document, flags=re.DOTALL)
    document = re.sub(rb"<Station>.*?</Station>", b"", document, flags=re.DOTALL)
    alert = alert_of(document)
    assert alert.type is AlertType.TSUNAMI_FORECAST
    assert alert.severity is Severity.INFORMATION
    assert alert.expires_at == datetime(2024, 1, 1, 19, 22, tzinfo=UTC)


def test_weather_warnings_read_the_finest_division_and_drop_what_was_lifted() -> None:
    alert = alert_of(fixture("weather_vpww53.xml"))
    details = alert.details
    assert isinstance(details, WeatherWarnings)
    assert alert.type is AlertType.WEATHER_EMERGENCY_WARNING
    assert alert.severity is Severity.EMERGENCY
    assert alert.event_id is None
    assert alert.source == "仙台管区気象台 / Japan Meteorological Agency"
    by_area = {area.area.name_ja: area.warnings for area in details.areas}
    assert by_area == {
        "仙台市": (
            WeatherWarning(WeatherPhenomenon.HEAVY_RAIN, WeatherLevel.EMERGENCY_WARNING),
            WeatherWarning(WeatherPhenomenon.FLOOD, WeatherLevel.WARNING),
            WeatherWarning(WeatherPhenomenon.THUNDERSTORM, WeatherLevel.ADVISORY),
        ),
        "石巻市": (WeatherWarning(WeatherPhenomenon.HEAVY_RAIN, WeatherLevel.WARNING),),
        "気仙沼市": (),
    }
    # Visitors in 気仙沼市, where everything was lifted, are not alerted.
    assert [area.code for area in alert.areas] == ["0410000", "0420200"]


def test_weather_report_lifting_everything_is_its_own_type() -> None:
    document = fixture("weather_vpww53.xml").decode()
    for code, status in (
        ("33", "警報から特別警報"),
        ("04", "継続"),
        ("14", "継続"),
        ("03", "継続"),
    ):
        document = document.replace(
            f"<Code>{code}</Code>\n          <Status>{status}</Status>",
            f"<Code>{code}</Code>\n          <Status>解除</Status>",
        )
    alert = alert_of(document.encode())
    assert alert.type is AlertType.WEATHER_WARNINGS_LIFTED
    assert alert.severity is Severity.INFORMATION
    assert [area.name_ja for area in alert.areas] == ["仙台市", "石巻市", "気仙沼市"]


def test_volcanic_warning_reads_level_volcano_and_municipalities() -> None:
    alert = alert_of(fixture("volcano_vfvo50.xml"))
    details = alert.details
    assert isinstance(details, VolcanicActivity)
    assert alert.type is AlertType.VOLCANIC_WARNING
    assert alert.severity is Severity.EMERGENCY
    assert (details.volcano.name_ja, details.volcano.code) == ("桜島", "506")
    assert details.alert_level == 5
    assert details.warning is VolcanicWarning.RESIDENTIAL_AREAS
    assert [(area.name_ja, area.code) for area in alert.areas] == [("鹿児島県鹿児島市", "4620100")]
    assert alert.event_id == "506"
    # Offices listed together are joined with a plain space.
    assert alert.source == "気象庁 福岡管区気象台 / Japan Meteorological Agency"


def test_volcano_without_levels_reads_its_warning_by_name() -> None:
    document = edited(
        "volcano_vfvo50.xml",
        "<Name>レベル５（避難）</Name>\n          <FormalName>",
        "<Name>火口周辺危険</Name>\n          <FormalName>",
    )
    details = alert_of(document).details
    assert isinstance(details, VolcanicActivity)
    assert details.alert_level is None
    assert details.warning is VolcanicWarning.CRATER_AREA
    assert details.severity is Severity.WARNING


def test_cancellation_names_the_event_it_withdraws() -> None:
    cancellation = parse(fixture("eew_cancel_vxse43.xml")).alert
    assert isinstance(cancellation, Cancellation)
    assert cancellation.cancels_event_id == "20240101161010"
    assert cancellation.alert_types == {AlertType.EARTHQUAKE_EARLY_WARNING}
    assert cancellation.issued_at == datetime(2024, 1, 1, 7, 11, 5, tzinfo=UTC)
    assert cancellation.is_real


def test_cancelling_a_tsunami_report_covers_every_tsunami_type() -> None:
    document = edited(
        "tsunami_vtse41.xml", "<InfoType>発表</InfoType>", "<InfoType>取消</InfoType>"
    )
    cancellation = parse(document).alert
    assert isinstance(cancellation, Cancellation)
    assert AlertType.MAJOR_TSUNAMI_WARNING in cancellation.alert_types
    assert AlertType.TSUNAMI_FORECAST in cancellation.alert_types


def test_correction_is_marked() -> None:
    document = edited(
        "earthquake_vxse53.xml", "<InfoType>発表</InfoType>", "<InfoType>訂正</InfoType>"
    )
    assert alert_of(document).corrected


@pytest.mark.parametrize(
    ("status", "expected"), [("訓練", ReportStatus.EXERCISE), ("試験", ReportStatus.TEST)]
)
def test_exercise_and_test_reports_are_flagged(status: str, expected: ReportStatus) -> None:
    alert = alert_of(
        edited("eew_vxse43.xml", "<Status>通常</Status>", f"<Status>{status}</Status>")
    )
    assert alert.status is expected
    assert not alert.is_real


def test_exercise_cancellation_is_flagged_too() -> None:
    document = edited("eew_cancel_vxse43.xml", "<Status>通常</Status>", "<Status>訓練</Status>")
    cancellation = parse(document).alert
    assert isinstance(cancellation, Cancellation)
    assert not cancellation.is_real


def test_unknown_element_is_reported_not_fatal() -> None:
    document = edited(
        "earthquake_vxse53.xml",
        "</Hypocenter>",
        "</Hypocenter>\n      <Foreshock><Count>3</Count></Foreshock>",
    )
    parsed = parse(document)
    assert isinstance(parsed.alert, Alert)
    assert parsed.unknown_elements == ["Body/Earthquake/Foreshock"]


def test_an_early_warnings_code_definitions_and_appendix_are_jmas_own() -> None:
    document = edited(
        "eew_vxse43.xml",
        "<Forecast>",
        "<Forecast>\n        <CodeDefine>"
        '<Type xpath="Pref/Code">地震情報／都道府県等</Type></CodeDefine>'
        "\n        <Appendix><MaxIntChange>0</MaxIntChange><MaxIntChangeReason>0"
        "</MaxIntChangeReason></Appendix>",
    )
    parsed = parse(document)
    assert isinstance(parsed.alert, Alert)
    assert parsed.unknown_elements == []


def test_unknown_elements_in_other_namespaces_are_named_in_full() -> None:
    document = edited(
        "weather_vpww53.xml",
        "<EditingMark>0</EditingMark>",
        '<EditingMark>0</EditingMark><x:Note xmlns:x="urn:example">a</x:Note>',
        count=-1,
    )
    assert parse(document).unknown_elements == ["Body/Warning/Item/{urn:example}Note"]


def test_truncated_document_is_malformed() -> None:
    document = fixture("earthquake_vxse53.xml")
    reason = malformed_reason(document[: len(document) // 2])
    assert "not well-formed XML" in reason


def test_billion_laughs_is_refused_unread() -> None:
    document = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/">&lol3;</Report>"""
    assert "DTD" in malformed_reason(document)


def test_external_entity_is_refused() -> None:
    document = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/">&x;</Report>"""
    assert "DTD" in malformed_reason(document)


@pytest.mark.parametrize("document", [b"", b"   ", b"not xml at all"])
def test_what_is_not_xml_is_malformed(document: bytes) -> None:
    malformed_reason(document)


def test_wrong_root_is_malformed() -> None:
    reason = malformed_reason(b'<feed xmlns="http://www.w3.org/2005/Atom"/>')
    assert reason == "The root element is {http://www.w3.org/2005/Atom}feed, not JMA's Report."


def test_missing_report_time_is_named() -> None:
    document = re.sub(
        rb"<ReportDateTime>[^<]*</ReportDateTime>", b"", fixture("earthquake_vxse53.xml")
    )
    assert malformed_reason(document) == "Head/ReportDateTime is missing."


@pytest.mark.parametrize("element", ["InfoType", "Title"])
def test_missing_head_field_is_named(element: str) -> None:
    document = fixture("tsunami_vtse41.xml").decode()
    head_start = document.index("<Head ")
    head_end = document.index("<Headline>")
    head = re.sub(rf"<{element}>[^<]*</{element}>", "", document[head_start:head_end])
    reason = malformed_reason((document[:head_start] + head + document[head_end:]).encode())
    assert reason == f"Head/{element} is missing."


def test_time_without_zone_is_malformed() -> None:
    document = edited(
        "earthquake_vxse53.xml",
        "<ReportDateTime>2024-01-01T16:22:00+09:00</ReportDateTime>",
        "<ReportDateTime>2024-01-01T16:22:00</ReportDateTime>",
    )
    assert malformed_reason(document) == (
        "Head/ReportDateTime is '2024-01-01T16:22:00', a time without a time zone."
    )


def test_intensity_off_the_scale_is_malformed() -> None:
    document = edited("earthquake_vxse53.xml", "<MaxInt>7</MaxInt>", "<MaxInt>8</MaxInt>")
    reason = malformed_reason(document)
    assert reason.startswith("Body/Intensity/Observation/MaxInt is '8', which is not on JMA's")


def test_intensity_written_in_japanese_is_malformed() -> None:
    document = edited("eew_vxse43.xml", "<From>5-</From>", "<From>5弱</From>")
    assert "Body/Intensity/Forecast/Pref/Area/ForecastInt/From is '5弱'" in malformed_reason(
        document
    )


def test_area_felt_above_the_maximum_is_malformed() -> None:
    document = edited("earthquake_vxse53.xml", "<MaxInt>7</MaxInt>", "<MaxInt>6+</MaxInt>")
    assert "above the maximum 6+" in malformed_reason(document)


def test_unknown_status_is_malformed() -> None:
    document = edited("eew_vxse43.xml", "<Status>通常</Status>", "<Status>本番</Status>")
    assert malformed_reason(document) == "Control/Status is '本番', not 通常, 訓練 or 試験."


def test_unknown_tsunami_code_is_malformed() -> None:
    document = edited("tsunami_vtse41.xml", "<Code>62</Code>", "<Code>99</Code>")
    assert malformed_reason(document) == (
        "Body/Tsunami/Forecast/Item/Category/Kind/Code is '99', not a JMA tsunami warning code."
    )


def test_weather_warning_code_outside_the_table_is_malformed() -> None:
    document = edited("weather_vpww53.xml", "<Code>14</Code>", "<Code>27</Code>")
    assert "'27', not a JMA weather warning code" in malformed_reason(document)


def test_unreadable_magnitude_is_malformed() -> None:
    document = edited(
        "eew_vxse43.xml", 'description="Ｍ７．４">7.4<', 'description="Ｍ７．４">M7.4<'
    )
    assert (
        malformed_reason(document) == "Body/Earthquake/jmx_eb:Magnitude is 'M7.4', not a magnitude."
    )


def test_unknown_magnitude_is_read_as_not_known() -> None:
    document = edited(
        "eew_vxse43.xml",
        'description="Ｍ７．４">7.4<',
        'condition="不明" description="Ｍ不明">NaN<',
    )
    details = alert_of(document).details
    assert isinstance(details, EarthquakeEarlyWarning)
    assert details.earthquake.magnitude is None


def test_other_reports_are_unsupported_not_misread() -> None:
    document = edited(
        "earthquake_vxse53.xml",
        "<Title>震源・震度に関する情報</Title>",
        "<Title>南海トラフ地震臨時情報</Title>",
    )
    with pytest.raises(UnsupportedReport, match="南海トラフ地震臨時情報"):
        parse(document)


def test_a_vxse53_without_intensities_is_an_event_abroad_not_refused() -> None:
    document = re.sub(
        rb"<Intensity>.*</Intensity>", b"", fixture("earthquake_vxse53.xml"), flags=re.DOTALL
    )
    details = alert_of(document).details
    assert isinstance(details, EarthquakeInformation)
    assert details.distant
    assert details.max_intensity is None


def test_intensity_flash_and_hypocentre_reports_are_read() -> None:
    flash = alert_of(fixture("vxse51_intensity_flash.xml")).details
    assert isinstance(flash, EarthquakeInformation)
    assert (flash.earthquake, flash.max_intensity) == (None, Intensity.THREE)
    hypocentre = alert_of(fixture("vxse52_hypocentre.xml")).details
    assert isinstance(hypocentre, EarthquakeInformation)
    assert hypocentre.max_intensity is None
    assert hypocentre.earthquake is not None
    assert hypocentre.earthquake.magnitude == Decimal("4.5")
    assert hypocentre.tsunami_outlook is TsunamiOutlook.NONE_EXPECTED


def test_a_magnitude_given_in_words_is_kept() -> None:
    details = alert_of(fixture("vtse41_2011_major_warning.xml")).details
    assert isinstance(details, TsunamiForecast)
    assert details.earthquake is not None
    assert details.earthquake.magnitude is None
    assert details.earthquake.magnitude_over == Decimal(8)
