"""Screenshots of `kroppress serve`'s three views for the README (docs/*.png).

    .venv/bin/python scripts/serve-screenshots.py [URL]

With no URL, serves the shipped anthology on a free port (the PDF goes to a
temporary folder) and waits for the print view's pages. Needs PyPI
playwright and Debian chromium (make test installs both)."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTH = 1000


def save(png: bytes, name: str) -> None:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    if img.width > WIDTH:
        img = img.resize((WIDTH, round(img.height * WIDTH / img.width)), Image.LANCZOS)
    # octree keeps the small colour swatches their colour (median cut merges them)
    img = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = ROOT / "docs" / name
    img.save(out, optimize=True)
    print(out, out.stat().st_size // 1024, "KiB")


def shoot(url: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900}, device_scale_factor=1)
        page.goto(url + "read/action-of-the-masses.xhtml")
        page.wait_for_selector("#kp-live:has-text('live')")
        save(page.screenshot(), "serve-reading.png")
        page.goto(url + "review/action-of-the-masses")
        page.wait_for_selector("#kp-live:has-text('live')")
        page.click('.entry[data-entry="9"]')
        time.sleep(0.3)
        save(page.screenshot(), "serve-review.png")
        page.goto(url + "print/")
        # the page reloads itself when the PDF has been laid out
        page.wait_for_selector(".kp-sheet img", timeout=300000)
        page.wait_for_selector("#kp-live:text-matches('^live')")
        page.evaluate("document.getElementById('page-14').scrollIntoView({block: 'end'})")
        page.wait_for_timeout(800)
        save(page.screenshot(), "serve-print.png")
        browser.close()


def main() -> None:
    if len(sys.argv) > 1:
        shoot(sys.argv[1].rstrip("/") + "/")
        return
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.Popen([sys.executable, "-u", "-m", "kroppress", "serve", "--port", "0",
                                 "--out", out], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                stderr=open(Path(out) / "serve.log", "w"))
        try:
            line = proc.stdout.readline()
            url = re.search(r"http://\S+/", line).group(0)
            shoot(url)
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
