"""How often the passport step's camera reading gets the MRZ right on the first try.

Generates specimen photo pages (``bench.passport_specimens``: four passports, each shot under
varied light, blur and angle), and reads each one in headless Chromium with the page's own code
(vendored Tesseract, ``mrz.js``, ``passport-scan.js``), as a phone would read a chosen photo.
A read counts when both lines equal the printed ones; a wrong read never counts, and is counted
apart (the page accepts only lines whose check digits all match and whose name has a name's shape,
so a wrong read should be rarer still than a miss).

    python -m bench.mrz_read_rate [--images 24]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import tempfile
import threading
import time
from pathlib import Path

from playwright.async_api import async_playwright

from bench.passport_specimens import PASSPORTS, photo_page, photographed, varied_shots

STATIC = Path(__file__).parent.parent / "src/omotenashi/static"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
HARNESS = """<!doctype html><meta charset="utf-8">
<section data-mrz-scanner><span data-scan-status></span><div data-scan-view hidden>
<video data-scan-video></video></div><button data-scan-camera></button>
<input type="file" data-scan-file></section><textarea id="f-mrz"></textarea>
<script src="/static/vendor/tesseract/tesseract.min.js"></script>
<script src="/static/mrz.js"></script><script src="/static/mrz-glyphs.js"></script>
<script src="/static/passport-scan.js"></script>"""


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if path.startswith("/static/"):
            return str(STATIC / path.removeprefix("/static/").split("?")[0])
        return super().translate_path(path)


async def measure(count: int) -> tuple[int, int, list[str], list[str]]:
    shots = varied_shots(max(1, count // len(PASSPORTS) + 1))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "index.html").write_text(HARNESS)
        expected: list[tuple[str, tuple[str, str]]] = []
        for n in range(count):
            lines = PASSPORTS[n % len(PASSPORTS)]
            shot = shots[n // len(PASSPORTS)] if n >= len(PASSPORTS) else shots[0]
            photographed(photo_page(lines), shot, seed=n).save(root / f"{n}.jpg", quality=88)
            expected.append((f"{n}.jpg", lines))
        handler = functools.partial(_Files, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        failures = []
        wrong = []
        read = 0
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
            )
            page = await browser.new_page()
            await page.goto(f"{base}/index.html")
            for name, lines in expected:
                started = time.monotonic()
                got = await page.evaluate("(url) => window.readPassportImage(url)", name)
                took = time.monotonic() - started
                if got == list(lines):
                    read += 1
                    print(f"{name:7} read     {took:5.1f} s")
                elif got:
                    wrong.append(name)
                    print(f"{name:7} WRONG    {took:5.1f} s  {got}")
                else:
                    failures.append(name)
                    print(f"{name:7} not read {took:5.1f} s")
            await browser.close()
        server.shutdown()
    return read, count, failures, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=24)
    read, count, _, wrong = asyncio.run(measure(parser.parse_args().images))
    print(f"read correctly on the first try: {read} of {count} (target: at least 18 of 20)")
    print(f"read wrongly (accepted, but not what is printed): {len(wrong)}")


if __name__ == "__main__":
    main()
