from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime
from pathlib import Path

import pytest

from omotenashi import __version__
from omotenashi.translation.tmx import (
    Segment,
    Skipped,
    SkipReason,
    TmxError,
    read_tmx,
    write_tmx,
)

FIXTURES = Path(__file__).parent / "fixtures"


def tmx(body: str, *, srclang: str = "ja", prolog: str = "") -> bytes:
    """A small TMX document around ``body``."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<tmx version="1.4">'
        f'<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"'
        f' adminlang="en" srclang="{srclang}" datatype="plaintext"/>'
        f"<body>{body}</body></tmx>"
    ).encode()


def test_written_segments_read_back_the_same() -> None:
    segments = [
        Segment(
            "ja",
            "本日のおすすめは<焼き魚定食> & 味噌汁です",
            "en",
            "Today's special: <grilled fish set> & miso soup",
            creation_id="tanaka",
            creation_date=datetime(2026, 4, 1, 9, 30, 15, tzinfo=UTC),
            note="Lunch menu board",
        ),
        Segment("ja", "1行目\n2行目", "zh-Hans", "第一行\n第二行"),
        Segment("ja", "駅はどこですか", "zh-Hant", "車站在哪裡？"),
        Segment("en", "Where is the station?", "tl", "Nasaan ang istasyon?"),
        Segment("ja", "ありがとう 🙏", "my", "ကျေးဇူးတင်ပါတယ်"),
    ]

    result = read_tmx(write_tmx(segments))

    assert result.segments == segments
    assert result.skipped == []


def test_written_file_has_a_tmx_14b_header() -> None:
    data = write_tmx([Segment("ja", "はい", "en", "Yes")], srclang="ja")

    assert b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">' in data
    root = ElementTree.fromstring(data)  # noqa: S314 - our own output
    assert root.tag == "tmx"
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert header.attrib == {
        "creationtool": "omotenashi",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "omotenashi",
        "adminlang": "en",
        "srclang": "ja",
        "datatype": "plaintext",
    }
    (unit,) = root.iter("tu")
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in unit.iter("tuv")]
    assert langs == ["ja", "en"]


@pytest.mark.parametrize(
    ("segment", "problem"),
    [
        (Segment("ja", "はい", "fr", "Oui"), "not one of ours"),
        (Segment("ja", "はい", "ja", "はい"), "two different languages"),
        (Segment("ja", " ", "en", "Yes"), "source and a target"),
        (Segment("ja", "はい", "en", "Yes", creation_date=datetime(2026, 1, 1)), "aware"),
    ],
)
def test_writing_refuses_a_segment_it_cannot_represent(segment: Segment, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        write_tmx([segment])


def test_hand_written_file_keeps_what_it_can_and_says_why_it_skips_the_rest() -> None:
    result = read_tmx((FIXTURES / "mixed.tmx").read_bytes())

    assert result.segments == [
        Segment(
            "ja",
            "本日のおすすめは焼き魚定食です",
            "en",
            "Today's special is the grilled fish set meal",
            creation_id="tanaka",
            creation_date=datetime(2026, 4, 2, 10, 0, tzinfo=UTC),
            note="Lunch menu board",
        ),
        Segment("ja", "いらっしゃいませ", "ko", "어서 오세요"),
        Segment("ja", "駅はどこですか", "zh-Hans", "车站在哪里？"),
        Segment("ja", "駅はどこですか", "zh-Hant", "車站在哪裡？"),
        Segment("ja", "駅はどこですか", "pt", "Onde fica a estação?"),
        Segment("ja", "駅はどこですか", "tl", "Nasaan ang istasyon?"),
        Segment("en", "Thank you very much", "ja", "ありがとうございます"),
        Segment("ja", "ご予約はお電話で", "vi", "Đặt chỗ qua điện thoại"),
    ]
    assert result.skipped == [
        Skipped(1, SkipReason.single_language),
        Skipped(2, SkipReason.empty_segment, "en-US"),
        Skipped(3, SkipReason.unsupported_language, "fr-FR"),
        Skipped(4, SkipReason.inline_markup, "ja-JP"),
        Skipped(5, SkipReason.duplicate, "en"),
        Skipped(8, SkipReason.missing_source, "en-US"),
        Skipped(9, SkipReason.inline_markup, "en-US"),
    ]


def test_progress_is_reported_per_unit_against_the_total() -> None:
    calls: list[tuple[int, int]] = []

    read_tmx((FIXTURES / "mixed.tmx").read_bytes(), on_progress=lambda *call: calls.append(call))

    assert calls == [(done, 10) for done in range(11)]


def test_second_variant_of_the_source_language_is_skipped() -> None:
    result = read_tmx(
        tmx(
            '<tu><tuv xml:lang="ja"><seg>はい</seg></tuv>'
            '<tuv xml:lang="ja-JP"><seg>ええ</seg></tuv>'
            '<tuv xml:lang="en"><seg>Yes</seg></tuv></tu>'
        )
    )

    assert result.segments == [Segment("ja", "はい", "en", "Yes")]
    assert result.skipped == [Skipped(0, SkipReason.same_language, "ja-JP")]


def test_any_source_language_takes_the_first_variant() -> None:
    result = read_tmx(
        tmx(
            '<tu><tuv xml:lang="ko"><seg>네</seg></tuv>'
            '<tuv xml:lang="ja"><seg>はい</seg></tuv></tu>',
            srclang="*all*",
        )
    )

    assert result.segments == [Segment("ko", "네", "ja", "はい")]


def test_utf16_file_is_read() -> None:
    data = (
        '<?xml version="1.0" encoding="UTF-16"?><tmx version="1.4"><header srclang="ja"/>'
        '<body><tu><tuv xml:lang="ja"><seg>はい</seg></tuv>'
        '<tuv xml:lang="en"><seg>Yes</seg></tuv></tu></body></tmx>'
    ).encode("utf-16")

    assert read_tmx(data).segments == [Segment("ja", "はい", "en", "Yes")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<tmx version='1.4'><header/><body><tu></body></tmx>", "not well-formed"),
        (b"<tmx version='1.4'", "not well-formed"),
        (b"<xliff version='1.2'/>", "root element is not <tmx>"),
        (b"<tmx version='1.4'><header/></tmx>", "no <body>"),
        (
            '<?xml version="1.0" encoding="Shift_JIS"?><tmx/>'.encode("shift_jis"),
            "UTF-8 or UTF-16",
        ),
    ],
    ids=["empty", "unclosed", "truncated", "not-tmx", "no-body", "shift-jis"],
)
def test_unreadable_file_raises_a_clear_tmx_error(data: bytes, reason: str) -> None:
    with pytest.raises(TmxError, match=reason):
        read_tmx(data)


def test_billion_laughs_is_refused_without_expanding() -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    )
    data = tmx(
        '<tu><tuv xml:lang="ja"><seg>&lol9;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>',
        prolog=f"<!DOCTYPE tmx [{entities}]>",
    )

    with pytest.raises(TmxError, match="declares XML entities"):
        read_tmx(data)


@pytest.mark.parametrize(
    "declaration",
    [
        '<!ENTITY secret SYSTEM "file:///etc/passwd">',
        '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;',
    ],
    ids=["external-general", "external-parameter"],
)
def test_external_entities_are_refused(declaration: str) -> None:
    data = tmx(
        '<tu><tuv xml:lang="ja"><seg>&secret;</seg></tuv>'
        '<tuv xml:lang="en"><seg>x</seg></tuv></tu>',
        prolog=f"<!DOCTYPE tmx [{declaration}]>",
    )

    with pytest.raises(TmxError, match="declares XML entities") as raised:
        read_tmx(data)
    assert "root:" not in str(raised.value)
