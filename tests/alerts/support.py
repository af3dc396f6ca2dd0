"""Helpers for alert tests: visitors who lodge somewhere and did (or did not) grant the
emergency purpose, made through the product's own services."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.alerts.areas import _jis_x0402_check_digit
from omotenashi.consent import service as consent
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors

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


def jis(code5: str) -> str:
    """The 6-digit JIS X 0402 code, with its check digit."""
    return code5 + str(_jis_x0402_check_digit(code5))


async def lodging_visitor(
    session: AsyncSession,
    keys: PlatformKeys,
    municipality: str | None,
    *,
    language: str = "en",
    emergency: bool = True,
    surname: str = "TRAVELLER",
    registered_by: uuid.UUID | None = None,
) -> uuid.UUID:
    """A visitor lodging in ``municipality`` (5 digits), speaking ``language``, who granted
    the emergency purpose to municipalities unless ``emergency`` is False."""
    keyring = Keyring(keys.master)
    visitor = await visitors.create_visitor(
        session, keyring, language=language, registered_by=registered_by
    )
    today = datetime.now(UTC).date()
    profile: dict[str, object] = {
        "name": {"surname": surname, "given_names": "TEST"},
        "preferred_languages": [language],
    }
    if municipality is not None:
        profile["stay"] = {
            "arrival": today.isoformat(),
            "departure": (today + timedelta(days=5)).isoformat(),
            "lodging_municipality": jis(municipality),
        }
    await visitors.update_profile(session, keyring, visitor.id, profile)
    if emergency:
        await consent.grant(
            session,
            keys,
            visitor.id,
            purpose=PurposeKey.emergency,
            attributes=["name", "preferred_languages", "stay"],
            category=ServicerCategory.municipality,
        )
    return visitor.id
