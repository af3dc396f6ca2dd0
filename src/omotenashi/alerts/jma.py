"""Reading the Japan Meteorological Agency's disaster-information XML (気象庁防災情報XML).

Supported reports, recognised by Control/Title:

- 緊急地震速報（警報） (VXSE43)
- 震度速報 (VXSE51) and 震源に関する情報 (VXSE52)
- 震源・震度に関する情報 (VXSE53), and its 遠地地震に関する情報 (events abroad)
- 津波警報・注意報・予報a (VTSE41)
- 津波情報a (VTSE51), where it says a tsunami was observed on a coast
- 気象特別警報・警報・注意報, the H27 format (VPWW53)
- 噴火警報・予報 (VFVO50)

The parser is strict about what it uses and tolerant of what it does not. An element it does not
know is reported in ``unknown_elements`` by its path (JMA adds elements over time, and an operator
should hear of them), but a required element that is missing, or a value of the wrong shape or
outside JMA's code tables, raises ``MalformedAlert`` naming the element: a report we cannot
interpret is never shown half-read. Documents with a DTD or entity declarations are refused unread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import defusedxml
import defusedxml.ElementTree

from omotenashi.alerts.areas import Area, AreaKind
from omotenashi.alerts.catalogue import (
    VOLCANIC_WARNING_BY_LEVEL,
    Alert,
    AlertDetails,
    AlertType,
    AreaIntensity,
    AreaIntensityForecast,
    AreaWeatherWarnings,
    Cancellation,
    Earthquake,
    EarthquakeEarlyWarning,
    EarthquakeInformation,
    Intensity,
    IntensityRange,
    ReportStatus,
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
from omotenashi.errors import ValidationFailedError
from omotenashi.japan import PREFECTURES

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

NS_REPORT = "http://xml.kishou.go.jp/jmaxml1/"
NS_HEAD = f"{NS_REPORT}informationBasis1/"
NS_SEISMOLOGY = f"{NS_REPORT}body/seismology1/"
NS_METEOROLOGY = f"{NS_REPORT}body/meteorology1/"
NS_VOLCANOLOGY = f"{NS_REPORT}body/volcanology1/"
NS_ELEMENT_BASIS = f"{NS_REPORT}elementBasis1/"

JMA = "気象庁"
JMA_SOURCE = "気象庁 / Japan Meteorological Agency"

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
"""Far above JMA's largest reports (an intensity report for a great earthquake lists thousands of
stations in well under this), low enough that a runaway document cannot exhaust memory."""


class MalformedAlert(ValidationFailedError):
    """A document that is not a JMA report we can read; ``reason`` is one sentence naming the
    element at fault."""

    code = "malformed_alert"
    title = "The alert document cannot be read"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnsupportedReport(MalformedAlert):
    """A well-formed JMA report of a kind this parser does not read."""

    code = "unsupported_alert_report"
    title = "This kind of alert document is not supported"


@dataclass(frozen=True)
class ParsedAlert:
    """The alert (or cancellation) a document carries, and the paths of the elements in it that
    the parser does not know, each listed once."""

    alert: Alert | Cancellation
    unknown_elements: list[str]


def parse(document: bytes) -> ParsedAlert:
    """Read one JMA XML report.

    Raises ``MalformedAlert`` for anything that is not a readable report (``UnsupportedReport`` for
    a report of another kind). Exercise and test reports (Control/Status 訓練, 試験) parse normally
    and carry that status, so they can be shown to staff but never to visitors as real.
    """
    reader = _Reader(_read_xml(document))
    report = reader.root
    control = _read_control(report.require("Control"))
    head = _read_head(report.require("Head", NS_HEAD))
    kind = control.report

    if head.info_type == "取消":
        # A cancellation's body holds only a free-text notice.
        report.ignore("Body", kind.namespace)
        cancellation = Cancellation(
            alert_types=kind.alert_types,
            issued_at=head.issued_at,
            source=control.source,
            cancels_event_id=head.event_id,
            status=control.status,
        )
        return ParsedAlert(cancellation, reader.unknown_elements())

    body = report.require("Body", kind.namespace)
    try:
        details, areas = kind.read(body)
        alert = Alert(
            details=details,
            areas=areas,
            issued_at=head.issued_at,
            source=control.source,
            expires_at=head.expires_at,
            status=control.status,
            event_id=head.event_id,
            serial=head.serial,
            corrected=head.info_type == "訂正",
        )
    except ValueError as error:
        raise MalformedAlert(f"The report's values do not form a valid alert: {error}.") from error
    return ParsedAlert(alert, reader.unknown_elements())


@dataclass(frozen=True)
class _Control:
    report: _Report
    status: ReportStatus
    source: str


def _read_control(control: _Node) -> _Control:
    title = control.required_text("Title")
    # Not kept (Head/ReportDateTime is the time of issue), but a garbled one means a garbled report.
    control.moment("DateTime")
    status_text = control.required_text("Status")
    status = _STATUSES.get(status_text)
    if status is None:
        raise MalformedAlert(f"Control/Status is {status_text!r}, not 通常, 訓練 or 試験.")
    control.required_text("EditorialOffice")
    # Offices are sometimes listed together, separated by ideographic spaces.
    office = " ".join(control.required_text("PublishingOffice").split())
    report = _REPORTS.get(title)
    if report is None:
        raise UnsupportedReport(
            f"Control/Title is {title!r}, which is not one of the reports this parser reads "
            f"({', '.join(_REPORTS)})."
        )
    source = JMA_SOURCE if office == JMA else f"{office} / Japan Meteorological Agency"
    return _Control(report, status, source)


@dataclass(frozen=True)
class _Head:
    issued_at: datetime
    expires_at: datetime | None
    event_id: str | None
    info_type: str
    serial: int | None


def _read_head(head: _Node) -> _Head:
    head.required_text("Title")
    issued_at = head.moment("ReportDateTime")
    expires_at = head.optional_moment("ValidDateTime")
    # Several events are separated by spaces (a tsunami credited to two earthquakes).
    event_id = " ".join(head.require("EventID").text.split()) or None
    info_type = head.required_text("InfoType")
    if info_type not in {"発表", "訂正", "取消"}:
        raise MalformedAlert(f"Head/InfoType is {info_type!r}, not 発表, 訂正 or 取消.")
    serial = _serial(head.require("Serial"))
    head.required_text("InfoKind")
    for known in ("TargetDateTime", "TargetDTDubious", "InfoKindVersion", "Headline"):
        # The headline is free text and a summary of the body: nothing a visitor may be shown.
        head.ignore(known)
    return _Head(issued_at, expires_at, event_id, info_type, serial)


_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_DECLARED_ENCODING = re.compile(
    rb"<\?xml\s[^>]*?\bencoding\s*=\s*([\"'])([^\"'>]*)\1", re.IGNORECASE
)


def _utf8_text(document: bytes) -> str:
    """The document as text, if it is UTF-8, which every JMA report is.

    Checked before parsing, and the parser is then given text, so it never chooses a decoder
    from the document's own declaration: a report in any other encoding is refused with its
    name, however well it is encoded.
    """
    for mark, encoding in _OTHER_BOMS:
        if document.startswith(mark):
            raise MalformedAlert(
                f"The document starts with a {encoding} byte-order mark; JMA reports are UTF-8."
            )
    body = document.removeprefix(_UTF8_BOM)
    declared = _DECLARED_ENCODING.match(body)
    if declared is not None:
        name = declared.group(2).decode("ascii", "replace")
        if name.lower() != "utf-8":
            raise MalformedAlert(
                f"The document declares the encoding {name!r}; JMA reports are UTF-8."
            )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MalformedAlert(
            f"The document is not UTF-8 (byte {error.start} cannot be read as UTF-8); "
            "JMA reports are UTF-8."
        ) from None


def _read_xml(document: bytes) -> Element:
    if not document.strip():
        raise MalformedAlert("The document is empty.")
    if len(document) > MAX_DOCUMENT_BYTES:
        raise MalformedAlert(f"The document is larger than {MAX_DOCUMENT_BYTES} bytes.")
    text = _utf8_text(document)
    try:
        root: Element = defusedxml.ElementTree.fromstring(text, forbid_dtd=True)
    except defusedxml.DefusedXmlException as error:
        raise MalformedAlert(
            "The document declares a DTD or entities, which JMA reports never do, so it was "
            "refused unread."
        ) from error
    except defusedxml.ElementTree.ParseError as error:
        raise MalformedAlert(f"The document is not well-formed XML ({error}).") from error
    if root.tag != f"{{{NS_REPORT}}}Report":
        raise MalformedAlert(f"The root element is {_display(root.tag)}, not JMA's Report.")
    return root


# Walking the document.


def _display(tag: str) -> str:
    """A tag as it appears in paths: JMA's own elements by local name (elementBasis with its usual
    jmx_eb prefix), anything else in full Clark notation so a stranger stands out."""
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace == NS_ELEMENT_BASIS:
        return f"jmx_eb:{local}"
    if namespace.startswith(NS_REPORT):
        return local
    return tag


class _Reader:
    """One document, remembering which elements the parser has read or knowingly skipped, so that
    all others can be reported as unknown."""

    def __init__(self, root: Element) -> None:
        self._root = root
        self._known: set[int] = {id(root)}
        self.root = _Node(self, root, "", NS_REPORT)

    def mark(self, element: Element, *, subtree: bool = False) -> None:
        if subtree:
            self._known.update(id(descendant) for descendant in element.iter())
        else:
            self._known.add(id(element))

    def unknown_elements(self) -> list[str]:
        found: dict[str, None] = {}
        pending: list[tuple[Element, str]] = [(self._root, "")]
        while pending:
            element, path = pending.pop()
            for child in reversed(element):
                child_path = f"{path}/{_display(child.tag)}" if path else _display(child.tag)
                if id(child) in self._known:
                    pending.append((child, child_path))
                else:
                    found.setdefault(child_path)
        return list(found)


@dataclass(frozen=True)
class _Node:
    reader: _Reader
    element: Element
    path: str
    namespace: str
    """The namespace of this element's children unless a look-up names another."""

    def _tag(self, name: str, namespace: str | None) -> str:
        return f"{{{namespace or self.namespace}}}{name}"

    def _wrap(self, element: Element, namespace: str | None) -> _Node:
        self.reader.mark(element)
        path = f"{self.path}/{_display(element.tag)}" if self.path else _display(element.tag)
        return _Node(self.reader, element, path, namespace or self.namespace)

    @property
    def text(self) -> str:
        return (self.element.text or "").strip()

    def attribute(self, name: str) -> str | None:
        return self.element.get(name)

    def child(self, name: str, namespace: str | None = None) -> _Node | None:
        element = self.element.find(self._tag(name, namespace))
        return None if element is None else self._wrap(element, namespace)

    def children(self, name: str, namespace: str | None = None) -> list[_Node]:
        return [
            self._wrap(element, namespace)
            for element in self.element.findall(self._tag(name, namespace))
        ]

    def require(self, name: str, namespace: str | None = None) -> _Node:
        node = self.child(name, namespace)
        if node is None:
            where = f"{self.path}/" if self.path else ""
            tag = _display(self._tag(name, namespace))
            raise MalformedAlert(f"{where}{tag} is missing.")
        return node

    def required_text(self, name: str, namespace: str | None = None) -> str:
        node = self.require(name, namespace)
        if not node.text:
            raise MalformedAlert(f"{node.path} is empty.")
        return node.text

    def moment(self, name: str) -> datetime:
        return _moment(self.require(name))

    def optional_moment(self, name: str) -> datetime | None:
        node = self.child(name)
        return None if node is None or not node.text else _moment(node)

    def ignore(self, name: str, namespace: str | None = None) -> None:
        """Skip every ``name`` child knowingly: JMA defines it, but nothing here needs it."""
        for element in self.element.findall(self._tag(name, namespace)):
            self.reader.mark(element, subtree=True)

    def ignore_self(self) -> None:
        self.reader.mark(self.element, subtree=True)


