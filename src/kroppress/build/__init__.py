"""The build's plumbing: `kroppress build` and what it stands on.

- `run`: config -> Book -> the requested outputs, all or nothing;
- `atomic`: output files renamed into place only when all are written;
- `cache`: the no-op rebuild (a manifest of inputs and outputs);
- `outdir`: the output folder, made and cleared;
- `progress`: the progress bar;
- `pagesource`: which print edition's pages an e-book marks;
- `interrupt`: Ctrl-C that must not be lost.

`run_build` and the format helpers are importable from here (loaded on first
use, so that writers importing `build.atomic` do not load the whole build)."""
from __future__ import annotations

_RUN = ("run_build", "parse_formats", "output_paths", "format_help", "cap_jobs", "source_epoch")


def __getattr__(name: str):
    if name in _RUN:
        from . import run
        return getattr(run, name)
    raise AttributeError(name)


__all__ = list(_RUN)
