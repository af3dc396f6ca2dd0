"""Helpers for alert tests: JMA documents, as delivered now, and the municipalities they name
(lodging visitors are made by tests/factories/alerts.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

CHIYODA = "13101"  # 東京都千代田区
NANAO = "17202"  # 石川県七尾市
WAJIMA = "17204"  # 石川県輪島市
SENDAI_AOBA = "04101"  # 仙台市青葉区 (JMA's 仙台市 is 0410000)
ISHINOMAKI = "04202"


_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})")


def fixture(name: str, *, received_now: bool = True) -> bytes:
    """A JMA test document; unless ``received_now`` is False, with every time in it moved so
    that JMA issued it (Head/ReportDateTime) just now, as a feed delivers it."""
    document = (FIXTURES / name).read_bytes()
    return as_received_now(document) if received_now else document


def as_received_now(document: bytes, *, age: timedelta = timedelta(seconds=5)) -> bytes:
    text = document.decode()
    issued = re.search(r"<ReportDateTime>([^<]+)</ReportDateTime>", text)
    if issued is None:
        return document
    shift = datetime.now(UTC) - age - datetime.fromisoformat(issued.group(1))

    def moved(match: re.Match[str]) -> str:
        moment = datetime.fromisoformat(match.group(0)) + shift
        zone = match.group(2)
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + zone

    return _MOMENT.sub(moved, text).encode()


def weather_report(areas: Iterable[tuple[str, str]]) -> bytes:
    """The weather fixture, its municipality division replaced by a heavy-rain warning for each
    of ``areas`` (JMA code, Japanese name)."""
    text = fixture("weather_vpww53.xml").decode()
    opening = '<Warning type="気象警報・注意報（市町村等）">'
    start = text.index(opening)
    end = text.index("</Warning>", start)
    items = "".join(
        "<Item><Kind><Name>大雨警報</Name><Code>03</Code><Status>発表</Status></Kind>"
        f"<Area><Name>{name}</Name><Code>{code}</Code></Area></Item>"
        for code, name in areas
    )
    return (text[:start] + opening + items + text[end:]).encode()