def _moment(node: _Node) -> datetime:
    try:
        moment = datetime.fromisoformat(node.text)
    except ValueError:
        raise MalformedAlert(f"{node.path} is {node.text!r}, not an ISO 8601 time.") from None
    if moment.tzinfo is None:
        raise MalformedAlert(f"{node.path} is {node.text!r}, a time without a time zone.")
    return moment


def _serial(node: _Node) -> int | None:
    # Empty for reports that are not numbered in a series (tsunami, weather, volcano).
    if not node.text:
        return None
    if not node.text.isascii() or not node.text.isdigit() or int(node.text) < 1:
        raise MalformedAlert(f"{node.path} is {node.text!r}, not a report number.")
    return int(node.text)


def _normal(text: str) -> str:
    """JMA writes digits and brackets full-width in some fields and half-width in others."""
    return unicodedata.normalize("NFKC", text)


def _jma_area(node: _Node, kind: AreaKind = AreaKind.JMA_FORECAST_AREA) -> Area:
    name = node.required_text("Name")
    code = node.required_text("Code")
    try:
        return Area(kind, code, name)
    except ValueError:
        raise MalformedAlert(f"{node.path}/Code is {code!r}, not a JMA area code.") from None


# Earthquakes.

_COORDINATE = re.compile(r"([+-][0-9.]+)([+-][0-9.]+)([+-][0-9]+)?/")


