"""The preflight as the command line and the build run it: the options for
each kind of file a press build writes, and the findings as lines."""
from __future__ import annotations

from pathlib import Path

from . import Finding, Options, PreflightError, errors, preflight


def options_for(profile, kind: str) -> Options:
    """What a file the build writes with `profile` is held to: `kind` is
    "pdf" (the interior), "cover" or "booklet" (imposed for a home printer:
    no PDF/X, no bleed, sheets printed on both sides)."""
    from ..writers.pdf.geometry import is_pdfx
    if kind == "booklet":
        return Options(pdfx=False, bleed_pt=0.0, pages_multiple=2, ink=False)
    bleed = profile.bleed.pt if profile.has_bleed else 0.0
    if kind == "cover" and bleed == 0:
        from ..writers.pdf.wrap_cover import COVER_BLEED_IN
        bleed = COVER_BLEED_IN * 72
    return Options(pdfx=is_pdfx(profile), bleed_pt=bleed, ink_limit=float(profile.ink_limit),
                   pages_multiple=int(profile.round_pages_to or 1) if kind == "pdf" else 1)


def lines(path: Path, findings: list[Finding]) -> list[str]:
    return [f.line(path.name) for f in findings]


def check_files(files: dict[str, Path], profile) -> tuple[list[str], int]:
    """Preflight each written file ({kind: path}); (lines, error count)."""
    out: list[str] = []
    count = 0
    for kind, path in files.items():
        try:
            found = preflight(path, options_for(profile, kind))
        except PreflightError as exc:
            out.append(str(exc))
            count += 1
            continue
        out += lines(path, found)
        count += len(errors(found))
    return out, count


def check_build(config_path: Path, profile_name: str | None, paths: list[Path]
                ) -> tuple[list[str], int]:
    """Preflight the PDFs a build with `--profile profile_name` wrote, when
    that profile is a press one (PDF/X); ([], 0) otherwise."""
    if not any(path.suffix == ".pdf" for path in paths):
        return [], 0            # an e-book build: the PDF writer is never imported
    from ..config import load_config
    from ..writers.pdf.geometry import is_pdfx
    config = load_config(config_path)
    profile = config.print_profile(profile_name)
    if not is_pdfx(profile):
        return [], 0
    files: dict[str, Path] = {}
    for path in paths:
        if path.suffix != ".pdf":
            continue
        kind = "booklet" if path.name.endswith("-booklet.pdf") else \
            "cover" if path.name.endswith("-cover.pdf") else "pdf"
        files[f"{kind}:{path}"] = path
    out, count = [], 0
    for key, path in files.items():
        found, bad = check_files({key.split(":", 1)[0]: path}, profile)
        out += found
        count += bad
    return out, count
