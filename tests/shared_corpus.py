"""Where the project's shared folder (`../shared`: the seeds' originals and
the real files of the corpus) is: beside this checkout, or, for a clone
(CI clones the repository into a folder of its own), beside the repository
it was cloned from. Tests of those files skip, saying where they looked,
only when neither has it."""
from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _origin() -> Path | None:
    """The local repository this checkout was cloned from, if any."""
    try:
        url = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if url.startswith("file://"):
        url = url[len("file://"):]
    path = Path(url) if url and "://" not in url and ":" not in url.split("/")[0] else None
    return path.resolve() if path is not None and path.is_dir() else None


def shared(*parts: str) -> Path:
    """`../shared/PARTS...` of the first place that has it (else beside this checkout)."""
    bases = [ROOT.parent]
    origin = _origin()
    if origin is not None:
        bases.append(origin.parent)
    for base in bases:
        if (base / "shared" / Path(*parts)).exists():
            return base / "shared" / Path(*parts)
    return ROOT.parent / "shared" / Path(*parts)