def _earthquake(node: _Node) -> Earthquake:
    origin_time = node.moment("OriginTime")
    node.ignore("ArrivalTime")
    node.ignore("Condition")
    hypocentre = node.require("Hypocenter")
    hypocentre.ignore("Accuracy")
    # Who located an earthquake abroad (ＰＴＷＣ, ＵＳＧＳ): JMA's credit, not for visitors.
    hypocentre.ignore("Source")
    area = hypocentre.require("Area")
    for known in (
        "ReduceName",
        "ReduceCode",
        "DetailedName",
        "DetailedCode",
        "Source",
        # Where the epicentre is from a landmark (父島の北西３７０ｋｍ付近): for officials.
        "NameFromMark",
        "MarkCode",
        "Direction",
        "Distance",
    ):
        area.ignore(known)
    area.ignore("LandOrSea")
    epicentre = _jma_area(area, AreaKind.EPICENTRE)
    depth_km = _depth(area.require("Coordinate", NS_ELEMENT_BASIS))
    magnitude_node = node.require("Magnitude", NS_ELEMENT_BASIS)
    magnitude = _magnitude(magnitude_node)
    magnitude_over = None
    if magnitude is None:
        # The description is the size in words when there is no number: "Ｍ８を超える巨大地震".
        over = _MAGNITUDE_OVER.match(_normal(magnitude_node.attribute("description") or ""))
        magnitude_over = None if over is None else Decimal(over.group(1))
    return Earthquake(
        origin_time,
        epicentre=epicentre,
        depth_km=depth_km,
        magnitude=magnitude,
        magnitude_over=magnitude_over,
    )


_MAGNITUDE_OVER = re.compile(r"M([0-9]+(?:\.[0-9])?)を超える")


def _depth(coordinate: _Node) -> int | None:
    """Depth in km from an ISO 6709 point ("+38.0+142.9-10000/": altitude in metres, negative
    below sea level). JMA leaves the text empty, or the altitude out, when it is not known yet."""
    if not coordinate.text:
        return None
    match = _COORDINATE.fullmatch(coordinate.text)
    if match is None:
        raise MalformedAlert(
            f"{coordinate.path} is {coordinate.text!r}, not an ISO 6709 coordinate."
        )
    if match.group(3) is None:
        return None
    altitude_m = int(match.group(3))
    if altitude_m > 0:
        raise MalformedAlert(
            f"{coordinate.path} puts the hypocentre {altitude_m} m above sea level."
        )
    return round(-altitude_m / 1000)


def _magnitude(node: _Node) -> Decimal | None:
    try:
        magnitude = Decimal(node.text)
    except InvalidOperation:
        raise MalformedAlert(f"{node.path} is {node.text!r}, not a magnitude.") from None
    # NaN is how JMA writes "not yet known" and "over 8, size uncertain" (see @condition).
    return None if magnitude.is_nan() else magnitude


