"""`kroppress check --pages`: lay the book out (through the build's chunk
cache, so after a build nothing is laid out again), and report every page's
faults, per text and in total."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

from ..errors import KroppressError
from .findings import KINDS, Report, find


def page_report(config_path: Path, *, profile: str | None = None, edition: str | None = None,
                out_dir: Path = Path("dist"), jobs: int | None = None) -> Report:
    """The typographic report of the book `config_path` makes, with the print
    profile `profile` (the default profile when None)."""
    from ..book.assemble import assemble
    from ..build import cache
    from ..config import load_config
    from ..epoch import source_epoch
    from ..writers.pdf import write_pdf
    from ..writers.pdf.pages import folio_labels
    config = load_config(config_path)
    chosen = config.default_profile if profile is None or profile == config.default_profile.name \
        else config.print_profile(profile)
    book = assemble(config, edition, (), (), warnings=[], print_glyphs=True)
    cache_dir = Path(out_dir) / cache.CACHE_DIR
    records: list = []
    with tempfile.TemporaryDirectory(prefix="kroppress-pages-") as tmp:
        # stamped as a build of the PDF with its e-books is, to find its chunks
        write_pdf(book, Path(tmp) / "pages.pdf", epoch=source_epoch(book.meta.date),
                  profile=chosen, jobs=jobs, page_starts=[], page_records=records,
                  cache_dir=cache_dir if cache_dir.is_dir() else None, reuse="read")
    if not records:
        raise KroppressError(f"{config_path}: the book laid out to no pages")
    report = find(records, folio_labels(records), loose=chosen.loose_lines,
                  short=chosen.short_last_line)
    report.settings["profile"] = chosen.name
    return report


def print_report(report: Report, say: Callable[[str], None]) -> None:
    for finding in report.findings:
        say(str(finding))
    counts = report.counts()
    shown = [k for k in KINDS if counts["total"][k]]
    say("")
    say(f"{report.pages} pages, {sum(report.lines.values())} lines of running text "
        f"(profile {report.settings.get('profile', '')}; loose: spaces stretched over "
        f"{report.settings['loose_lines']:.0%} of the face's own)")
    width = max([len(t) for t in counts] + [5])
    rows = []
    for tid in [t for t in counts if t != "total"] + ["total"]:
        lines = sum(report.lines.values()) if tid == "total" else report.lines.get(tid, 0)
        cells = []
        for k in shown:
            n = counts[tid][k]
            cells.append(f"{n} ({100 * n / lines:.1f})" if lines and n else str(n))
        rows.append((tid, lines, cells))
    widths = [max([len(k)] + [len(r[2][i]) for r in rows]) for i, k in enumerate(shown)]
    say(f"{'text':<{width}}  {'lines':>6}  " + "  ".join(f"{k:>{w}}" for k, w in zip(shown, widths)))
    for tid, lines, cells in rows:
        say(f"{tid:<{width}}  {lines:>6}  " + "  ".join(f"{c:>{w}}" for c, w in zip(cells, widths)))
    say("(counts, and per 100 lines of running text in brackets)")
