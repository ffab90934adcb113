"""Files you can trust: reproducible bytes, no network, and no partial file in
dist/ even when a build is killed."""
from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kroppress.build.atomic import PHASES, STOP_ENV
from kroppress.build.run import run_build
from kroppress.build.cache import CACHE_DIR, MANIFEST

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
            if info.filename == "EPUB/kp-toc.xhtml":
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


BOOKS = ("where-the-masses-are.epub", "where-the-masses-are.pdf")
#: where the kill test stops a build: (phase of atomic.write_atomic, the path
#: written), in pairs (a complete build follows each pair). Both books, the
#: build manifest, and a chunk of the PDF cache (written while the PDF's
#: worker processes are laying out the others).
KILL_POINTS = [(phase, f"*/dist/{book}") for phase in PHASES for book in BOOKS] + [
    ("half-written", f"*/dist/{CACHE_DIR}/chunks/*.pdf"),     # first: the cache misses
    ("before-rename", f"*/dist/{MANIFEST}"),
]


def _stop_then_kill(cmd: list[str], env: dict, cwd: Path, log: Path) -> None:
    """Run `cmd` until it stops itself (KROPPRESS_TEST_STOP_AT), then SIGKILL it.

    In a session of its own: while a process of pytest's process group is
    stopped, the group losing its last parent outside it (the shell or CI
    runner that started pytest ending) makes the kernel send the whole group
    SIGHUP and SIGCONT (POSIX's orphaned process group), which ends pytest and
    every xdist worker at once; and a Ctrl-C at the terminal is not its."""
    with open(log, "wb") as err:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
    deadline = time.monotonic() + 300          # a guard against a hang, not a measure
    while True:
        pid, status = os.waitpid(proc.pid, os.WUNTRACED | os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"{env[STOP_ENV]}: the build neither stopped nor ended")
        time.sleep(0.05)
    if not os.WIFSTOPPED(status):
        proc.returncode = os.waitstatus_to_exitcode(status)
        pytest.fail(f"{env[STOP_ENV]}: the build ended ({proc.returncode}) without reaching "
                    f"that point:\n{log.read_text(errors='replace')}")
    proc.send_signal(signal.SIGKILL)
    proc.wait()


GROUP_THEN_STOP = """
import os, signal, sys
open(sys.argv[1], "w").write(f"{os.getpgrp()} {os.getsid(0)} {os.getpid()}")
if sys.argv[2] == "stop":
    os.kill(os.getpid(), signal.SIGSTOP)
"""


def test_the_stopped_build_is_never_in_pytests_process_group(tmp_path):
    """What _stop_then_kill stops is outside pytest's process group (its own
    session), so the group never holds a stopped process; the control: a
    child started plainly is in pytest's group, where the probe sees it."""
    env = dict(os.environ, **{STOP_ENV: "probe"})
    _stop_then_kill([sys.executable, "-c", GROUP_THEN_STOP, str(tmp_path / "stopped"), "stop"],
                    env, tmp_path, tmp_path / "stopped.log")
    group, session, pid = map(int, (tmp_path / "stopped").read_text().split())
    assert group != os.getpgrp() and session == pid == group
    subprocess.run([sys.executable, "-c", GROUP_THEN_STOP, str(tmp_path / "plain"), "run"],
                   check=True)
    group, session, pid = map(int, (tmp_path / "plain").read_text().split())
    assert group == os.getpgrp() and session == os.getsid(0) != pid


