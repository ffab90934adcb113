"""`make bench`: how fast kroppress builds, and how much memory it takes.

Each case runs as a child process (the installed `kroppress` console script,
so interpreter start-up counts) in a fresh, empty output folder. Reported:
the median wall time over --runs, and, from one more run, the peak memory
of the child's whole process tree, sampled every 20 ms. The timed runs are
not sampled: reading /proc/PID/smaps_rollup every 20 ms takes a share of a
core, which slowed a 2-process build on 2 cores by some 15 % and the
1-process floor not at all. Memory is PSS (each page shared by forked PDF
workers counted once, split between them: the memory the build takes) and
RSS (each process's resident pages summed, shared ones once per process:
errs high for parallel builds). The memory target is judged on PSS.

Anchors: pandoc on the same raw texts (EPUB) and the `weasyprint` CLI laying
out the very HTML document kroppress hands WeasyPrint, in one process (PDF).
The large book is generated here, in the raw conventions the reader repairs
(page-foot notes cutting paragraphs, page splits, ordinals, colophons).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).parent))
import phases as bench_phases  # noqa: E402  (bench/phases.py)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent          # the venv's bin, not resolved: keep its scripts
KROPPRESS = str(BIN / "kroppress")
WEASYPRINT = str(BIN / "weasyprint")
PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024
console = Console(highlight=False, width=max(100, shutil.get_terminal_size().columns))


# ------------------------------------------------------------------ measuring
def _children(pid: int) -> list[int]:
    """Child pids from /proc/PID/task/*/children: far cheaper than a /proc scan."""
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        kids += [int(k) for k in task.read_text().split()]
    return kids


def _parents() -> dict[int, list[int]]:
    """The fallback: every process's parent, from /proc/*/stat."""
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])   # the name may hold spaces
            kids.setdefault(ppid, []).append(int(d))
    return kids


HAS_CHILDREN_FILE = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists()


def _tree(root: int) -> list[int]:
    table = None if HAS_CHILDREN_FILE else _parents()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            todo += _children(pid) if table is None else table.get(pid, [])
        except OSError:   # it has just exited
            pass
    return out


def _tree_rss(root: int) -> int:
    total = 0
    for pid in _tree(root):
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError):
            pass
    return total


def _tree_pss(root: int) -> int:
    """Proportional set size of the tree (smaps_rollup, Linux 4.14+)."""
    total = 0
    for pid in _tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except (OSError, IndexError, ValueError):
            pass
    return total


def measure(cmd: list[str], cwd: Path = ROOT, memory: bool = False) -> dict:
    """Run `cmd`; return wall seconds, stderr text and, with `memory`, peak
    tree RSS and PSS in bytes (else 0: the sampler would skew the time)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak, pss, done = [0], [0], threading.Event()

        def sample():
            while not done.wait(0.02):
                peak[0] = max(peak[0], _tree_rss(proc.pid))
                pss[0] = max(pss[0], _tree_pss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if memory:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        if memory:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{stderr}")
    return {"wall": wall, "rss": max(peak[0], usage.ru_maxrss * 1024) if memory else 0,
            "pss": pss[0], "stderr": stderr}


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(path).pages)


# ------------------------------------------------------------------ the large book
# Ordinary words only: nothing a colophon, web-boilerplate, biography or
# letter rule could mistake for its own (no "support", "from", "copyright", …).
NOUNS = ("bread land river village worker field harvest market council forest road meeting week "
         "morning evening letter mill school house cart garden question answer custom hill valley "
         "bridge well town street family child mother father friend neighbour table window door "
         "kitchen winter summer spring autumn train station factory shop wage price rent tool "
         "machine book paper newspaper idea reason number people work hand voice head heart "
         "country city harbour ship sea weather rain snow wind stone wall roof fire light year "
         "day night hour story song game teacher doctor farmer baker miner sailor weaver").split()
VERBS = ("built carried found kept gave made saw heard knew thought brought held left met paid "
         "read wrote spoke walked opened closed shared gathered planted mended answered asked "
         "called waited watched followed crossed reached turned visited counted changed").split()
ADJS = ("old new small large long short early late quiet busy cold warm dry wet green grey "
        "common simple careful patient useful plain honest open narrow wide heavy light "
        "young tired hungry ready strong steady").split()
