"""The hotel guest register card (宿泊者名簿) filled from a check-in resolve.

The Hotel Business Act asks for every guest's name, address and contact, and for a guest with no
address in Japan also nationality and passport number (FACTS.md). The card is printed in Japanese
with English beside each item, as Japanese hotels' own cards are, so the guest can check it
before signing; hotels keep it three years.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from dataclasses import fields as dataclass_fields
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from omotenashi.japan import JST as JAPAN
from omotenashi.resolve.service import Resolution
from omotenashi.visitors import display
from omotenashi.visitors.validity import PassportValidity, passport_validity

TITLE = ("宿泊者名簿", "Guest Register")
# (field, Japanese label, English label), in the order the card shows them.
ITEMS = (
    ("name", "氏名", "Name"),
    ("address", "住所", "Address"),
    ("contact", "連絡先", "Phone / e-mail"),
    ("nationality", "国籍", "Nationality"),
    ("passport_number", "旅券番号", "Passport number"),
    ("passport_expiry", "旅券有効期限", "Passport expiry"),
    ("stay", "宿泊期間", "Stay"),
    ("recorded_at", "記録日時", "Recorded"),
)
# A Japanese TrueType font embedded in the PDF as a subset (only the glyphs the card uses), so every
# reader shows the card alike: IPAex Gothic (Debian's fonts-ipaexfont-gothic; the IPA Font
# Licence allows embedding). Readers do not all carry the standard CID font Heisei Kaku Gothic,
# which stays the fallback on a machine without the file.
FONT_FILES = (
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
)
EMBEDDED_FONT = "IPAexGothic"
FALLBACK_FONT = "HeiseiKakuGo-W5"


@dataclass(frozen=True)
class RegisterCard:
    name: str = ""
    address: str = ""
    contact: str = ""
    nationality: str = ""
    passport_number: str = ""
    passport_expiry: str = ""
    stay: str = ""
    recorded_at: str = ""

    def rows(self) -> list[tuple[str, str, str]]:
        values = asdict(self)
        return [(ja, en, values[key]) for key, ja, en in ITEMS]


def fields(resolution: Resolution) -> RegisterCard:
    """The card's items from what the visitor shared for check-in (blank where not shared)."""
    shown = {item.key: item.lines for item in display.shown(resolution.attributes, "ja")}
    attributes = resolution.attributes
    passport = attributes.get("passport") or {}
    return RegisterCard(
        name=" ".join(shown.get("name", ())),
        address=", ".join(shown.get("home_address", ())),
        contact=" / ".join(
            str(value) for value in (attributes.get("phone"), attributes.get("email")) if value
        ),
        nationality=" ".join(shown.get("nationality", ())),
        passport_number=str(passport.get("number", "")),
        passport_expiry=_expiry(attributes),
        stay=" ".join(shown.get("stay", ())),
        recorded_at=datetime.now(JAPAN).strftime("%Y-%m-%d %H:%M"),
    )


# On the card itself, in its two languages, whatever the counter's language.
EXPIRY_NOTES = {
    PassportValidity.expired: "期限切れ / EXPIRED",
    PassportValidity.expires_during_stay: "滞在中に期限切れ / expires during the stay",
}


def _expiry(attributes: Mapping[str, object]) -> str:
    passport = attributes.get("passport")
    expiry = passport.get("expiry_date") if isinstance(passport, Mapping) else None
    if not isinstance(expiry, str):
        return ""
    validity = passport_validity(attributes, datetime.now(JAPAN).date())
    note = EXPIRY_NOTES.get(validity) if validity is not None else None
    return f"{expiry} ({note})" if note else expiry


def from_form(form: Mapping[str, str]) -> RegisterCard:
    """The card as the counter page posts it back for the PDF (each item at most 300 chars)."""
    known = {field.name for field in dataclass_fields(RegisterCard)}
    return RegisterCard(**{k: v[:300] for k, v in form.items() if k in known})


def _font() -> str:
    """The name of the registered font the card is set in (embedded where the file is here)."""
    registered = pdfmetrics.getRegisteredFontNames()
    if EMBEDDED_FONT in registered:
        return EMBEDDED_FONT
    for path in FONT_FILES:
        if path.is_file():
            pdfmetrics.registerFont(TTFont(EMBEDDED_FONT, str(path)))
            return EMBEDDED_FONT
    if FALLBACK_FONT not in registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT


def pdf(card: RegisterCard) -> bytes:
    """An A5 card with one ruled line per item and a space for the guest's signature."""
    font = _font()
    out = io.BytesIO()
    width, height = A5
    # Set in the card's font from the start: no unembedded Helvetica is referenced either.
    page = canvas.Canvas(out, pagesize=A5, pageCompression=1, initialFontName=font)
    page.setTitle(f"{TITLE[0]} / {TITLE[1]}")
    page.setFont(font, 16)
    page.drawString(15 * mm, height - 20 * mm, f"{TITLE[0]}  {TITLE[1]}")
    y = height - 35 * mm
    for ja, en, value in [*card.rows(), ("署名", "Signature", "")]:
        page.setFont(font, 9)
        page.drawString(15 * mm, y + 4 * mm, f"{ja} / {en}")
        page.setFont(font, 12)
        page.drawString(15 * mm, y - 1 * mm, value)
        page.line(15 * mm, y - 3 * mm, width - 15 * mm, y - 3 * mm)
        y -= 16 * mm
    page.showPage()
    page.save()
    return out.getvalue()
