"""Where the large PDF's wall time goes: one build run with
KROPPRESS_PHASES (see `kroppress.phases`), summarised per phase.

The serial phases are the parent's (start-up: from the launch to the
config being read, the interpreter, imports and the command line
included); the layout is summed per kind of chunk over the workers (their
CPU is busy for the sum of layout and drawing, a chunk's wait for the page counts of
those before it taken out), and each worker's idle time inside the layout
is what the schedule leaves unused."""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SERIAL = ("config", "import writers", "start workers", "read and assemble", "print tree",
          "pad", "join", "labels and press", "count pages", "save report")


def run(cmd: list[str], cwd: Path) -> dict:
    """Run `cmd` (a build) once with the phases recorded; their breakdown."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "phases.jsonl"
        env = {**os.environ, "KROPPRESS_PHASES": str(log)}
        launch = time.monotonic()
        subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        end = time.monotonic()
        rows = [json.loads(line) for line in log.read_text().splitlines()]
    return breakdown(rows, launch, end)


def breakdown(rows: list[dict], launch: float, end: float) -> dict:
    parent = next(r["pid"] for r in rows if r["phase"] == "entry")
    kinds = {r["index"]: r["kind"] for r in rows if r["phase"] == "chunk"}
    first = {}
    for r in rows:
        first.setdefault(r["phase"], r)
    out: dict[str, float] = {"start-up (launch to config)": first["config"]["start"] - launch}
    for name in SERIAL:
        spent = sum(r["end"] - r["start"] for r in rows if r["phase"] == name and r["pid"] == parent)
        if name in first:
            out[name] = spent
    for r in rows:      # the other outputs of the same build (an EPUB, a kepub...)
        if r["phase"].startswith("write ") and r["phase"] != "write pdf" and r["pid"] == parent:
            out[r["phase"]] = out.get(r["phase"], 0.0) + r["end"] - r["start"]
    layout = [r for r in rows if r["phase"] == "chunks laid out"] or \
        [r for r in rows if r["phase"] == "lay out single"]
    if layout:
        out["layout, wall"] = sum(r["end"] - r["start"] for r in layout)
    busy: dict[str, float] = defaultdict(float)
    per_worker: dict[int, float] = defaultdict(float)
    for r in rows:
        took = r["end"] - r["start"]
        words = r["phase"].split()
        if r["phase"] in ("lay out single", "draw single", "warm"):
            busy[r["phase"]] += took
            per_worker[r["pid"]] += took if r["phase"] != "warm" else 0.0
        elif words[:3] == ["lay", "out", "chunk"] or words[:2] == ["draw", "chunk"]:
            kind = kinds.get(int(words[-1]), "?")
            busy[f"{kind}: {'drawing' if words[0] == 'draw' else 'layout'}"] += took
            per_worker[r["pid"]] += took
        elif words[:2] == ["wait", "chunk"]:
            # inside the chunk's layout: its wait is not work
            busy["waiting for the folios before"] += took
            busy[f"{kinds.get(int(words[-1]), '?')}: layout"] -= took
            per_worker[r["pid"]] -= took
    out.update(sorted(busy.items()))
    if layout and per_worker:
        wall = out["layout, wall"]
        out["workers' idle in the layout"] = sum(max(0.0, wall - b) for b in per_worker.values())
    out["total wall"] = end - launch
    return {k: round(v, 3) for k, v in out.items()}


def table(title: str, data: dict[str, dict]):
    from rich.table import Table
    t = Table(title=title)
    t.add_column("phase")
    for name in data:
        t.add_column(name, justify="right")
    keys = list(dict.fromkeys(k for d in data.values() for k in d))
    for k in keys:
        t.add_row(k, *(f"{d[k]:.2f}" if k in d else "" for d in data.values()))
    return t