SMALL = ("the the the this that every each some our their its".split())
LINKS = ("and but so because while when after before until although as".split())
PREPS = ("in on at by with for over under near across along behind through into".split())
AUTHORS = ["Anna Volkova", "Jean Grave", "Emma Roth", "Luigi Fabbri", "Mary Hale",
           "Tomas Berg", "Clara Weiss", "Ivan Petrov", "Rosa Lind", "Paul Marsh"]
TERMINAL = ".!?:;"


def ordinal(n: int) -> str:
    suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}<sup>{suf}</sup>"


class Prose:
    def __init__(self, rng: random.Random):
        self.r = rng

    def phrase(self) -> list[str]:
        r = self.r
        words = [r.choice(SMALL), *([r.choice(ADJS)] if r.random() < 0.4 else []), r.choice(NOUNS),
                 r.choice(VERBS), r.choice(SMALL), r.choice(NOUNS)]
        if r.random() < 0.5:
            words += [r.choice(PREPS), r.choice(SMALL), r.choice(NOUNS)]
        return words

    def sentence(self) -> list[str]:
        r = self.r
        words = self.phrase()
        for _ in range(r.choice([0, 0, 1, 1, 2, 3])):
            words[-1] += "," if r.random() < 0.7 else " –"
            words += [r.choice(LINKS), *self.phrase()]
        if r.random() < 0.08:   # a date with an ordinal: "on the 3<sup>rd</sup> of May"
            words += ["on", "the", ordinal(r.randint(1, 31)), "of", "that", "month"]
        if r.random() < 0.05:   # straight quotes, smartened by the typography transform
            k = r.randrange(len(words))
            words[k] = '"' + words[k]
            words[-1] += '"'
        words[0] = words[0].capitalize()
        words[-1] += r.choice(".......?!")
        return words

    def paragraph(self) -> list[str]:
        return [w for _ in range(self.r.choice([1, 2, 3, 4, 4, 5, 6, 8, 10])) for w in self.sentence()]

    def note(self) -> str:
        r = self.r
        text = " ".join(w for _ in range(r.choice([1, 1, 2, 3])) for w in self.sentence())
        return text + r.choice(["", "", "", " (translator)", " (editor)"])


def title(rng: random.Random) -> str:
    return f"The {rng.choice(NOUNS).capitalize()} and the {rng.choice(NOUNS).capitalize()}"


def colophon(k: int, author: str, name: str, year: int) -> str:
    styles = [
        f"*The Weekly {NOUNS[k].capitalize()}*, 24<sup>th</sup> of May {year}\n\nLibrary.Anarhija.Net\n\n\n\n"
        f"{author}  \n{name}  \n{year}\n\nRetrieved on September 28 from "
        f"<http://archive.example.org/{year}/{k}/>\n\n**lib.anarhija.net**",
        f"The Anarchist Library  \nAnti-Copyright\n\n\n\n{author}  \n{name}  \n{year}\n\n"
        "RevoltLib.com  \nre: Blast\n\n**[theanarchistlibrary.org](http://theanarchistlibrary.org)**",
        f"The Anarchist Library  \nAnti-Copyright\n\nRetrieved on May 1, 2001 from www.example.org",
    ]
    return styles[k % len(styles)]


def raw_text(k: int, rng: random.Random, n_words: int, n_notes: int) -> tuple[str, str]:
    """One raw text: (title, text) with n_notes page-foot notes."""
    prose = Prose(rng)
    author, name, year = AUTHORS[k], title(rng), 1880 + 3 * k
    paras: list[list[str]] = []
    while sum(map(len, paras)) < n_words:
        paras.append(prose.paragraph())
    # note calls on n_notes words, never in the last two paragraphs
    slots = [(p, i) for p, ws in enumerate(paras[:-2]) for i, w in enumerate(ws)
             if i and w.strip(",.?!") in NOUNS]
    calls = sorted(rng.sample(slots, n_notes))
    label = {c: n + 1 for n, c in enumerate(calls)}
    head = [f"# {name}\n\n{author}\n\n{year}",
            f"## {author}\n\n{name}: A Report on the {rng.choice(NOUNS).capitalize()}",
            f"{name}\n\nby {author}\n\nMarch {k + 3}, {year}"][k % 3]
    out, pending, on_page = [head], [], 0
    page_len = rng.randint(280, 380)
    for p, words in enumerate(paras):
        if p >= 4 and rng.random() < 0.04:
            out.append(f"## {title(rng)}" if rng.random() < 0.6 else "\\* \\* \\*")
        piece = []
        for i, w in enumerate(words):
            prev = words[i - 1] if i else ""
            # a page ends here: in mid-sentence, before a lower-case word
            if (on_page >= page_len and 12 <= i <= len(words) - 6 and w[0].islower()
                    and prev[-1] not in TERMINAL + '"'):
                foot = "\n\n---\n\n" + "\n\n".join(pending) if pending else ""
                out.append(" ".join(piece) + foot)
                piece, pending, on_page = [], [], 0
                page_len = rng.randint(280, 380)
            if (p, i) in label:
                n = label[(p, i)]
                w += f"<sup>{n}</sup>"
                pending.append(f"<sup>{n}</sup> {prose.note()}")
            piece.append(w)
            on_page += 1
        out.append(" ".join(piece))
    if pending:   # the last page's foot
        out.append("---\n\n" + "\n\n".join(pending))
    if k % 4 == 3:
        out.append(f"{author} is a writer and historian who lives in Lyon and teaches at a "
                   "night school for the workers of the river port.")
    out.append(colophon(k, author, name, year))
    return name, "\n\n".join(out) + "\n"


