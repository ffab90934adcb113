"""The PDF build reads nothing but the project's styles and templates and the
font packages: `kroppress.render.fetch.SafeFetcher` on its own, then through the PDF
writer with hostile URLs in a text and in a stylesheet, proving that nothing
is opened or connected to and that the PDF is still written."""
from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from kroppress.render.fetch import FetchRefused, SafeFetcher, default_roots, font_dirs
from kroppress.model import Paragraph, Text
from kroppress.paths import STYLES_DIR, TEMPLATES_DIR

HOSTILE_URLS = [
    "file:///etc/passwd",
    "http://127.0.0.1:9/x",
    "https://127.0.0.1:9/x",
    "data:text/css,body%7Bcolor:red%7D",
    "ftp://127.0.0.1:9/x",
    "file://otherhost/etc/passwd",
    f"file://{STYLES_DIR}/../pyproject.toml",
    f"file://{STYLES_DIR}/%2e%2e/pyproject.toml",
    "passwd",
    "",
]


# ------------------------------------------------------------------ audit: nothing opened, nothing connected
_WATCH: dict[str, list] = {"opened": [], "connected": [], "armed": []}


def _audit(event: str, args) -> None:
    if not _WATCH or not _WATCH["armed"]:   # None while the interpreter shuts down
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0]) if not isinstance(args[0], str) else args[0]
        if path == "/etc/passwd" or path.endswith("/secret.txt"):
            _WATCH["opened"].append(path)
    elif event == "socket.connect":
        _WATCH["connected"].append(args[1:])


sys.addaudithook(_audit)   # audit hooks cannot be removed; armed only inside `watch`


@pytest.fixture
def watch(monkeypatch):
    """Fail on any socket connection; record every open of a passwd/secret file."""
    def no_connect(self, address):
        _WATCH["connected"].append(address)
        raise AssertionError(f"the PDF build tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", no_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", no_connect)
    monkeypatch.setattr(socket, "create_connection",
                        lambda address, *a, **k: no_connect(None, address))
    _WATCH["opened"].clear()
    _WATCH["connected"].clear()
    _WATCH["armed"].append(True)
    yield _WATCH
    _WATCH["armed"].clear()


# ------------------------------------------------------------------ the policy on its own
def test_roots_are_styles_templates_and_font_packages():
    roots = default_roots()
    assert STYLES_DIR in roots and TEMPLATES_DIR in roots
    fonts = font_dirs()
    assert fonts and any((d / "files").is_dir() for d in fonts)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_urls_are_refused_with_a_warning(url, watch):
    fetcher = SafeFetcher()
    with pytest.raises(FetchRefused):
        fetcher.read(url)
    assert len(fetcher.warnings) == 1
    assert fetcher.warnings[0].startswith("PDF: refused to load")
    assert fetcher.served == []
    assert watch["opened"] == [] and watch["connected"] == []


def test_refusals_are_collected_once_each():
    warnings: list[str] = []
    fetcher = SafeFetcher(warnings=warnings)
    for _ in range(3):
        with pytest.raises(FetchRefused):
            fetcher.read("file:///etc/passwd")
    assert len(warnings) == 1 and "/etc/passwd" in warnings[0]


def test_project_styles_and_fonts_are_served():
    fetcher = SafeFetcher()
    data, mime, real = fetcher.read((STYLES_DIR / "print.css").as_uri())
    assert mime == "text/css" and b"@page" in data
    font = next(p for d in font_dirs() for p in sorted(d.rglob("*.ttf")))
    data, mime, real = fetcher.read(font.as_uri())      # "[wght]" is percent-encoded
    assert mime == "font/ttf" and data[:4] in (b"\x00\x01\x00\x00", b"true")
    assert fetcher.warnings == []


def test_symlink_leaving_the_roots_is_refused(tmp_path, watch):
    root = tmp_path / "styles"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    (root / "ok.css").write_text("p { color: black }")
    (root / "leak.css").symlink_to(secret)
    (root / "inside.css").symlink_to(root / "ok.css")
    (root / "dir").symlink_to(tmp_path)
    watch["opened"].clear()            # writing the secret above was us
    fetcher = SafeFetcher(roots=[root])
    assert fetcher.read((root / "ok.css").as_uri())[0] == b"p { color: black }"
    assert fetcher.read((root / "inside.css").as_uri())[0] == b"p { color: black }"
    for url in [(root / "leak.css").as_uri(), (root / "dir" / "secret.txt").as_uri(),
                secret.as_uri()]:
        with pytest.raises(FetchRefused):
            fetcher.read(url)
    assert len(fetcher.warnings) == 3
    assert watch["opened"] == []


def test_missing_file_inside_the_roots_is_refused_not_raised():
    fetcher = SafeFetcher()
    with pytest.raises(FetchRefused, match="no such file"):
        fetcher.read((STYLES_DIR / "no-such.css").as_uri())


def test_fetch_module_does_not_import_weasyprint():
    code = ("import sys, kroppress.render.fetch; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'weasyprint'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ through the PDF writer
HOSTILE_CSS = """@import url(http://127.0.0.1:9/import.css);
@import url(file:///etc/passwd);
body { background-image: url(file:///etc/passwd); }
p::after { content: url(http://127.0.0.1:9/x); }
h1 { background: url("https://127.0.0.1:9/y.png"); }
@font-face { font-family: Evil; src: url(file:///etc/passwd); }
@font-face { font-family: Evil2; src: url(http://127.0.0.1:9/font.ttf); }
blockquote { font-family: Evil, Evil2, serif; }
"""


def test_writer_refuses_hostile_resources_and_still_writes(tmp_path, make_book, watch):
    from kroppress.writers.pdf import write_pdf

    def add_hostile(book):
        entry = book.parts[0].entries[0]
        entry.doc.blocks.insert(0, Paragraph([
            Text('<img src="file:///etc/passwd"> <img src="http://127.0.0.1:9/x">'),
            Text('<link rel="stylesheet" href="http://127.0.0.1:9/x.css">')]))

    book = make_book(extra=add_hostile)
    warnings: list[str] = []
    out = write_pdf(book, tmp_path / "hostile.pdf", epoch=1746057600, warnings=warnings,
                    stylesheets=[HOSTILE_CSS])
    assert out.read_bytes().startswith(b"%PDF-")
    assert watch["opened"] == [], watch["opened"]
    assert watch["connected"] == [], watch["connected"]
    joined = "\n".join(warnings)
    assert "refused to load 'file:///etc/passwd'" in joined
    assert "refused to load 'http://127.0.0.1:9/x'" in joined
    assert "https://127.0.0.1:9/y.png" in joined
    assert "http://127.0.0.1:9/import.css" in joined
    assert "http://127.0.0.1:9/font.ttf" in joined
    assert not any("FetchRefused" in w for w in warnings)   # said once, by us
    # the text's "<img …>" is text: escaped by the templates, printed, never loaded
    import pdfplumber
    with pdfplumber.open(out) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert "file:///etc/passwd" in text.replace("\n", "")