def _intensity(node: _Node) -> Intensity:
    try:
        return Intensity(node.text)
    except ValueError:
        raise MalformedAlert(
            f"{node.path} is {node.text!r}, which is not on JMA's seismic intensity scale "
            f"({', '.join(Intensity)})."
        ) from None


def _intensity_range(node: _Node) -> IntensityRange | None:
    """A ForecastInt (From, To), or None when JMA does not know it yet ("不明")."""
    lower = node.require("From")
    if lower.text == "不明":
        return None
    upper = node.require("To")
    # "over" is how JMA writes "or more"; an unknown upper bound is read the same way.
    if upper.text in {"over", "不明"}:
        return IntensityRange(_intensity(lower))
    return IntensityRange(_intensity(lower), _intensity(upper))


_EEW_WARNING = "緊急地震速報（警報）"


def _early_warning(body: _Node) -> tuple[AlertDetails, tuple[Area, ...]]:
    earthquake = _earthquake(body.require("Earthquake"))
    intensity = body.require("Intensity")
    intensity.ignore("Appendix")
    forecast = intensity.require("Forecast")
    for known in ("ForecastLgInt", "CodeDefine", "Appendix"):
        forecast.ignore(known)
    overall = _intensity_range(forecast.require("ForecastInt"))
    if overall is None:
        raise MalformedAlert(
            f"{forecast.path}/ForecastInt is unknown, but a warning is issued for an intensity."
        )
    warned: dict[Area, None] = {}
    area_forecasts: list[AreaIntensityForecast] = []
    for pref in forecast.children("Pref"):
        pref_area = _jma_area(pref)
        for area_node in pref.children("Area"):
            category = area_node.require("Category")
            category.ignore("LastKind")
            kind = category.require("Kind")
            kind.ignore("Code")
            if kind.required_text("Name") != _EEW_WARNING:
                # Areas forecast below warning level, as 地震動予報 reports list them too.
                area_node.ignore_self()
                continue
            warned.setdefault(pref_area)
            for known in ("ArrivalTime", "Condition", "ForecastLgInt"):
                area_node.ignore(known)
            forecast_int = area_node.child("ForecastInt")
            area_intensity = None if forecast_int is None else _intensity_range(forecast_int)
            if area_intensity is not None:
                area_forecasts.append(
                    AreaIntensityForecast(
                        _jma_area(area_node, AreaKind.EARTHQUAKE_REGION), area_intensity
                    )
                )
    if not warned:
        raise MalformedAlert(f"{forecast.path} names no area under {_EEW_WARNING}.")
    for known in ("Comments", "NextAdvisory", "Text"):
        body.ignore(known)
    details = EarthquakeEarlyWarning(earthquake, overall, tuple(area_forecasts))
    return details, tuple(warned)


# JMA's fixed comments (固定付加文) on tsunami, strongest first.
_TSUNAMI_COMMENTS = (
    ("0211", TsunamiOutlook.WARNINGS_IN_EFFECT),
    ("0229", TsunamiOutlook.INVESTIGATING),
    ("0212", TsunamiOutlook.SLIGHT_SEA_LEVEL_CHANGE),
    ("0213", TsunamiOutlook.SLIGHT_SEA_LEVEL_CHANGE),
    ("0214", TsunamiOutlook.SLIGHT_SEA_LEVEL_CHANGE),
    ("0215", TsunamiOutlook.NONE_EXPECTED),
    ("0230", TsunamiOutlook.NONE_EXPECTED),
)


def _tsunami_outlook(body: _Node) -> TsunamiOutlook | None:
    comments = body.child("Comments")
    if comments is None:
        return None
    for known in ("WarningComment", "VarComment", "FreeFormComment"):
        comments.ignore(known)
    forecast_comment = comments.child("ForecastComment")
    if forecast_comment is None:
        return None
    forecast_comment.ignore("Text")
    codes = set(forecast_comment.required_text("Code").split())
    return next((outlook for code, outlook in _TSUNAMI_COMMENTS if code in codes), None)


def _earthquake_information(body: _Node) -> tuple[AlertDetails, tuple[Area, ...]]:
    """震度速報 has intensities and no hypocentre, 震源に関する情報 the hypocentre alone, and
    震源・震度に関する情報 both, or (遠地地震に関する情報) a hypocentre abroad and no intensity."""
    quake_node = body.child("Earthquake")
    earthquake = None if quake_node is None else _earthquake(quake_node)
    intensity = body.child("Intensity")
    outlook = _tsunami_outlook(body)
    body.ignore("Text")
    if intensity is None:
        if earthquake is None:
            raise MalformedAlert("Body has neither Earthquake nor Intensity.")
        # Nobody in Japan felt it: the place named is the epicentre's.
        details = EarthquakeInformation(earthquake, tsunami_outlook=outlook)
        epicentre = earthquake.epicentre
        return details, (epicentre,) if epicentre is not None else ()
    observation = intensity.require("Observation")
    observation.ignore("CodeDefine")
    max_intensity = _intensity(observation.require("MaxInt"))
    prefectures: list[Area] = []
    observed: list[AreaIntensity] = []
    for pref in observation.children("Pref"):
        code = pref.required_text("Code")
        name = pref.required_text("Name")
        prefecture = PREFECTURES.get(code)
        # JMA's 都道府県等 codes are the JIS ones, so the visitor gets the prefecture in their own
        # language; anything else (should JMA ever split one) stays JMA's area.
        is_prefecture = prefecture is not None and prefecture.names["ja"] == name
        prefectures.append(Area.prefecture(code) if is_prefecture else _jma_area(pref))
        pref.ignore("MaxInt")
        pref.ignore("Revise")
        for area_node in pref.children("Area"):
            observed.append(
                AreaIntensity(
                    _jma_area(area_node, AreaKind.EARTHQUAKE_REGION),
                    _intensity(area_node.require("MaxInt")),
                )
            )
            # Municipalities and stations are too fine to show a visitor one by one.
            for known in ("City", "Revise", "Category", "LgCategory", "MaxLgInt"):
                area_node.ignore(known)
    if not prefectures:
        raise MalformedAlert(f"{observation.path} names no prefecture.")
    details = EarthquakeInformation(earthquake, max_intensity, tuple(observed), outlook)
    return details, tuple(dict.fromkeys(prefectures))