def _temps(folder: Path) -> list[str]:
    """Files and folders a build leaves only while it runs (hidden temp names)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".*")
                  if p.name not in (MANIFEST, CACHE_DIR))


def test_sigkill_at_each_phase_of_a_write_leaves_a_complete_file(tmp_path):
    """Stop the build at each phase of writing each output (temp file opened,
    half written, fsynced, before and after the rename), SIGKILL it there:
    the output folder holds the previous complete file or the new one and
    nothing else under a final name, no process of the build is left, and
    the next build succeeds and removes what the kill left."""
    cfg = copy_project(tmp_path / "p")
    dist = tmp_path / "p" / "dist"
    exe = [sys.executable, "-m", "kroppress.cli", "build", "--config", str(cfg), "--out", str(dist)]
    epochs = ("1700000000", "1800000000")
    systmp = tmp_path / "tmp"                 # the builds' TMPDIR: nothing of ours may stay
    systmp.mkdir()

    def build(epoch: str, out: Path = dist) -> dict[str, str]:
        env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, TMPDIR=str(systmp))
        env.pop(STOP_ENV, None)
        subprocess.run([*exe[:-1], str(out)], check=True, env=env, capture_output=True,
                       cwd=cfg.parent)
        assert not _temps(out), f"a complete build left {_temps(out)}"
        return {p.name: sha(p) for p in out.iterdir() if not p.name.startswith(".")}

    made = {epochs[1]: build(epochs[1], tmp_path / "other"), epochs[0]: build(epochs[0])}
    assert sorted(made[epochs[0]]) == list(BOOKS)
    assert all(made[epochs[0]][k] != made[epochs[1]][k] for k in made[epochs[0]])
    held = epochs[0]                       # the epoch of the last complete build
    for n, (phase, target) in enumerate(KILL_POINTS):
        point = f"{phase}:{target}"
        epoch = epochs[1] if held == epochs[0] else epochs[0]
        before = {name: sha(dist / name) for name in BOOKS}
        env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, TMPDIR=str(systmp), **{STOP_ENV: point})
        _stop_then_kill(exe, env, cfg.parent, tmp_path / f"kill-{n}.log")
        old, new = made[held], made[epoch]
        finals = {p.name for p in dist.iterdir() if not p.name.startswith(".")}
        assert finals == set(BOOKS), f"{point}: {sorted(finals)} under final names"
        for name in finals:
            got = sha(dist / name)
            assert got in (old[name], new[name]), f"{point}: {name} is partial"
            if fnmatch.fnmatch(str(dist / name), target):
                assert got == (new[name] if phase == "after-rename" else before[name]), \
                    f"{point}: {name} is not the file it should be at that point"
        if phase != "after-rename":
            assert _temps(dist), f"{point}: the kill left no temp file (did it stop there?)"
        left = _processes_with(str(cfg))
        deadline = time.monotonic() + 10      # a guard: the kernel ends them at once
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = _processes_with(str(cfg))
        for pid in left:                      # none should be; end them before failing
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        assert not left, f"{point}: processes of the killed build outlived it: {left}"
        if n % 2:
            # the next build succeeds and removes what the kills left (build() checks)
            assert build(epoch) == new
            held = epoch
    assert not list(systmp.glob("kroppress-*")), "a killed build left its work outside dist/"


WORKER_HOLDS_THE_GIL = """
import concurrent.futures as cf, multiprocessing as mp, os, signal, sys, time
from pathlib import Path
from kroppress.writers.pdf.chunks import workers

def hog(flag):
    Path(flag).touch()
    return sum(range(10 ** 13))      # one C call: no other thread of the worker runs

pool = cf.ProcessPoolExecutor(1, mp_context=mp.get_context("fork"),
                              initializer=workers._init_worker, initargs=(None, None))
print(pool.submit(os.getpid).result(), flush=True)
pool.submit(hog, sys.argv[1])
while not Path(sys.argv[1]).exists():
    time.sleep(0.01)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_layout_worker_dies_with_its_parent_even_while_it_holds_the_gil(tmp_path):
    """A worker busy in one long C call (its parent-watching thread cannot
    run) still ends when its parent is SIGKILLed."""
    out = tmp_path / "worker.pid"         # a file: a surviving worker holds a pipe open
    with open(out, "w") as fh:
        proc = subprocess.run([sys.executable, "-c", WORKER_HOLDS_THE_GIL, str(tmp_path / "busy")],
                              stdout=fh, stderr=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    worker = int(out.read_text().split()[0])
    try:
        deadline = time.monotonic() + 10      # a guard: the kernel ends it at once
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker), "the worker outlived its killed parent"
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)


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
