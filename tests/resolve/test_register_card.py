from __future__ import annotations

import io

from pypdf import PdfReader

from omotenashi.resolve import register_card


def _fonts(document: bytes) -> list[dict[str, object]]:
    fonts = []
    for page in PdfReader(io.BytesIO(document)).pages:
        resources = page["/Resources"].get_object()
        for font in resources["/Font"].get_object().values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                fonts.append(descendant.get_object())
    return fonts


def test_the_register_card_pdf_carries_its_japanese_font_as_an_embedded_subset() -> None:
    card = register_card.RegisterCard(name="SRISUK SOMCHAI", nationality="タイ")
    document = register_card.pdf(card)
    fonts = _fonts(document)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()  # type: ignore[attr-defined]
        # An embedded TrueType program, and a subset: its name carries a six-letter tag ("ABCDEF+").
        assert "/FontFile2" in descriptor
        assert str(font["/BaseFont"])[7] == "+"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)
    assert "宿泊者名簿" in text
    assert "タイ" in text
