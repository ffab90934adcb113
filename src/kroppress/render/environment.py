"""The Jinja2 environment of the shared templates: autoescaped, strict about
undefined names, its filters from `render.filters`, compiled templates kept."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..paths import TEMPLATES_DIR
from .filters import (drop_label, finalize, human_date, is_sentence, join_names, link_urls,
                      mentions_url, roman, sentence)

NOTE_KIND_LABELS = {"translator": "Translator’s note", "editor": "Editor’s note"}


def _bytecode_cache():
    """Compiled templates kept in kroppress's cache folder: compiling them
    costs ~0.2 s a build. Jinja2 checks each against its template's source."""
    from jinja2 import FileSystemBytecodeCache

    from ..paths import cache_dir
    folder = cache_dir("jinja")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def make_env(templates_dir: Path | str = TEMPLATES_DIR) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=True,
                      undefined=StrictUndefined, finalize=finalize,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=_bytecode_cache())
    env.filters["roman"] = roman
    env.filters["human_date"] = human_date
    env.filters["names"] = join_names
    env.filters["sentence"] = sentence
    env.filters["drop_label"] = drop_label
    env.filters["mentions_url"] = mentions_url
    env.filters["link_urls"] = link_urls
    env.tests["sentence"] = is_sentence
    env.globals["note_kind_label"] = lambda kind: NOTE_KIND_LABELS.get(kind, "")
    return env


_ENV: Environment | None = None


def env() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = make_env()
    return _ENV

