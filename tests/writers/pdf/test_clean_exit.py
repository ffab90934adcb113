"""A run that lays out a PDF ends clean: no "Exception ignored in:
FontConfiguration.__del__" traceback at interpreter exit, and no temp folder
of @font-face files left behind, by the main process or by a pool worker."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys
from pathlib import Path
from kroppress.build.run import run_build
run_build(Path(sys.argv[1]), "pdf", out_dir=Path(sys.argv[2]), jobs=int(sys.argv[3]))
"""


def _run(tmp_path: Path, jobs: int) -> tuple[str, list[Path]]:
    temp = tmp_path / f"tmp{jobs}"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), SOURCE_DATE_EPOCH="1746057600")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT / "anthology.toml"),
                           str(tmp_path / f"dist{jobs}"), str(jobs)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr, sorted(temp.iterdir())


def test_one_process_exits_without_a_traceback_or_a_font_folder(tmp_path):
    stderr, left = _run(tmp_path, 1)
    assert "Exception ignored" not in stderr and "Traceback" not in stderr, stderr[-2000:]
    assert left == []


def test_pool_workers_remove_their_font_folders(tmp_path):
    stderr, left = _run(tmp_path, 2)
    assert "Exception ignored" not in stderr and "Traceback" not in stderr, stderr[-2000:]
    assert left == []


def test_the_check_can_see_a_font_folder_left_behind(tmp_path):
    """The false positive's guard: WeasyPrint does make such folders (it writes
    the book's @font-face files there), so an empty TMPDIR means they were removed."""
    import tempfile
    code = ("import tempfile, weasyprint\n"
            "from kroppress.writers.pdf import weasy\n"
            "from kroppress.paths import STYLES_DIR\n"
            "fonts = weasy.font_config()\n"
            "css = weasyprint.CSS(string='@font-face { font-family: T; src: url(file://%s) }',"
            " font_config=fonts)\n"
            "print(fonts._folder)\n"
            "import os; os._exit(0)\n")
    font = next(Path(sys.prefix).rglob("*.ttf"), None) or next(Path(sys.prefix).rglob("*.otf"))
    temp = tmp_path / "t"
    temp.mkdir()
    done = subprocess.run([sys.executable, "-c", code % font], capture_output=True, text=True,
                          env=dict(os.environ, TMPDIR=str(temp)), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert list(temp.iterdir()), "WeasyPrint made no font folder: the tests above test nothing"
