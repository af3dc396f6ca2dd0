"""Write ``src/omotenashi/static/mrz-glyphs.js``: the 37 characters of a passport's MRZ (A–Z, 0–9
and <) as the OCR-B typeface draws them, for the passport step to read the MRZ by matching each
character's cell against them (``passport-scan.js``), as MRZ readers do.

Each glyph is one character cell of the monospaced face — its whole advance across, from a little
above the capitals to a little below the baseline — in grey, 24 × 32 pixels, ink dark. Drawn from
Debian's ``fonts-ocr-b`` (OCRB.otf; public domain and permissive, see its copyright file).

    python scripts/make_mrz_glyphs.py
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
OUT = Path(__file__).parent.parent / "src/omotenashi/static/mrz-glyphs.js"
CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
WIDTH, HEIGHT = 24, 32
SIZE = 400  # drawn large, then reduced: the reduction smooths the edges as a camera does


def cell(character: str, font: ImageFont.FreeTypeFont) -> bytes:
    advance = round(font.getlength("H"))
    top, baseline = font.getbbox("H")[1], font.getbbox("H")[3]
    margin = round((baseline - top) / 6)
    picture = Image.new("L", (advance, baseline - top + 2 * margin), 255)
    ImageDraw.Draw(picture).text((0, margin - top), character, font=font, fill=0)
    # The capitals fill the middle three quarters of the cell's height (an eighth above and below).
    return picture.resize((WIDTH, HEIGHT), Image.Resampling.BOX).tobytes()


def main() -> None:
    font = ImageFont.truetype(str(OCR_B), SIZE)
    glyphs = {c: base64.b64encode(cell(c, font)).decode() for c in CHARACTERS}
    OUT.write_text(
        "/* The MRZ characters in OCR-B, one character cell each, for reading the MRZ by matching"
        " (written by scripts/make_mrz_glyphs.py from Debian's fonts-ocr-b; do not edit). */\n"
        f"window.MrzGlyphs = {json.dumps({'width': WIDTH, 'height': HEIGHT, 'glyphs': glyphs})};\n"
    )


if __name__ == "__main__":
    main()
