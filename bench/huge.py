"""The 1,000-page book of `make bench` (`--only huge` runs it alone).

Built from real texts: the Muse files of the shared corpus
(`../shared/corpus/anarchist-library/` beside the project), copied into the
bench's work folder and repeated under new file names until the book holds
`words` words (as `wc -w` counts the sources), with the anthology.toml that
`kroppress init` writes for them. The corpus is only read, never copied into
the repository. Without it the book is generated (`run.generate`) at that
size in the raw conventions, and the notes say so.

Timed: the EPUB, the PDF (default jobs), and the PDF rebuilt after one word
of one text changed, into the folder of the full build. Each build is a
child process in its own folder, as every case of bench/run.py.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "anarchist-library"
#: the book's size, full run and --quick
WORDS = 300_000
QUICK_WORDS = 60_000
#: the large book's PDF time may grow by this much per page (3.8x for 1,000
#: pages against its 284: 1.08x the per-page time)
PER_PAGE_SLACK = 3.8 / (1000 / 284)


def make_book(folder: Path, corpus: Path, words: int, kroppress: str, generate) -> tuple[Path, dict]:
    """Write the book into `folder`; return its config and what it holds."""
    shutil.rmtree(folder, ignore_errors=True)
    sources = sorted(corpus.glob("*.muse")) if corpus.is_dir() else []
    if not sources:
        n = 10          # run.generate has ten authors
        return generate(folder, n, words, words * 300 // 82_000), {
            "source": "generated", "generated": True, "words": words, "texts": n}
    texts = folder / "texts"
    texts.mkdir(parents=True)
    total, copies, k = 0, 0, 0
    while total < words:
        src = sources[k % len(sources)]
        round_ = k // len(sources) + 1
        name = src.name if round_ == 1 else f"{src.stem}-{round_}{src.suffix}"
        shutil.copyfile(src, texts / name)
        total += len(src.read_text(encoding="utf-8").split())
        copies, k = copies + 1, k + 1
    subprocess.run([kroppress, "init", "texts"], cwd=folder, check=True,
                   capture_output=True, text=True)
    return folder / "anthology.toml", {"source": str(corpus), "generated": False, "words": total,
                                       "texts": copies, "files": len(sources)}


def first_source(config: Path) -> Path:
    """The first text the config names (the one whose word is changed)."""
    import tomllib
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    return config.parent / next(t["source"] for p in data["parts"] for t in p["texts"])


def run(config: Path, *, runs: int, measure, build, fresh, pdf_pages, summary,
        touch_one_text) -> list[dict]:
    """The huge book's rows: EPUB, PDF, and one text changed (PDF)."""
    rows = []
    for name, fmt in (("huge epub", "epub"), ("huge pdf (default jobs)", "pdf")):
        cmd = build(config, "--format", fmt)
        samples, pages = [], None
        for _ in range(runs):
            d = fresh()
            samples.append(measure(cmd(d)))
            if fmt == "pdf" and pages is None:
                pages = pdf_pages(next(d.glob("*.pdf")))
            shutil.rmtree(d)
        kept = fresh()
        mem = measure(cmd(kept), memory=True)
        rows.append(summary(name, samples, pages, mem))
        if fmt == "epub":
            shutil.rmtree(kept)
    # `kept` holds the full PDF build: each run changes one word and rebuilds
    cmd, text, samples = build(config, "--format", "pdf"), first_source(config), []
    for _ in range(runs):
        touch_one_text(text)
        samples.append(measure(cmd(kept)))
    touch_one_text(text)
    rows.append(summary("one text changed (huge pdf)", samples, None,
                        measure(cmd(kept), memory=True)))
    shutil.rmtree(kept)
    return rows


def targets(by: dict, large_pdf: str, mib: int) -> list[tuple[str, str, bool]]:
    """(label, measured, pass) for the huge book, from the rows of one run."""
    out = []
    pdf, epub = by.get("huge pdf (default jobs)"), by.get("huge epub")
    if pdf and large_pdf in by and by[large_pdf]["pages"]:
        ref = by[large_pdf]
        limit = PER_PAGE_SLACK * pdf["pages"] / ref["pages"]
        ratio = pdf["wall_median"] / ref["wall_median"]
        out.append((f"huge PDF ({pdf['pages']} p.) <= {limit:.2f}x {large_pdf} ({ref['pages']} p.)",
                    f"{ratio:.2f}x", ratio <= limit))
        # the same in CPU seconds: two rows timed minutes apart on a shared
        # machine differ in wall time by the load between them
        ratio = pdf["cpu_median"] / max(ref["cpu_median"], 1e-9)
        out.append((f"huge PDF CPU time <= {limit:.2f}x the large PDF's", f"{ratio:.2f}x",
                    ratio <= limit))
        if epub and "large epub" in by:
            ratio = epub["wall_median"] / by["large epub"]["wall_median"]
            out.append((f"huge EPUB <= {limit:.2f}x large EPUB", f"{ratio:.2f}x", ratio <= limit))
    rows = [r for r in (pdf, epub, by.get("one text changed (huge pdf)")) if r]
    if rows:
        peak = max(r["peak_pss_mib"] for r in rows) * mib
        out.append(("peak memory (PSS) < 600 MB, huge book", f"{peak / 1e6:.0f} MB", peak < 600e6))
    changed = by.get("one text changed (huge pdf)")
    if changed and pdf:
        ratio = changed["wall_median"] / pdf["wall_median"]
        out.append(("one text changed <= 0.2x full build, huge PDF", f"{ratio:.2f}x", ratio <= 0.2))
    return out
