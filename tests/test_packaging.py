"""A wheel (`pip install kroppress`, not the editable install of a checkout)
carries the shared templates and styles and finds them."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_and_uses_templates_and_styles(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "wheel"), str(ROOT)], check=True,
                   capture_output=True)
    wheel = next((tmp_path / "wheel").glob("kroppress-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("templates", "styles"):
        for path in (ROOT / folder).iterdir():
            assert f"kroppress/_data/{folder}/{path.name}" in names
    for folder in ("templates", "static"):        # kroppress serve's own pages
        for path in (ROOT / "src" / "kroppress" / "serve" / folder).iterdir():
            assert f"kroppress/serve/{folder}/{path.name}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = ("import kroppress, kroppress.paths as r, kroppress.render.fetch as f; "
             "print(kroppress.__file__); print(r.TEMPLATES_DIR); print(r.STYLES_DIR); "
             "print(f.default_roots()[:2] == [r.STYLES_DIR, r.TEMPLATES_DIR])")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(site)}).stdout.split("\n")
    assert out[0].startswith(str(site))          # the wheel's copy, not the checkout
    assert out[1] == str(site / "kroppress" / "_data" / "templates")
    assert out[2] == str(site / "kroppress" / "_data" / "styles")
    assert out[3] == "True"                      # the URL fetcher allows those folders

    # and builds a book with them
    run = subprocess.run([sys.executable, "-m", "kroppress", "build", "--config",
                          str(ROOT / "anthology.toml"), "--format", "epub", "--out",
                          str(tmp_path / "out")], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(site)})
    assert run.returncode == 0, run.stderr
    assert len(list((tmp_path / "out").glob("*.epub"))) == 1