def _distant_or_felt(body: _Node) -> tuple[AlertDetails, tuple[Area, ...]]:
    details, areas = _earthquake_information(body)
    assert isinstance(details, EarthquakeInformation)
    if details.max_intensity is None:
        # A VXSE53 without intensities is 遠地地震に関する情報: an earthquake (or, since 2022, a
        # great eruption) abroad.
        details = EarthquakeInformation(
            details.earthquake, tsunami_outlook=details.tsunami_outlook, distant=True
        )
    return details, areas


# Tsunami.

_TSUNAMI_GRADES = {
    "52": TsunamiGrade.MAJOR_WARNING,  # 大津波警報 (continuing)
    "53": TsunamiGrade.MAJOR_WARNING,  # 大津波警報：発表 (newly issued)
    "51": TsunamiGrade.WARNING,
    "62": TsunamiGrade.ADVISORY,
    "71": TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE,
    "72": TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE,  # after an advisory was lifted
    "73": TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE,  # after a warning was lifted
    "50": TsunamiGrade.LIFTED,  # 警報解除
    "60": TsunamiGrade.LIFTED,  # 津波注意報解除
    "00": TsunamiGrade.LIFTED,  # 津波なし
}

_TSUNAMI_ARRIVALS = {
    "ただちに津波来襲と予測": TsunamiArrival.IMMEDIATE,
    "津波到達中と推測": TsunamiArrival.ARRIVING,
    "第1波の到達を確認": TsunamiArrival.FIRST_WAVE_OBSERVED,
    "既に津波到達と推測": TsunamiArrival.ALREADY_ARRIVED,
}

# The forecast heights of the format since March 2013, then those of the format before it, which
# JMA's archive still serves (0.5, 2, 4, 6, 8 m): each read as the present category holding it.
_TSUNAMI_HEIGHTS = {
    Decimal(1): TsunamiHeight.UP_TO_1_M,
    Decimal(3): TsunamiHeight.UP_TO_3_M,
    Decimal(5): TsunamiHeight.UP_TO_5_M,
    Decimal(10): TsunamiHeight.UP_TO_10_M,
    Decimal("0.5"): TsunamiHeight.UP_TO_1_M,
    Decimal(2): TsunamiHeight.UP_TO_3_M,
    Decimal(4): TsunamiHeight.UP_TO_5_M,
    Decimal(6): TsunamiHeight.UP_TO_10_M,
    Decimal(8): TsunamiHeight.UP_TO_10_M,
}
_QUALITATIVE_HEIGHTS = {"巨大": TsunamiHeight.HUGE, "高い": TsunamiHeight.HIGH}


def _tsunami_height(node: _Node) -> TsunamiHeight | None:
    """A forecast height, or None where JMA states none (NaN, 不明, no description: the height of
    an advisory or slight change in the first reports of a great earthquake)."""
    description = _normal(node.attribute("description") or "")
    condition = node.attribute("condition")
    if condition is not None and condition != "不明":
        raise MalformedAlert(f"{node.path}/@condition is {condition!r}, not 不明.")
    if condition == "不明" or node.text == "NaN":
        # The magnitude is too uncertain for a number: JMA gives the height in words, or none.
        if not description:
            return None
        qualitative = _QUALITATIVE_HEIGHTS.get(description)
        if qualitative is None:
            raise MalformedAlert(f"{node.path}/@description is {description!r}, not 巨大 or 高い.")
        return qualitative
    try:
        metres = Decimal(node.text)
    except InvalidOperation:
        raise MalformedAlert(f"{node.path} is {node.text!r}, not a height in metres.") from None
    if description.endswith("未満") and metres == Decimal("0.2"):
        return TsunamiHeight.UNDER_0_2_M
    if description.endswith(("超", "以上")) and metres == Decimal(10):
        return TsunamiHeight.OVER_10_M
    height = _TSUNAMI_HEIGHTS.get(metres)
    if height is None or description.endswith(("未満", "超", "以上")):
        raise MalformedAlert(
            f"{node.path} is {node.text!r} ({description or 'no description'}), not one of "
            "JMA's forecast heights (0.2 m未満, 1, 3, 5, 10, 10 m超, or 巨大 or 高い)."
        )
    return height


def _tsunami_grade(kind: _Node) -> TsunamiGrade:
    kind.ignore("Name")
    code = kind.required_text("Code")
    grade = _TSUNAMI_GRADES.get(code)
    if grade is None:
        raise MalformedAlert(f"{kind.path}/Code is {code!r}, not a JMA tsunami warning code.")
    return grade


