"""The typographic report of the last build's PDF, kept in the output
folder's cache (`.kroppress-cache/pages/NAME.json`): the build has its pages
laid out anyway, so the report costs no layout (serve's print view shows it)."""
from __future__ import annotations

import json
from pathlib import Path

from .findings import find

FOLDER = "pages"


def path_of(out_dir: Path, name: str) -> Path:
    from ..build.cache import CACHE_DIR
    return Path(out_dir) / CACHE_DIR / FOLDER / f"{name}.json"


def save(out_dir: Path, name: str, records: list, profile) -> None:
    """Keep the report of the PDF `name` (best effort, like the cache)."""
    from ..build.atomic import write_atomic
    from ..writers.pdf.pages import folio_labels
    report = find(records, folio_labels(records), loose=profile.loose_lines,
                  short=profile.short_last_line)
    report.settings["profile"] = profile.name
    target = path_of(out_dir, name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with write_atomic(target) as tmp:
            Path(tmp).write_text(json.dumps(report.json(), ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass


def load(out_dir: Path, name: str) -> dict | None:
    try:
        data = json.loads(path_of(out_dir, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("findings"), list) else None
