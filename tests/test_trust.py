"""Files you can trust: reproducible bytes, no network, and no partial file in
dist/ even when a build is killed."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kroppress.build import run_build
from kroppress.cache import CACHE_DIR, MANIFEST

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("anthology.toml", "seeds", "editorial")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return dest / "anthology.toml"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The shipped book built twice, from copies at different paths and with
    different working directories, with the same SOURCE_DATE_EPOCH."""
    base = tmp_path_factory.mktemp("repro")
    results = []
    old_cwd = os.getcwd()
    old_env = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        for sub in ("a", "b/deeper/still"):
            cfg = copy_project(base / sub)
            os.chdir(cfg.parent)
            results.append(run_build(cfg, formats="all", out_dir=cfg.parent / "dist"))
    finally:
        os.chdir(old_cwd)
        if old_env is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_env
    return results


def test_same_inputs_same_bytes_on_another_path(two_builds):
    first, second = two_builds
    assert sorted(p.suffix for p in first) == [".epub", ".pdf"]
    for a, b in zip(first, second):
        assert a.name == b.name
        assert sha(a) == sha(b), f"{a.name} differs between builds"


def test_no_absolute_build_path_leaks_into_outputs(two_builds):
    for path in two_builds[1]:
        data = path.read_bytes()
        assert b"deeper/still" not in data


def test_build_opens_no_network_connection(tmp_path, monkeypatch):
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network disabled by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: refuse(None, a))
    cfg = copy_project(tmp_path / "p")
    paths = run_build(cfg, formats="all", out_dir=tmp_path / "dist")
    assert all(p.stat().st_size > 10_000 for p in paths)
    assert attempts == []


def test_sigkill_never_leaves_a_partial_file(tmp_path):
    """Kill builds at random moments: each output in dist/ is always either
    the previous complete file or the new complete one."""
    cfg = copy_project(tmp_path / "p")
    dist = tmp_path / "p" / "dist"
    exe = [sys.executable, "-m", "kroppress.cli", "build", "--config", str(cfg), "--out", str(dist)]

    def build(epoch: str) -> dict[str, str]:
        env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
        subprocess.run(exe, check=True, env=env, capture_output=True, cwd=cfg.parent)
        return {p.name: sha(p) for p in dist.iterdir() if not p.name.startswith(".")}

    start = time.perf_counter()
    new = build("1800000000")
    duration = time.perf_counter() - start
    old = build("1700000000")
    assert set(old) == set(new) and all(old[k] != new[k] for k in old)

    rng = random.Random(20261123)
    runs = 24
    for i in range(runs):
        env = dict(os.environ, SOURCE_DATE_EPOCH="1800000000" if i % 2 == 0 else "1700000000")
        proc = subprocess.Popen(exe, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=cfg.parent)
        time.sleep(rng.uniform(0.05, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for p in dist.iterdir():
            if p.name in (MANIFEST, CACHE_DIR):   # build state, written atomically
                continue
            if p.name.startswith("."):     # a temp file the killed build was writing
                assert p.name.endswith(".tmp")
                continue
            assert sha(p) in (old[p.name], new[p.name]), f"run {i}: {p.name} is partial"
        assert set(old) <= {p.name for p in dist.iterdir()}
    # no worker of a killed build is left behind (they watch their parent)
    deadline = time.monotonic() + 5
    while _processes_with(str(cfg)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_with(str(cfg))
    # the next complete build clears the killed builds' temp files
    build("1700000000")
    assert not [p for p in dist.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


def _processes_with(text: str) -> list[int]:
    """Pids whose command line contains `text` (Linux /proc; [] elsewhere)."""
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                pids.append(int(entry.name))
        except OSError:
            pass
    return pids