def _tsunami_region(node: _Node) -> Area:
    name = node.required_text("Name")
    code = node.required_text("Code")
    try:
        return Area(AreaKind.TSUNAMI_REGION, code, name)
    except ValueError:
        raise MalformedAlert(f"{node.path}/Code is {code!r}, not a JMA area code.") from None


def _tsunami_area(item: _Node) -> TsunamiAreaForecast:
    area = _tsunami_region(item.require("Area"))
    category = item.require("Category")
    grade = _tsunami_grade(category.require("Kind"))
    last_kind = category.child("LastKind")
    previous = None if last_kind is None else _tsunami_grade(last_kind)
    arrival_time = arrival = height = None
    first_height = item.child("FirstHeight")
    if first_height is not None:
        first_height.ignore("Revise")
        arrival_time = first_height.optional_moment("ArrivalTime")
        condition = first_height.child("Condition")
        if condition is not None:
            arrival = _TSUNAMI_ARRIVALS.get(_normal(condition.text))
            if arrival is None:
                raise MalformedAlert(
                    f"{condition.path} is {condition.text!r}, not a JMA arrival condition "
                    f"({', '.join(_TSUNAMI_ARRIVALS)})."
                )
    max_height = item.child("MaxHeight")
    if max_height is not None:
        # 重要: the height may be higher than forecast; the warning's own action already says so.
        max_height.ignore("Condition")
        max_height.ignore("Revise")
        height = _tsunami_height(max_height.require("TsunamiHeight", NS_ELEMENT_BASIS))
    # Tide stations' arrival times are finer than a visitor can use.
    item.ignore("Station")
    return TsunamiAreaForecast(area, grade, height, arrival_time, arrival, previous)


@dataclass
class _Observed:
    """What the tide stations of one tsunami forecast region observed (津波情報, VTSE51)."""

    arrived: bool = False
    height: Decimal | None = None
    rising: bool = False


def _tsunami_observations(tsunami: _Node) -> dict[str, _Observed]:
    """By region code: whether a tsunami reached its coast, and the largest wave observed."""
    found: dict[str, _Observed] = {}
    observation = tsunami.child("Observation")
    if observation is None:
        return found
    observation.ignore("CodeDefine")
    for item in observation.children("Item"):
        code = item.require("Area").required_text("Code")
        item.require("Area").ignore("Name")
        observed = found.setdefault(code, _Observed())
        for station in item.children("Station"):
            for known in ("Name", "Code", "Sensor"):
                station.ignore(known)
            first = station.child("FirstHeight")
            if first is not None:
                for known in ("Initial", "Revise", "Condition"):
                    first.ignore(known)
                # An arrival time, or 第１波識別不能 (the first wave could not be told apart):
                # either way the tsunami is on this coast.
                if first.optional_moment("ArrivalTime") is not None or first.child("Condition"):
                    observed.arrived = True
            highest = station.child("MaxHeight")
            if highest is None:
                continue
            for known in ("DateTime", "Condition", "Revise"):
                highest.ignore(known)
            height = highest.child("TsunamiHeight", NS_ELEMENT_BASIS)
            if height is None or not height.text:
                continue
            try:
                metres = Decimal(height.text)
            except InvalidOperation:
                raise MalformedAlert(f"{height.path} is {height.text!r}, not metres.") from None
            if metres.is_nan():
                continue  # 欠測 and the like: nothing to show
            observed.arrived = True
            rising = (height.attribute("condition") or "").strip() == "上昇中"
            if observed.height is None or metres > observed.height:
                observed.height, observed.rising = metres, rising
            elif metres == observed.height:
                observed.rising = observed.rising or rising
    return found


def _with_observation(forecast: TsunamiAreaForecast, observed: _Observed) -> TsunamiAreaForecast:
    if forecast.grade in {TsunamiGrade.LIFTED, TsunamiGrade.SLIGHT_SEA_LEVEL_CHANGE}:
        return forecast
    arrival = forecast.arrival
    if observed.arrived and arrival in {None, TsunamiArrival.IMMEDIATE, TsunamiArrival.ARRIVING}:
        arrival = TsunamiArrival.FIRST_WAVE_OBSERVED
    return replace(
        forecast,
        arrival=arrival,
        observed_height=observed.height,
        observed_rising=observed.rising,
    )


def _tsunami(body: _Node) -> tuple[AlertDetails, tuple[Area, ...]]:
    tsunami = body.require("Tsunami")
    # 津波情報 (VTSE51) adds what the tide stations observed to the forecast it restates: the
    # tsunami is on the coast, and how high. Offshore estimates are for officials.
    observed = _tsunami_observations(tsunami)
    tsunami.ignore("Estimation")
    forecast = tsunami.require("Forecast")
    forecast.ignore("CodeDefine")
    forecasts = tuple(
        _with_observation(area, observed[area.area.code]) if area.area.code in observed else area
        for area in (_tsunami_area(item) for item in forecast.children("Item"))
    )
    if not forecasts:
        raise MalformedAlert(f"{forecast.path} has no Item.")
    earthquakes = body.children("Earthquake")
    # A forecast may credit several earthquakes; the first is the one that caused it.
    earthquake = _earthquake(earthquakes[0]) if earthquakes else None
    body.ignore("Earthquake")
    body.ignore("Comments")
    body.ignore("Text")
    details = TsunamiForecast(forecasts, earthquake)
    return details, tuple(dict.fromkeys(forecast.area for forecast in forecasts))


# Weather.

