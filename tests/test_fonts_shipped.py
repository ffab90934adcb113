"""The PDF's fonts come from the project's own font packages, never from the
machine: scripts the text face lacks fall back to a shipped face, a
character no shipped face has is reported at its line, and hiding the
system's fonts changes no byte."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from test_check import CONFIG as CHECK_CONFIG

ROOT = Path(__file__).resolve().parent.parent

# the one-text config of the check tests, with this text as its text
CONFIG = CHECK_CONFIG.format(corrections="")

TEXT = """# Greetings in Many Scripts

Ann Author

The word for welcome is written स्वागत in Hindi and ยินดีต้อนรับ in Thai, and مرحبا in Arabic.

In Chinese it is 欢迎, which no face of ours has.

The last line is plain.
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "anthology.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path / "anthology.toml"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A HOME of the tests' own, empty at first: no font, font configuration
    or cache of the user's is seen. Shared by this module's builds, so the
    font cache kroppress makes there (static instances, fontconfig's cache of
    the shipped faces) is made once, not once per build."""
    return tmp_path_factory.mktemp("home")


def _build(cfg: Path, out: Path, home: Path, *wrap: str) -> subprocess.CompletedProcess:
    return subprocess.run([*wrap, sys.executable, "-m", "kroppress", "build", "--config", str(cfg),
                           "--format", "pdf", "--out", str(out)], capture_output=True, text=True,
                          env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin",
                               "HOME": str(home)})


def _fonts(pdf: Path) -> set[str]:
    names = set()
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for font in page.Resources.get("/Font", {}).values():
                names.add(str(font.get("/BaseFont")).split("+")[-1])
    return names


def test_other_scripts_fall_back_to_shipped_faces_and_a_missing_one_is_reported(tmp_path, home):
    cfg = _project(tmp_path)
    r = _build(cfg, tmp_path / "dist", home)
    assert r.returncode == 0, r.stderr
    fonts = _fonts(tmp_path / "dist" / "a-test-book.pdf")
    assert fonts and all(f.startswith(("EB-Garamond", "EBGaramond", "Noto")) for f in fonts), fonts
    assert any("Devanagari" in f for f in fonts) and any("Thai" in f for f in fonts), fonts
    assert not any("DejaVu" in f or "Liberation" in f for f in fonts)
    warned = [line for line in r.stderr.splitlines() if "in no font kroppress ships" in line]
    assert len(warned) == 1 and "texts/one.txt:7:" in warned[0] and "CJK" in warned[0], r.stderr


def test_a_text_every_face_covers_is_not_reported(tmp_path, home):
    cfg = _project(tmp_path)
    (tmp_path / "texts" / "one.txt").write_text("# Plain\n\nAnn Author\n\nA plain text, with “quotes” — and dashes.\n")
    r = _build(cfg, tmp_path / "dist", home)
    assert r.returncode == 0 and "in no font" not in r.stderr


def test_hiding_the_systems_fonts_changes_no_byte(tmp_path, home):
    cfg = _project(tmp_path)
    first = _build(cfg, tmp_path / "a", home)
    assert first.returncode == 0, first.stderr
    # the same build with /usr/share/fonts replaced by an empty folder (a
    # private mount namespace: nothing outside this process sees it)
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip("hiding the system fonts needs `unshare -m` (util-linux, as root); CI runs as root")
    script = "mount -t tmpfs tmpfs /usr/share/fonts && test -z \"$(ls /usr/share/fonts)\" && exec \"$@\""
    second = _build(cfg, tmp_path / "b", home, "unshare", "-m", "sh", "-c", script, "sh")
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "a" / "a-test-book.pdf").read_bytes() == (tmp_path / "b" / "a-test-book.pdf").read_bytes()
