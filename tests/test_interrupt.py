"""Ctrl-C at any moment of a real build: one "interrupted" line, exit 130
within a couple of seconds, no worker left running, no temp file left, and
the books already in the output folder untouched."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _running(pgid: int) -> list[str]:
    out = subprocess.run(["ps", "-o", "stat=,cmd=", "-g", str(pgid)], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.strip() and not line.strip().startswith("Z")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("interrupt") / "dist"
    subprocess.run([sys.executable, "-m", "kroppress", "build", "--config", str(ROOT / "anthology.toml"),
                    "--out", str(out)], check=True, capture_output=True)
    return out, {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".epub", ".pdf")}


# during kroppress's imports, reading, the EPUB, the PDF's layout in the
# workers, the join (a SIGINT before Python has started its own site import is
# Python's to report, not kroppress's)
@pytest.mark.parametrize("after", [0.3, 0.6, 1.2, 2.5, 4.0])
def test_ctrl_c_at_any_moment(built, after):
    out, before = built
    proc = subprocess.Popen([sys.executable, "-m", "kroppress", "build", "--config", str(ROOT / "anthology.toml"),
                             "--format", "all", "--force", "--jobs", "2", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)
    sent = time.monotonic()
    _, err = proc.communicate(timeout=20)
    took = time.monotonic() - sent
    time.sleep(0.3)
    if proc.returncode == 0:
        pytest.skip(f"the build finished before {after} s: nothing to interrupt")   # a fast machine
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["interrupted"], err
    assert took < 3, f"took {took:.1f} s to stop"
    assert _running(proc.pid) == []
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.endswith(".tmp") or ".tmp." in n or ".pikepdf" in n], names
    assert {n: (out / n).read_bytes() for n in before} == before


# Python only prints an exception raised in a finalizer or an at-fork hook
# (logging's runs at every fork of a layout worker) and goes on: a Ctrl-C
# landing there was lost, and the build ran to the end with exit 0.
def test_a_swallowed_ctrl_c_still_stops_the_build_before_anything_is_renamed(tmp_path, monkeypatch):
    from kroppress.build import interrupt
    from kroppress.build.run import run_build
    out = tmp_path / "dist"
    monkeypatch.setattr(interrupt, "_pending", True)
    with pytest.raises(interrupt.Interrupted):
        run_build(ROOT / "anthology.toml", formats="epub", out_dir=out)
    assert not out.exists() or list(out.iterdir()) == []
    monkeypatch.setattr(interrupt, "_pending", False)          # the control
    assert [p.name for p in run_build(ROOT / "anthology.toml", formats="epub", out_dir=out)] \
        == ["where-the-masses-are.epub"]


def test_a_ctrl_c_raised_inside_a_finalizer_is_noted_not_printed(capfd):
    script = ("import os, signal, sys\n"
              "from kroppress import entry\nfrom kroppress.build import interrupt\n"
              "signal.signal(signal.SIGINT, entry._on_sigint)\n"
              "sys.unraisablehook = entry._unraisable(sys.unraisablehook)\n"
              "class F:\n"
              "    def __del__(self):\n"
              "        os.kill(os.getpid(), signal.SIGINT)\n"
              "        [0] * 1000\n"
              "F()\n"
              "print('pending' if interrupt.pending() else 'lost')\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.stdout.strip() == "pending", proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