_P = WeatherPhenomenon
_WEATHER_CODES = {
    "02": (_P.SNOWSTORM, WeatherLevel.WARNING),
    "03": (_P.HEAVY_RAIN, WeatherLevel.WARNING),
    "04": (_P.FLOOD, WeatherLevel.WARNING),
    "05": (_P.STORM, WeatherLevel.WARNING),
    "06": (_P.HEAVY_SNOW, WeatherLevel.WARNING),
    "07": (_P.HIGH_WAVES, WeatherLevel.WARNING),
    "08": (_P.STORM_SURGE, WeatherLevel.WARNING),
    "10": (_P.HEAVY_RAIN, WeatherLevel.ADVISORY),
    "12": (_P.HEAVY_SNOW, WeatherLevel.ADVISORY),
    "13": (_P.WIND_AND_SNOW, WeatherLevel.ADVISORY),
    "14": (_P.THUNDERSTORM, WeatherLevel.ADVISORY),
    "15": (_P.GALE, WeatherLevel.ADVISORY),
    "16": (_P.HIGH_WAVES, WeatherLevel.ADVISORY),
    "17": (_P.SNOWMELT, WeatherLevel.ADVISORY),
    "18": (_P.FLOOD, WeatherLevel.ADVISORY),
    "19": (_P.STORM_SURGE, WeatherLevel.ADVISORY),
    "20": (_P.DENSE_FOG, WeatherLevel.ADVISORY),
    "21": (_P.DRY_AIR, WeatherLevel.ADVISORY),
    "22": (_P.AVALANCHE, WeatherLevel.ADVISORY),
    "23": (_P.LOW_TEMPERATURE, WeatherLevel.ADVISORY),
    "24": (_P.FROST, WeatherLevel.ADVISORY),
    "25": (_P.ICING, WeatherLevel.ADVISORY),
    "26": (_P.SNOW_ACCRETION, WeatherLevel.ADVISORY),
    "32": (_P.SNOWSTORM, WeatherLevel.EMERGENCY_WARNING),
    "33": (_P.HEAVY_RAIN, WeatherLevel.EMERGENCY_WARNING),
    "35": (_P.STORM, WeatherLevel.EMERGENCY_WARNING),
    "36": (_P.HEAVY_SNOW, WeatherLevel.EMERGENCY_WARNING),
    "37": (_P.HIGH_WAVES, WeatherLevel.EMERGENCY_WARNING),
    "38": (_P.STORM_SURGE, WeatherLevel.EMERGENCY_WARNING),
}
_WEATHER_NOTHING_IN_FORCE = "00"
_WEATHER_INACTIVE = frozenset({"解除", "発表警報・注意報はなし"})

# The finest division present is what visitors are matched against; the others repeat it coarser.
_WEATHER_DIVISIONS = (
    "気象警報・注意報（市町村等）",
    "気象警報・注意報（市町村等をまとめた地域等）",
    "気象警報・注意報（一次細分区域等）",
    "気象警報・注意報（府県予報区等）",
)


def _weather_area(item: _Node) -> AreaWeatherWarnings:
    area = _jma_area(item.require("Area"))
    kinds = item.children("Kind")
    if not kinds:
        raise MalformedAlert(f"{item.path}/Kind is missing.")
    warnings: dict[WeatherWarning, None] = {}
    for kind in kinds:
        code = kind.required_text("Code")
        status = kind.required_text("Status")
        for known in ("Name", "Attention", "Addition", "WarningNotice"):
            kind.ignore(known)
        if code == _WEATHER_NOTHING_IN_FORCE or status in _WEATHER_INACTIVE:
            continue
        phenomenon_level = _WEATHER_CODES.get(code)
        if phenomenon_level is None:
            raise MalformedAlert(f"{kind.path}/Code is {code!r}, not a JMA weather warning code.")
        warnings.setdefault(WeatherWarning(*phenomenon_level))
    for known in ("ChangeStatus", "FullStatus", "EditingMark"):
        item.ignore(known)
    return AreaWeatherWarnings(area, tuple(warnings))


def _weather(body: _Node) -> tuple[AlertDetails, tuple[Area, ...]]:
    divisions = {node.attribute("type"): node for node in body.children("Warning")}
    chosen = next(
        (divisions[division] for division in _WEATHER_DIVISIONS if division in divisions), None
    )
    if chosen is None:
        raise MalformedAlert(
            f"Body has no Warning of a type among {', '.join(_WEATHER_DIVISIONS)}."
        )
    for node in divisions.values():
        if node is not chosen:
            node.ignore_self()
    areas = tuple(_weather_area(item) for item in chosen.children("Item"))
    if not areas:
        raise MalformedAlert(f"{chosen.path} has no Item.")
    details = WeatherWarnings(areas)
    in_force = tuple(area.area for area in areas if area.warnings)
    # When everything is lifted, the lifting concerns every area listed.
    return details, in_force or tuple(area.area for area in areas)


# Volcanoes.

_VOLCANO_LEVEL = re.compile(r"レベル([1-5])")
_VOLCANIC_WARNINGS = {
    "居住地域厳重警戒": VolcanicWarning.RESIDENTIAL_AREAS,
    "噴火警報(居住地域)": VolcanicWarning.RESIDENTIAL_AREAS,
    "入山危険": VolcanicWarning.CRATER_AREA,
    "火口周辺危険": VolcanicWarning.CRATER_AREA,
    "噴火警報(火口周辺)": VolcanicWarning.CRATER_AREA,
    "周辺海域警戒": VolcanicWarning.SURROUNDING_SEA,
    "噴火警報(周辺海域)": VolcanicWarning.SURROUNDING_SEA,
    "活火山であることに留意": VolcanicWarning.FORECAST,
    "噴火予報": VolcanicWarning.FORECAST,
}
_VOLCANO_TARGET = "噴火警報・予報（対象火山）"
_VOLCANO_MUNICIPALITIES = "噴火警報・予報（対象市町村等）"


