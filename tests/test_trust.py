"""Files you can trust: reproducible bytes, no network, and no partial file in
dist/ even when a build is killed."""
from __future__ import annotations

import hashlib
import io
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
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


def expanded(path: Path) -> list[tuple[str, bytes]]:
    """Every byte an output holds, decompressed, as (where, bytes): each EPUB
    zip member (and the member names); each PDF object with its stream
    decoded and object streams taken apart (pikepdf, as `qpdf --qdf
    --object-streams=disable` would), plus every PDF string as text (a
    UTF-16 string would hide an ASCII path from a byte search)."""
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as z:
            return [("zip names", "\n".join(z.namelist()).encode())] + \
                   [(name, z.read(name)) for name in z.namelist()]
    import pikepdf
    out: list[tuple[str, bytes]] = []
    with pikepdf.open(path) as pdf:
        buffer = io.BytesIO()
        pdf.save(buffer, qdf=True, compress_streams=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
        out.append(("qdf", buffer.getvalue()))
        strings: list[str] = []

        def walk(obj, seen):
            if isinstance(obj, pikepdf.String):
                strings.append(str(obj))
            elif isinstance(obj, (pikepdf.Array, pikepdf.Dictionary, pikepdf.Stream)):
                if obj.is_indirect:
                    if obj.objgen in seen:
                        return
                    seen.add(obj.objgen)
                for value in (obj if isinstance(obj, pikepdf.Array) else obj.values()):
                    walk(value, seen)
        seen: set = set()
        for obj in pdf.objects:
            walk(obj, seen)
        out.append(("strings", "\n".join(strings).encode("utf-8")))
    return out


def leaks(path: Path, needles: list[str]) -> list[str]:
    return [f"{path.name}: {where} holds {needle!r}" for where, data in expanded(path)
            for needle in needles if needle.encode() in data]


def test_no_absolute_build_path_leaks_into_outputs(two_builds):
    second = two_builds[1]
    folder = str(second[0].parent.parent)          # .../b/deeper/still
    assert folder.endswith("deeper/still")
    for path in second:
        assert not leaks(path, [folder, "deeper/still", str(ROOT)])


def test_the_leak_check_finds_a_planted_path_in_compressed_data(two_builds, tmp_path):
    """A path deflated in an EPUB member, or in a PDF's compressed object
    stream, is not in the raw bytes: only the expanded search finds it."""
    planted = "/home/someone/deeper/still/texts/one.txt"
    epub, pdf = sorted(two_builds[1], key=lambda p: p.suffix)
    bad_epub = tmp_path / epub.name
    with zipfile.ZipFile(epub) as src, zipfile.ZipFile(bad_epub, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "EPUB/toc.xhtml":
                assert info.compress_type == zipfile.ZIP_DEFLATED
                data = data.replace(b"</body>", f"<p>{planted}</p></body>".encode())
            dst.writestr(info, data)
    assert planted.encode() not in bad_epub.read_bytes()
    assert leaks(bad_epub, [planted])

    import pikepdf
    bad_pdf = tmp_path / pdf.name
    with pikepdf.open(pdf) as doc:
        doc.docinfo["/Keywords"] = pikepdf.String(planted)      # in an object stream
        doc.save(bad_pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert planted.encode() not in bad_pdf.read_bytes()
    assert leaks(bad_pdf, [planted])
    with pikepdf.open(pdf) as doc:
        doc.docinfo["/Keywords"] = pikepdf.String("\u0416 " + planted)     # UTF-16 when written
        doc.save(bad_pdf, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    assert planted.encode() not in bad_pdf.read_bytes()
    assert leaks(bad_pdf, [planted])


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
