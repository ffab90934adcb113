"""The no-op rebuild: a build whose inputs have not changed writes nothing.

After a successful build, `record` writes a small manifest into the output
folder (``.kroppress-build.json``): for each output, a fingerprint of every
input and the SHA-256 of the file written. The next build computes the
fingerprint again (`fingerprint`) and skips each output whose fingerprint
matches and whose file is still the one written; only stale outputs are
rebuilt.

The fingerprint covers everything a book is made from: the config file and
every file it names (texts, editorial prose), the build options, the epoch
(`SOURCE_DATE_EPOCH`), kroppress's own code, templates and styles, and the
versions of the libraries that shape the output (WeasyPrint, ebooklib, the
fonts…). A manifest that cannot be read is ignored (the build simply runs).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import __version__
from .atomic import write_atomic
from ..paths import PACKAGE_DIR, STYLES_DIR, TEMPLATES_DIR

MANIFEST = ".kroppress-build.json"
#: the PDF writer keeps the laid-out chunks of a long book here (in the output folder)
CACHE_DIR = ".kroppress-cache"
#: distributions whose version changes the bytes of a book
LIBRARIES = ("weasyprint", "pydyf", "ebooklib", "jinja2", "markdown-it-py", "pillow",
             "pyphen", "fonttools", "fontpkg-eb-garamond", "tinyhtml5")


def config_paths(config) -> set[Path]:
    """Every file a config names, in any edition (resolved)."""
    return {p.resolve() for p in _paths(config, set())}


def named_paths(config) -> set[Path]:
    """The same files by the names the config gives them (links not followed)."""
    return set(_paths(config, set()))


def _paths(obj: Any, seen: set[int]) -> Iterator[Path]:
    """Every Path inside a config object (dataclasses, pydantic models, containers)."""
    if isinstance(obj, Path):
        yield obj
        return
    if id(obj) in seen or isinstance(obj, (str, bytes, int, float, bool, type(None))):
        return
    seen.add(id(obj))
    if dataclasses.is_dataclass(obj):
        values: Iterable = (getattr(obj, f.name) for f in dataclasses.fields(obj))
    elif hasattr(type(obj), "model_fields"):     # pydantic
        values = (getattr(obj, name) for name in type(obj).model_fields)
    elif isinstance(obj, dict):
        values = obj.values()
    elif isinstance(obj, (list, tuple, set, frozenset)):
        values = obj
    else:
        return
    for value in values:
        yield from _paths(value, seen)


def _tree_files(*roots: Path) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        if root.is_dir():
            files += sorted(p for p in root.rglob("*") if p.is_file()
                            and "__pycache__" not in p.parts and p.suffix != ".pyc")
    return files


def _library_versions() -> list[str]:
    from importlib import metadata
    out = []
    for name in LIBRARIES:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}==none")
    return out


def fingerprint(config, options: dict[str, Any]) -> str:
    """One hash of everything a build of `config` with `options` reads."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("kroppress", __version__.encode())
    add("options", json.dumps(options, sort_keys=True, default=str).encode())
    add("epoch", os.environ.get("SOURCE_DATE_EPOCH", "").strip().encode())
    add("libraries", "\n".join(_library_versions()).encode())
    inputs = {Path(config.path).resolve()}
    inputs.update(config_paths(config))
    code = _tree_files(PACKAGE_DIR, TEMPLATES_DIR, STYLES_DIR)
    for path in sorted(inputs) + code:
        try:
            add(str(path), path.read_bytes())
        except OSError:
            add(str(path), b"\0missing")
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _load(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data.get("outputs"), dict) else {"outputs": {}}
    except (OSError, ValueError, AttributeError):
        return {"outputs": {}}


def up_to_date(out_dir: Path, target: Path, fp: str) -> list[str] | None:
    """The warnings recorded for `target` if it is up to date, else None."""
    entry = _load(out_dir)["outputs"].get(target.name)
    if not isinstance(entry, dict) or entry.get("inputs") != fp or not target.is_file():
        return None
    try:
        if entry.get("sha256") != _sha256(target):
            return None
    except OSError:
        return None
    warnings = entry.get("warnings", [])
    return [str(w) for w in warnings] if isinstance(warnings, list) else []


def pages_of(out_dir: Path, target: Path) -> int | None:
    """The page count `target` had when it was last built, if known."""
    entry = _load(out_dir)["outputs"].get(target.name)
    pages = entry.get("pages") if isinstance(entry, dict) else None
    return pages if isinstance(pages, int) and not isinstance(pages, bool) and pages > 0 else None


def record(out_dir: Path, targets: Iterable[Path], fp: str, warnings: Iterable[object],
           pages: dict[str, int] | None = None) -> None:
    """Remember what was built from what, and each laid-out file's page count
    (the next build's progress total); best effort: a manifest that cannot be
    written only costs a rebuild next time."""
    data = _load(out_dir)
    for target in targets:
        entry = {"inputs": fp, "sha256": _sha256(target), "warnings": [str(w) for w in warnings]}
        if pages and target.name in pages:
            entry["pages"] = pages[target.name]
        data["outputs"][target.name] = entry
    try:
        with write_atomic(out_dir / MANIFEST) as tmp:
            Path(tmp).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n",
                                 encoding="utf-8")
    except OSError:
        pass