#: the paragraph of `big_text`: ~680 characters, repeated to 20 MB
BIG_PARAGRAPH = ("The granary stood open to every household in the valley, and nobody kept "
                 "accounts. " * 8).strip()


def big_text(folder: Path, size: int = 20_000_000) -> Path:
    """One raw text of `size` characters (tests/test_bad_input.py reads the
    same text and checks what comes out; here it is timed)."""
    path = folder / "big.txt"
    folder.mkdir(parents=True, exist_ok=True)
    count = size // (len(BIG_PARAGRAPH) + 1)
    path.write_text("# Big Text\n\nAnn Author\n\n" + "\n\n".join([BIG_PARAGRAPH] * count),
                    encoding="utf-8")
    return path


def generate(folder: Path, n_texts: int, words: int, notes: int) -> Path:
    """Write the large anthology (raw texts, editorial files, anthology.toml)."""
    rng = random.Random(1)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "texts").mkdir(parents=True)
    (folder / "editorial").mkdir()
    ed = folder / "editorial"
    (ed / "introduction.md").write_text("A book generated for `make bench`: ordinary words in the "
                                        "raw conventions of web and library exports.\n")
    toml = ['[book]', 'title = "A Large Generated Anthology"', 'editors = ["The Bench"]',
            'publisher = "Kroppress Editions"', 'language = "en"',
            'identifier = "urn:uuid:6f1c3a52-9a7e-4d1b-8e43-2b0f6c1d5e77"', 'date = "2026-01-01"',
            'introduction = "editorial/introduction.md"']
    for k in range(n_texts):
        if k % (n_texts // 2) == 0:
            part = k // (n_texts // 2) + 1
            (ed / f"part-{part}.md").write_text(f"Part {part} holds half of the generated texts.\n")
            toml += ["", "[[parts]]", f'title = "Part {part}"', f'introduction = "editorial/part-{part}.md"']
        name, text = raw_text(k, rng, words // n_texts, notes // n_texts)
        (folder / "texts" / f"text-{k:02}.txt").write_text(text, encoding="utf-8")
        (ed / f"text-{k:02}.md").write_text(f"A headnote for *{name}*.\n")
        toml += ["", "[[parts.texts]]", f'id = "text-{k:02}"', f'source = "texts/text-{k:02}.txt"',
                 f'headnote = "editorial/text-{k:02}.md"']
    (folder / "anthology.toml").write_text("\n".join(toml) + "\n")
    return folder / "anthology.toml"


def inspect_book(folder: Path) -> dict:
    """What the reader finds in the generated texts (words, notes, warnings)."""
    words = notes = 0
    warnings, per_text = [], {}
    for f in sorted((folder / "texts").glob("*.txt")):
        doc = json.loads(subprocess.run([KROPPRESS, "inspect", "--json", str(f)], check=True,
                                        capture_output=True, text=True).stdout)
        n = len(doc["notes"])
        body = sum(len(b["text"].split()) for b in doc["blocks"])
        words += body + sum(len(x["text"].split()) for x in doc["notes"])
        notes += n
        per_text[f.name] = {"words": body, "notes": n, "note_references": doc["counts"]["note_references"]}
        warnings += doc["warnings"]
    return {"words": words, "notes": notes, "texts": per_text, "warnings": warnings}


# ------------------------------------------------------------------ the PDF floor
FLOOR_HELPER = """
import sys
from pathlib import Path
from kroppress.book.assemble import assemble
from kroppress.build.run import source_epoch
from kroppress.config import load_config
from kroppress.epoch import epoch_datetime
from kroppress.paths import STYLES_DIR
from kroppress.writers.pdf import print_html, font_css, page_css
config = load_config(Path(sys.argv[1]))
book = assemble(config)
profile = config.print_profile(None)
built = epoch_datetime(source_epoch(book.meta.date)).date()
out = Path(sys.argv[2])
out.joinpath("doc.html").write_text(print_html(book, profile, built), encoding="utf-8")
out.joinpath("extra.css").write_text(font_css() + page_css(profile), encoding="utf-8")
print(STYLES_DIR.as_uri() + "/")   # common.css and print.css are linked relatively
"""


def floor_inputs(config: Path, out: Path) -> list[str]:
    """Write the document kroppress gives WeasyPrint (untimed); return the CLI command."""
    out.mkdir(parents=True, exist_ok=True)
    base = subprocess.run([sys.executable, "-c", FLOOR_HELPER, str(config), str(out)], check=True,
                          cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return [WEASYPRINT, "-q", "--base-url", base, "-s", str(out / "extra.css"), str(out / "doc.html")]


VERSION_CASE = "kroppress --version"

# ------------------------------------------------------------------ the run
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per case (median wall time)")
    ap.add_argument("--quick", action="store_true", help="1 run and a smaller generated book")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="work folder (git-ignored)")
    ap.add_argument("--jobs-list", default=f"1,2,{os.cpu_count()}", help="--jobs values for the large PDF")
    ap.add_argument("--results", type=Path, default=None,
                    help="where to write the numbers (default: bench/results.json; "
                         "with --quick, results-quick.json in --out, so a smoke run "
                         "never replaces the quoted figures)")
    args = ap.parse_args()
    if args.results is None:
        args.results = (args.out / "results-quick.json") if args.quick else ROOT / "bench" / "results.json"
    runs = 1 if args.quick else args.runs
    jobs = sorted({int(j) for j in args.jobs_list.split(",") if j.strip()})
    out = args.out.resolve()
    scratch = out / "runs"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    notes: list[str] = []
    if args.quick:
        notes.append("--quick: one run of a smaller book; the targets are set for the full run")

    size = (20_000, 60) if args.quick else (82_000, 300)
    large = generate(out / "large", 10, *size)
    book = inspect_book(out / "large")
    if book["notes"] != size[1]:
        notes.append(f"the reader found {book['notes']} notes in the generated book, not {size[1]}")
    notes += [f"reader: {w}" for w in book["warnings"]]

    has_jobs = "--jobs" in subprocess.run([KROPPRESS, "build", "--help"], capture_output=True,
                                          text=True, env={**os.environ, "COLUMNS": "200"}).stdout
    if not has_jobs:
        notes.append("`kroppress build` has no --jobs yet: the large PDF was built without it")
    pandoc = shutil.which("pandoc")
    if not pandoc:
        notes.append("pandoc not found (KROPPRESS_WITH_PANDOC=1 scripts/system-deps.sh installs it)")
    shipped = ROOT / "anthology.toml"

    def fresh() -> Path:
        return Path(tempfile.mkdtemp(dir=scratch))

    def build(config: Path, *extra: str):
        return lambda d: [KROPPRESS, "build", "--config", str(config), "--out", str(d), *extra]

    # (name, command given a fresh folder, output to count pages of)
    # the start-up every command pays: the shipped EPUB is held to 3x it
    cases = [(VERSION_CASE, lambda d: [KROPPRESS, "--version"], None)]
    cases += [(f"shipped {f}", build(shipped, "--format", f), f) for f in ("epub", "pdf", "all")]
    # the EPUB's print page list: the same build without it
    cases.append(("shipped all, no page list",
                  build(shipped, "--format", "all", "--page-source", "none"), "all"))
    # the wrap cover: alone it lays the interior out for its page count
    cases += [("shipped cover", build(shipped, "--format", "cover"), None),
              ("shipped pdf+cover", build(shipped, "--format", "pdf,cover"), None)]
    # the folded booklet: laid out at half the sheet and imposed; with the PDF
    # of the same run, the PDF's pages are imposed (no second layout)
    cases += [("shipped booklet", build(shipped, "--format", "booklet"), None),
              ("shipped pdf+booklet", build(shipped, "--format", "pdf,booklet"), None)]
    cases.append(("large epub", build(large, "--format", "epub"), "epub"))
    for j in jobs if has_jobs else [None]:
        flags = ["--jobs", str(j)] if j else []
        cases.append((pdf_case(j), build(large, "--format", "pdf", *flags), "pdf"))
    cases.append(("large all" + (" (default jobs)" if has_jobs else ""), build(large, "--format", "all"), "all"))
    cases.append(("large all, no page list",
                  build(large, "--format", "all", "--page-source", "none"), "all"))
    if pandoc:
        sources = [str(p) for p in sorted((out / "large" / "texts").glob("*.txt"))]
        cases.append(("large epub, pandoc", lambda d: [pandoc, "-f", "markdown", "-t", "epub3",
                      "--metadata", "title=A Large Generated Anthology", "-o", str(d / "book.epub"),
                      *sources], "epub"))
    big = big_text(out / "big", 2_000_000 if args.quick else 20_000_000)
    cases.append((BIG_CASE, lambda d: [KROPPRESS, "inspect", "--json", str(big)], None))
    floor_cmd = floor_inputs(large, out / "floor")
    cases.append(("large pdf, floor (weasyprint CLI)", lambda d: [*floor_cmd, str(d / "book.pdf")], "pdf"))

    # untimed warm-up: byte-compiled modules and the page cache as in later runs
    measure(build(shipped, "--format", "all")(fresh()))
    results = []
    for name, cmd, fmt in cases:
        samples, pages = [], None
        for _ in range(runs):
            d = fresh()
            samples.append(measure(cmd(d)))
            if pages is None and fmt not in ("epub", None):
                pages = pdf_pages(next(d.glob("*.pdf")))
            shutil.rmtree(d)
        d = fresh()
        mem = measure(cmd(d), memory=True)
        shutil.rmtree(d)
        results.append(summary(name, samples, pages, mem))
        console.print(f"  {name}: {results[-1]['wall_median']:.2f} s", style="dim")

    # rebuilds into the same folder: once untimed, then each run times one rebuild
    d = fresh()
    measure(build(shipped)(d))
    samples = [measure(build(shipped)(d)) for _ in range(runs)]
    results.append(summary("no-op rebuild (shipped)", samples, None,
                           measure(build(shipped)(d), memory=True)))
    copy = scratch / "large-copy"
    shutil.copytree(out / "large", copy)
    d = fresh()
    measure(build(copy / "anthology.toml")(d))
    samples = []
    for _ in range(runs):
        touch_one_text(copy / "texts" / "text-00.txt")
        samples.append(measure(build(copy / "anthology.toml")(d)))
    touch_one_text(copy / "texts" / "text-00.txt")
    results.append(summary("one text changed (large)", samples, None,
                           measure(build(copy / "anthology.toml")(d), memory=True)))
    # where the large PDF's time goes (one run each, after the timed ones)
    breakdown = {f"{j} job{'s' if j > 1 else ''}": bench_phases.run(
        build(large, "--format", "pdf", "--jobs", str(j))(fresh()), ROOT) for j in (1, 2)}
    console.print(bench_phases.table("the large PDF, phase by phase (s)", breakdown))
    report(results, book, jobs, runs, has_jobs, notes, args, breakdown)


def touch_one_text(path: Path) -> None:
    """Add a word to the first paragraph of the body (never after the colophon)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if len(line) > 200 and line.endswith(".")
             and not line.startswith("<sup>"))
    lines[k] = lines[k][:-1] + " again" + lines[k][-1]
    path.write_text("\n".join(lines), encoding="utf-8")


BIG_CASE = "read one 20 MB text (inspect --json)"


def pdf_case(jobs: int | None) -> str:
    return f"large pdf, {jobs} job{'s' * (jobs > 1)}" if jobs else "large pdf (no --jobs)"


def summary(name: str, samples: list[dict], pages: int | None, mem: dict) -> dict:
    """Wall times from the unsampled `samples`, memory from the sampled `mem` run."""
    warn = sorted({line.strip() for s in [*samples, mem] for line in s["stderr"].splitlines()
                   if "warning" in line})
    return {"case": name, "wall_median": statistics.median(s["wall"] for s in samples),
            "walls": [round(s["wall"], 3) for s in samples],
            "memory_run_wall": round(mem["wall"], 3),
            "peak_rss_mib": mem["rss"] / MIB, "peak_pss_mib": mem["pss"] / MIB,
            "pages": pages, "warnings": warn}


def report(results, book, jobs, runs, has_jobs, notes, args, breakdown=None) -> None:
    by = {r["case"]: r for r in results}
    table = Table(title=f"kroppress bench: median of {runs} run(s), {os.cpu_count()} cores")
    for col in ("case", "wall median (s)", "peak PSS, tree (MiB)", "peak RSS, tree (MiB)",
                "pages"):
        table.add_column(col, justify="left" if col == "case" else "right")
    for r in results:
        table.add_row(r["case"], f"{r['wall_median']:.2f}", f"{r['peak_pss_mib']:.0f}",
                      f"{r['peak_rss_mib']:.0f}", str(r["pages"] or ""))
    console.print(table)
    console.print(f"large book: {book['words']:,} words, {book['notes']} notes found by the reader "
                  f"in {len(book['texts'])} texts")

    ratios, targets = {}, []
    if "large epub, pandoc" in by:
        ratios["large epub / pandoc"] = by["large epub"]["wall_median"] / by["large epub, pandoc"]["wall_median"]
    floor = by["large pdf, floor (weasyprint CLI)"]["wall_median"]
    for j in jobs if has_jobs else [None]:
        ratios[f"{pdf_case(j)} / floor"] = by[pdf_case(j)]["wall_median"] / floor
    for k, v in ratios.items():
        console.print(f"{k}: {v:.2f}x")

    def target(label, value, ok):
        targets.append({"target": label, "value": value, "pass": ok})

    start = by[VERSION_CASE]["wall_median"]
    epub = by["shipped epub"]["wall_median"]
    ratios["shipped epub / kroppress --version"] = epub / start
    console.print(f"shipped epub / kroppress --version: {epub / start:.2f}x")
    target("shipped EPUB <= 3x `kroppress --version`", f"{epub / start:.2f}x", epub <= 3 * start)
    if "large epub / pandoc" in ratios:
        target("large EPUB <= 0.35x pandoc", f"{ratios['large epub / pandoc']:.2f}x",
               ratios["large epub / pandoc"] <= 0.35)
    for j, limit in ((1, 1.0), (2, 0.55)):
        key = f"{pdf_case(j if has_jobs else None)} / floor"
        if key in ratios and (has_jobs or j == 1):
            target(f"large PDF at {j} job{'s' if j > 1 else ''} <= {limit}x floor",
                   f"{ratios[key]:.2f}x", ratios[key] <= limit)
    ours = [r for r in results if r["case"].startswith(("large", "one text")) and "pandoc" not in r["case"]
            and "floor" not in r["case"]]
    peak = max(r["peak_pss_mib"] for r in ours)
    target("peak memory (PSS) < 400 MB, large anthology", f"{peak * MIB / 1e6:.0f} MB",
           peak * MIB < 400e6)
    big = by[BIG_CASE]["wall_median"]
    target("one 20 MB text read < 60 s" + (" (2 MB with --quick)" if args.quick else ""),
           f"{big:.2f} s", big < 60)
    noop = by["no-op rebuild (shipped)"]["wall_median"]
    target("no-op rebuild < 0.5 s", f"{noop:.2f} s", noop < 0.5)
    t = Table(title="targets")
    for col in ("target", "measured", ""):
        t.add_column(col)
    for x in targets:
        t.add_row(x["target"], x["value"], "[green]PASS[/]" if x["pass"] else "[red]FAIL[/]")
    console.print(t)
    for r in results:
        notes += [f"{r['case']}: {w}" for w in r["warnings"]]
    for n in notes:
        console.print(f"note: {n}", soft_wrap=True)
    console.print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))

    import weasyprint
    pandoc = shutil.which("pandoc")
    data = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "cores": os.cpu_count(), "python": platform.python_version(),
        "weasyprint": weasyprint.__version__,
        "pandoc": subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        if pandoc else None,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],   # other work skews timings
        "runs": runs, "quick": args.quick, "jobs": jobs, "jobs_option": has_jobs,
        "large_book": {k: v for k, v in book.items() if k != "warnings"},
        "cases": results, "ratios": {k: round(v, 3) for k, v in ratios.items()},
        "targets": targets, "notes": notes, "large_pdf_phases": breakdown,
    }
    path = args.results.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    console.print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
