"""Specimen passport photo pages for reading the MRZ with the camera: the ICAO Doc 9303 specimen
data (Anna Maria Eriksson of Utopia) and a few more, their MRZ set in OCR-B (Debian's
``fonts-ocr-b``), photographed under varied light, blur and angle.

Used by the browser journeys (a frame for Chromium's fake camera, ``--use-file-for-fake-video-
capture``) and by ``python -m bench.mrz_read_rate``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)


def _check(field: str) -> str:
    weights = (7, 3, 1)
    total = 0
    for i, char in enumerate(field):
        value = int(char) if char.isdigit() else 0 if char == "<" else ord(char) - 55
        total += value * weights[i % 3]
    return str(total % 10)


def td3(
    surname: str, given: str, state: str, number: str, born: str, sex: str, expiry: str
) -> tuple[str, str]:
    """The two MRZ lines of a passport with these details (dates YYMMDD)."""
    name = f"{surname}<<{given.replace(' ', '<')}"
    first = f"P<{state}{name}".ljust(44, "<")[:44]
    number = number.ljust(9, "<")
    personal = "<" * 14
    second = (
        f"{number}{_check(number)}{state}{born}{_check(born)}{sex}{expiry}{_check(expiry)}"
        f"{personal}<"
    )
    composite = second[0:10] + second[13:20] + second[21:43]
    return first, second + _check(composite)


PASSPORTS: tuple[tuple[str, str], ...] = (
    SPECIMEN,
    td3("SOK", "DARA", "KHM", "N01234567", "900215", "M", "330101"),
    td3("SRISUK", "SOMCHAI", "THA", "AA1234567", "850730", "M", "310615"),
    td3("SHRESTHA", "SITA", "NPL", "PA0987654", "951120", "F", "320909"),
)


@dataclass(frozen=True)
class Shot:
    """How the photo page was photographed."""

    lighting: float = 1.0  # brightness factor
    contrast: float = 1.0
    blur: float = 0.0  # Gaussian radius in pixels
    angle: float = 0.0  # degrees
    noise: int = 0  # amplitude of sensor noise
    shadow: bool = False  # a darker band across the page


def photo_page(lines: tuple[str, str], width: int = 1280) -> Image.Image:
    """A passport photo page, flat and sharp: a tinted card with printed text and a photo box,
    and the MRZ at its foot in OCR-B, 44 characters filling the page's width as on a passport."""
    height = int(width * 88 / 125)  # ID-3 size, 125 × 88 mm
    page = Image.new("RGB", (width, height), (236, 232, 214))
    draw = ImageDraw.Draw(page)
    for y in range(0, height, 9):  # the guilloche-like background print
        draw.line([(0, y), (width, y + 40)], fill=(226, 220, 200), width=2)
    label = ImageFont.truetype(str(OCR_B), width // 45)
    draw.text(
        (width * 0.05, height * 0.04), "PASSPORT  PASSEPORT  UTOPIA", font=label, fill=(60, 60, 90)
    )
    draw.rectangle([width * 0.05, height * 0.14, width * 0.3, height * 0.62], fill=(180, 180, 185))
    for row, text in enumerate(("Surname / Nom", "Given names", "Nationality", "Date of birth")):
        y = height * (0.16 + row * 0.1)
        draw.text((width * 0.36, y), text, font=label, fill=(90, 90, 110))
    mrz_font = ImageFont.truetype(str(OCR_B), 10)
    # The font size at which 44 characters fill 90 % of the width.
    size = int(10 * width * 0.9 / mrz_font.getlength("<" * 44))
    mrz_font = ImageFont.truetype(str(OCR_B), size)
    for row, line in enumerate(lines):
        y = height * 0.74 + row * size * 1.35
        draw.text((width * 0.05, y), line, font=mrz_font, fill=(20, 20, 25))
    return page


def photographed(
    page: Image.Image, shot: Shot, seed: int = 0, frame: tuple[int, int] = (1280, 720)
) -> Image.Image:
    """The page as a phone camera sees it: on a table, turned, lit and focused as ``shot`` says."""
    rng = random.Random(seed)
    scene = Image.new("RGB", frame, (70, 62, 55))
    card = page.rotate(
        shot.angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=(70, 62, 55)
    )
    scale = min(frame[0] * 0.92 / card.width, frame[1] * 0.92 / card.height)
    card = card.resize(
        (int(card.width * scale), int(card.height * scale)), Image.Resampling.LANCZOS
    )
    scene.paste(card, ((frame[0] - card.width) // 2, (frame[1] - card.height) // 2))
    if shot.shadow:
        overlay = Image.new("L", frame, 0)
        ImageDraw.Draw(overlay).polygon(
            [(0, 0), (frame[0] * 0.6, 0), (frame[0] * 0.3, frame[1]), (0, frame[1])], fill=90
        )
        scene = Image.composite(
            Image.new("RGB", frame, (0, 0, 0)), scene, overlay.filter(ImageFilter.GaussianBlur(40))
        )
    scene = ImageEnhance.Brightness(scene).enhance(shot.lighting)
    scene = ImageEnhance.Contrast(scene).enhance(shot.contrast)
    if shot.blur:
        scene = scene.filter(ImageFilter.GaussianBlur(shot.blur))
    if shot.noise:
        pixels = scene.load()
        assert pixels is not None
        for _ in range(frame[0] * frame[1] // 6):
            x, y = rng.randrange(frame[0]), rng.randrange(frame[1])
            r, g, b = pixels[x, y]  # type: ignore[misc]
            n = rng.randint(-shot.noise, shot.noise)
            pixels[x, y] = (
                max(0, min(255, r + n)),
                max(0, min(255, g + n)),
                max(0, min(255, b + n)),
            )
    return scene


def varied_shots(count: int, seed: int = 15) -> list[Shot]:
    """``count`` shots from plain to hard: dim and bright light, low contrast, blur up to 1.8 px,
    turns up to 5 degrees, sensor noise, a shadow across the page."""
    rng = random.Random(seed)
    shots = [Shot()]
    while len(shots) < count:
        shots.append(
            Shot(
                lighting=rng.choice((0.55, 0.7, 0.85, 1.0, 1.15, 1.3)),
                contrast=rng.choice((0.6, 0.8, 1.0, 1.2)),
                blur=rng.choice((0.0, 0.6, 1.0, 1.4, 1.8)),
                angle=rng.uniform(-5, 5),
                noise=rng.choice((0, 0, 12, 24)),
                shadow=rng.random() < 0.25,
            )
        )
    return shots


def write_y4m(image: Image.Image, path: Path, frames: int = 2) -> Path:
    """A YUV4MPEG2 (4:2:0) video of ``image`` held still, for Chromium's fake camera."""
    width, height = image.width - image.width % 2, image.height - image.height % 2
    ycbcr = image.crop((0, 0, width, height)).convert("YCbCr")
    y, cb, cr = ycbcr.split()
    half = (width // 2, height // 2)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F5:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + planes)
    return path