def _volcanic_kind(kind: _Node) -> tuple[VolcanicWarning, int | None]:
    """The warning and level a Kind/Name states: "レベル３（入山規制）" for volcanoes with levels,
    "火口周辺危険" and the like for those without."""
    name = kind.required_text("Name")
    normal = _normal(name)
    level_match = _VOLCANO_LEVEL.match(normal)
    if level_match is not None:
        level = int(level_match.group(1))
        return VOLCANIC_WARNING_BY_LEVEL[level], level
    warning = _VOLCANIC_WARNINGS.get(normal)
    if warning is None:
        raise MalformedAlert(f"{kind.path}/Name is {name!r}, not a JMA eruption warning.")
    return warning, None


def _volcano(body: _Node) -> tuple[AlertDetails, tuple[Area, ...]]:
    infos = {node.attribute("type"): node for node in body.children("VolcanoInfo")}
    target = infos.get(_VOLCANO_TARGET)
    if target is None:
        raise MalformedAlert(f"Body has no VolcanoInfo of type {_VOLCANO_TARGET}.")
    item = target.require("Item")
    kind = item.require("Kind")
    for known in ("FormalName", "Code", "Condition"):
        kind.ignore(known)
    item.ignore("LastKind")
    warning, level = _volcanic_kind(kind)
    volcano_node = item.require("Areas").require("Area")
    for known in ("CraterName", "CraterCoordinate"):
        volcano_node.ignore(known)
    volcano_node.ignore("Coordinate", NS_ELEMENT_BASIS)
    volcano = _jma_area(volcano_node)

    municipalities: dict[Area, None] = {}
    towns = infos.get(_VOLCANO_MUNICIPALITIES)
    if towns is not None:
        for town_item in towns.children("Item"):
            town_item.ignore("Kind")
            town_item.ignore("LastKind")
            for area in town_item.require("Areas").children("Area"):
                municipalities.setdefault(_jma_area(area))
    for kind_of_info, node in infos.items():
        # Other kinds (the municipalities' measures) restate the same warning for officials.
        if kind_of_info not in {_VOLCANO_TARGET, _VOLCANO_MUNICIPALITIES}:
            node.ignore_self()
    for known in ("VolcanoInfoContent", "Text", "Comments"):
        body.ignore(known)
    details = VolcanicActivity(volcano, warning, level)
    return details, tuple(municipalities) or (volcano,)


# The reports read.


@dataclass(frozen=True)
class _Report:
    namespace: str
    alert_types: frozenset[AlertType]
    read: Callable[[_Node], tuple[AlertDetails, tuple[Area, ...]]]


_TSUNAMI_TYPES = frozenset(
    {
        AlertType.MAJOR_TSUNAMI_WARNING,
        AlertType.TSUNAMI_WARNING,
        AlertType.TSUNAMI_ADVISORY,
        AlertType.TSUNAMI_FORECAST,
        AlertType.TSUNAMI_LIFTED,
    }
)
_WEATHER_TYPES = frozenset(
    {
        AlertType.WEATHER_EMERGENCY_WARNING,
        AlertType.WEATHER_WARNING,
        AlertType.WEATHER_ADVISORY,
        AlertType.WEATHER_WARNINGS_LIFTED,
    }
)
_WEATHER_REPORT = _Report(NS_METEOROLOGY, _WEATHER_TYPES, _weather)

_REPORTS = {
    "緊急地震速報（警報）": _Report(
        NS_SEISMOLOGY, frozenset({AlertType.EARTHQUAKE_EARLY_WARNING}), _early_warning
    ),
    "震度速報": _Report(
        NS_SEISMOLOGY, frozenset({AlertType.EARTHQUAKE_INFORMATION}), _earthquake_information
    ),
    "震源に関する情報": _Report(
        NS_SEISMOLOGY, frozenset({AlertType.EARTHQUAKE_INFORMATION}), _earthquake_information
    ),
    "震源・震度に関する情報": _Report(
        NS_SEISMOLOGY, frozenset({AlertType.EARTHQUAKE_INFORMATION}), _distant_or_felt
    ),
    "津波警報・注意報・予報a": _Report(NS_SEISMOLOGY, _TSUNAMI_TYPES, _tsunami),
    # 津波情報a (VTSE51): observed heights and arrivals, with the forecast restated.
    "津波情報a": _Report(NS_SEISMOLOGY, _TSUNAMI_TYPES, _tsunami),
    # The H27 weather report has been published under both titles.
    "気象特別警報・警報・注意報": _WEATHER_REPORT,
    "気象警報・注意報（Ｈ２７）": _WEATHER_REPORT,
    "噴火警報・予報": _Report(NS_VOLCANOLOGY, frozenset({AlertType.VOLCANIC_WARNING}), _volcano),
}

SUPPORTED_TITLES = frozenset(_REPORTS)
"""Control/Title of the reports we read; a JMA feed entry's title is its report's."""

_STATUSES = {
    "通常": ReportStatus.NORMAL,
    "訓練": ReportStatus.EXERCISE,
    "試験": ReportStatus.TEST,
}
