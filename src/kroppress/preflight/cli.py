"""`kroppress check --press FILE.pdf`: one finding a line, like Acrobat
Preflight's report; exit 0 when clean (warnings alone included), 1 with
errors, 2 on a file it cannot read."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import Options, PreflightError, errors, preflight


def main(path: Path, *, booklet: bool = False, bleed: str = "0.125in", ink_limit: int = 300,
         say: Callable[[str], None] = print) -> int:
    from ..config.fields import length
    from ..errors import SHOWN, quoted
    try:
        if len(bleed) > SHOWN:     # no length is that long: say so without echoing it whole
            raise ValueError(f"{quoted(bleed)} is not a length; give one like 0.125in or 3mm")
        bleed_pt = length(bleed).pt
    except ValueError as exc:
        say(f"error: --bleed: {exc}")
        return 2
    options = Options(pdfx=False, bleed_pt=0.0, pages_multiple=2, ink=False) if booklet \
        else Options(bleed_pt=bleed_pt, ink_limit=float(ink_limit))
    try:
        found = preflight(path, options)
    except PreflightError as exc:
        say(f"error: {exc}")
        return 2
    for finding in found:
        say(finding.line(path.name))
    bad = len(errors(found))
    say(f"{path.name}: {bad} error(s), {len(found) - bad} warning(s)")
    return 1 if bad else 0
