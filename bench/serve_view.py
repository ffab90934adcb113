"""`serve: save to view` for `make bench`: from saving a headnote to the
reading view's page holding the new words, without a browser.

The steps are the reading view's own: its page listens to the event stream
(`/_serve/events`), and on a new generation reloads itself from
`/read/<text>.xhtml`; here a client does the same two things, so the time
is the server's (watcher, rebuild, render) plus one page fetch, and leaves
out only the browser's drawing (tests/test_serve.py measures it in Chromium).
"""
from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import threading
import time
from pathlib import Path

HEADNOTE = "editorial/action-of-the-masses.md"
PAGE = "/read/action-of-the-masses.xhtml"
CASE = "serve: save to view (shipped)"


def copy_project(root: Path, folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(root / "anthology.toml", folder)
    for name in ("seeds", "editorial"):
        shutil.copytree(root / name, folder / name)
    return folder / "anthology.toml"


class Events:
    """The event stream, read in a thread: the last generation announced."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", "/_serve/events")
        self.response = self.conn.getresponse()
        self.generation, self.changed = 0, threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self.response:
                if line.startswith(b"data: "):
                    state = json.loads(line[6:])
                    with self.changed:
                        self.generation = state["generation"]
                        self.changed.notify_all()
        except (OSError, ValueError):
            pass

    def after(self, generation: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation > generation, timeout)
            return self.generation


def fetch(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    body = conn.getresponse().read().decode("utf-8", "replace")
    conn.close()
    return body


def save_to_view(kroppress: str, root: Path, work: Path, saves: int = 3) -> list[float]:
    """Seconds from each save of the headnote to the page showing it."""
    config = copy_project(root, work / "project")
    proc = subprocess.Popen([kroppress, "serve", "--config", str(config), "--port", "0",
                             "--out", str(work / "out")], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        found = re.search(r"http://[^/]+:(\d+)/", line)
        if found is None:
            raise RuntimeError(f"kroppress serve did not start: {line}{proc.stdout.read()}")
        port = int(found.group(1))
        events = Events(port)
        generation = events.after(0, 60)
        fetch(port, PAGE)                    # the view open before the save
        headnote = config.parent / HEADNOTE
        old, times = headnote.read_text(encoding="utf-8"), []
        for n in range(saves):
            word = f"Savedword{n}"
            start = time.perf_counter()
            headnote.write_text(f"{word} {old}", encoding="utf-8")
            while True:
                generation = events.after(generation, 30)
                if word in fetch(port, PAGE):
                    break
                if time.perf_counter() - start > 30:
                    raise RuntimeError(f"serve: {word} not in {PAGE} after 30 s")
            times.append(time.perf_counter() - start)
            time.sleep(1)                    # saves a person makes, not one burst
        return times
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def row(times: list[float]) -> dict:
    """A row of bench/run.py's table (no memory sampled: the server idles)."""
    return {"case": CASE, "wall_median": statistics.median(times),
            "walls": [round(t, 3) for t in times], "cpu_median": 0.0, "memory_run_wall": 0.0,
            "peak_rss_mib": 0.0, "peak_pss_mib": 0.0, "pages": None, "warnings": []}
