"""`anthology.toml`: load it, validate it, and say exactly where it is wrong.

The file is parsed with tomllib and validated by pydantic v2 models (every
table forbids unknown keys: `models`). Any problem becomes a one-line
`ConfigError`:

    anthology.toml:12: key 'parts[0].texts[1].sourc': unknown key; did you mean 'source'?

The package, from the bottom up:

* `locate`: the TOML line of a key path (`Locator`), and what a pydantic
  error means (`explain`);
* `length`: a length parsed once (`Length`: its text for CSS, its points);
* `fields`: the checks of single values (dates, ids, lengths, paths);
* `sizes`: trim sizes, booklet sheets, paper, and the checks of their keys;
* `print`: the table of print keys (`PRINT_KEYS`) and the profiles made of it;
* `models`: the other tables;
* here: `load_config`, `Config` and the build's `Selection`.

Every path in the file is relative to the config file's folder and must stay
inside it, after following symlinks.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from pydantic import ValidationError

from ..transforms import cut as _cut
from ..errors import ConfigError, cut, quoted
from ..model import BookMeta
from . import bounds
from .fields import NAME_RE, SLUG_RE, check_project_path, isbn13_ok
from .length import Length
from .locate import Locator, clean_loc, explain, format_loc
from .models import (BookConfig, BookOverrides, CorrectionConfig, EditionConfig, PartConfig,
                     Root, TextConfig, TextMetadata)
# (this binds the submodule `print` as a name here too: nothing below calls print())
from .print import (BOOKLET_SHEETS, BUILTIN_PROFILES, IMPOSITIONS, PDF_VARIANTS, PRINT_DEFAULTS,
                    PRINT_KEYS, TRIM_SIZES, Paper, PrintConfig, PrintKey, PrintProfile,
                    PrintSettings, builtin_profile, default_profile, key_table, resolve_profiles)

__all__ = ["BOOKLET_SHEETS", "BUILTIN_PROFILES", "BookConfig", "BookOverrides", "Config",
           "CorrectionConfig", "EditionConfig", "IMPOSITIONS", "Length", "NAME_RE",
           "PDF_VARIANTS", "PRINT_DEFAULTS", "PRINT_KEYS", "PartConfig", "Paper", "PrintConfig",
           "PrintKey", "PrintProfile", "PrintSettings", "SLUG_RE", "Selection", "TRIM_SIZES",
           "TextConfig", "TextMetadata", "builtin_profile", "check_project_path",
           "default_profile", "format_loc", "isbn13_ok", "key_table", "load_config"]


# --------------------------------------------------------------------------- the config

@dataclass(frozen=True)
class Selection:
    """What a build contains: parts in order, each with its texts in order."""
    parts: list[tuple[PartConfig, list[TextConfig]]]

    @property
    def ids(self) -> list[str]:
        return [t.id for _, texts in self.parts for t in texts]


@dataclass(frozen=True)
class Config:
    path: Path                      # the config file, as given
    root: Path                      # its folder, resolved
    book: BookConfig
    parts: list[PartConfig]
    print: PrintConfig
    editions: dict[str, EditionConfig]
    profiles: dict[str, PrintProfile]
    default_profile: PrintProfile
    locator: Locator = field(repr=False)

    # ---- errors pointing into the file
    def where(self, loc: Sequence[str | int]) -> str:
        """`anthology.toml:LINE: key 'a.b[0].c'` for a key path."""
        head = f"{self.path}:{self.locator.line(loc)}"
        return f"{head}: key '{format_loc(loc)}'" if loc else head

    def error(self, loc: Sequence[str | int] | None, what: str, fix: str) -> ConfigError:
        head = self.where(loc) if loc is not None else str(self.path)
        return ConfigError(f"{head}: {what}; {fix}")

    def option_error(self, section: Sequence[str | int], what: str, fix: str) -> ConfigError:
        """An error about a command-line value (--edition, --profile, --only…):
        points at the line where the valid choices are defined."""
        return ConfigError(f"{self.path}:{self.locator.line(section)}: {what}; {fix}")

    # ---- texts
    def texts(self) -> list[TextConfig]:
        return [t for p in self.parts for t in p.texts]

    def text_loc(self, text_id: str) -> tuple:
        for pi, part in enumerate(self.parts):
            for ti, text in enumerate(part.texts):
                if text.id == text_id:
                    return ("parts", pi, "texts", ti)
        raise KeyError(text_id)

    def text(self, text_id: str) -> TextConfig:
        for t in self.texts():
            if t.id == text_id:
                return t
        raise self.option_error(("parts",), f"no text with id {quoted(text_id)}",
                         f"use one of: {', '.join(t.id for t in self.texts())}")

    def relpath(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # ---- print
    def print_profile(self, name: str | None = None) -> PrintProfile:
        if name is None:
            return self.default_profile
        if name in self.profiles:
            return self.profiles[name]
        raise self.option_error(("print", "profiles"),
                                f"--profile {quoted(name)}: no such print profile",
                         f"use one of: {', '.join(sorted(self.profiles))}, "
                         f"or define [print.profiles.{cut(name)}]")

    # ---- editions and selection
    def edition(self, name: str) -> EditionConfig:
        if name in self.editions:
            return self.editions[name]
        known = ", ".join(sorted(self.editions)) or "none defined"
        raise self.option_error(("editions",), f"--edition {quoted(name)}: no such edition",
                         f"define [editions.{cut(name)}] in the config, or use one of: {known}")

    def book_meta(self, edition: str | None = None) -> BookMeta:
        data = {k: getattr(self.book, k) for k in BookConfig.model_fields if k != "introduction"}
        if edition is not None:
            over = self.edition(edition).book
            for key in over.model_fields_set:
                if key != "introduction":
                    data[key] = getattr(over, key)
        return BookMeta(**{k: (list(v) if isinstance(v, list) else v) for k, v in data.items()})

    def introduction(self, edition: str | None = None) -> Path | None:
        if edition is not None:
            over = self.edition(edition).book
            if "introduction" in over.model_fields_set:
                return over.introduction
        return self.book.introduction

    def select(self, edition: str | None = None, only: Sequence[str] = (),
               exclude: Sequence[str] = ()) -> Selection:
        """Texts to build, grouped by part.

        Without an edition: every text with include = true, in file order.
        With an edition: exactly its `texts`, in that order (include is ignored:
        the list is explicit); parts come in the order their first text appears
        and a part's texts keep the edition's order. `only` keeps just those
        ids (they must be in the selection); `exclude` drops ids. A part left
        with no texts disappears."""
        all_ids = {t.id: t for t in self.texts()}
        part_of = {t.id: i for i, p in enumerate(self.parts) for t in p.texts}

        def check_known(flag: str, ids: Sequence[str]) -> None:
            for tid in ids:
                if tid not in all_ids:
                    close = difflib.get_close_matches(tid, list(all_ids), n=1)
                    hint = f"did you mean {close[0]!r}? " if close else ""
                    raise self.option_error(("parts",), f"{flag} {quoted(tid)}: no text has this id",
                                     f"{hint}known ids: {', '.join(all_ids)}")

        if edition is not None:
            base = list(self.edition(edition).texts)
        else:
            base = [t.id for t in self.texts() if t.include]
        check_known("--only", only)
        check_known("--exclude", exclude)
        if only:
            for tid in only:
                if tid not in base:
                    if edition is not None:
                        why = (f"it is not in edition {edition!r}",
                               f"add it to [editions.{edition}].texts or drop --only {tid}")
                    else:
                        why = ("it has include = false",
                               "set include = true for it here, or leave it out of --only")
                    section = (("editions", edition, "texts") if edition is not None
                               else self.text_loc(tid) + ("include",))
                    raise self.option_error(section, f"--only {tid!r}: {why[0]}", why[1])
            wanted = set(only)
            base = [tid for tid in base if tid in wanted]
        drop = set(exclude)
        chosen = [tid for tid in base if tid not in drop]
        if not chosen:
            raise self.option_error(("editions", edition) if edition else ("parts",),
                                    "nothing to build: the selection has no texts",
                             "check --edition/--only/--exclude and the include flags")
        order: list[int] = []
        grouped: dict[int, list[TextConfig]] = {}
        for tid in chosen:
            pi = part_of[tid]
            if pi not in grouped:
                order.append(pi)
                grouped[pi] = []
            grouped[pi].append(all_ids[tid])
        return Selection([(self.parts[pi], grouped[pi]) for pi in order])


# --------------------------------------------------------------------------- loading

def load_config(path: Path) -> Config:
    """Read, validate and resolve `anthology.toml`. Raises ConfigError (one line)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found; write one with "
                          "`kroppress init SEEDS_DIR` or pass --config PATH") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a config file; "
                          "pass the path of anthology.toml with --config") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config ({exc.strerror}); "
                          "check the path and its permissions") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: the config is not valid UTF-8; "
                          "save the file as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{path}: tables or arrays nested too deeply for an anthology config; "
                          "flatten the nesting") from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if m:
            base = msg[:m.start()].rstrip()
            raise ConfigError(f"{path}:{m.group(1)}: TOML syntax error at column "
                              f"{m.group(2)}: {base}; fix the syntax on that line") from None
        base = re.sub(r"\s*\(at end of document\)", "", msg)
        line = text.count("\n") + 1
        raise ConfigError(f"{path}:{line}: TOML syntax error at the end of the file: {base}; "
                          "close any open string, bracket or table") from None

    locator = Locator(text)
    root = path.resolve().parent

    def fail(loc: Sequence[str | int], what: str, fix: str, more: int = 0) -> ConfigError:
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return ConfigError(f"{path}:{locator.line(loc)}: key '{format_loc(loc)}': "
                           f"{what}; {fix}{extra}" if loc else
                           f"{path}:{locator.line(loc)}: {what}; {fix}{extra}")

    try:
        model = Root.model_validate(data, context={"root": root})
    except RecursionError:
        raise ConfigError(f"{path}: values nested too deeply for an anthology config; "
                          "flatten the nesting") from None
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # first problem in file order; within a table, an unknown key (often a
        # misspelling) explains a "missing" one better than the other way round
        rank = {"extra_forbidden": 0, "missing": 2}
        errors.sort(key=lambda e: (locator.line(clean_loc(e["loc"])[:-1]),
                                   rank.get(e["type"], 1),
                                   locator.line(clean_loc(e["loc"]))))
        first = errors[0]
        loc = clean_loc(first["loc"])
        what, fix = explain(first, loc, data, Root)
        raise fail(loc, what, fix, more=len(errors) - 1) from None

    # ---- cross-checks pydantic cannot do
    seen: dict[str, tuple] = {}
    for pi, part in enumerate(model.parts):
        for ti, text in enumerate(part.texts):
            loc = ("parts", pi, "texts", ti, "id")
            if text.id in seen:
                raise fail(loc, f"duplicate text id {text.id!r} (first used on line "
                                f"{locator.line(seen[text.id])})",
                           "give every text a unique id")
            seen[text.id] = loc
            _cut.parse_cut(text.cut, f"{path}:{locator.line(loc[:-1])}: text {text.id!r}")
    if not seen:
        raise fail(("parts",), "no texts", "add at least one [[parts.texts]] with id and source")
    for name, ed in model.editions.items():
        if not NAME_RE.match(name):
            raise fail(("editions", name), f"edition name {name!r} is not usable in a file name",
                       "use lowercase letters, digits, - and _")
        used: set[str] = set()
        for i, tid in enumerate(ed.texts):
            loc = ("editions", name, "texts", i)
            if tid not in seen:
                close = difflib.get_close_matches(tid, list(seen), n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise fail(loc, f"no text has id {tid!r}", f"{hint}use ids from [[parts.texts]]")
            if tid in used:
                raise fail(loc, f"text {tid!r} is listed twice", "list each text once")
            used.add(tid)
    for name in model.print.profiles:
        if not NAME_RE.match(name):
            raise fail(("print", "profiles", name), f"profile name {name!r} is not usable in a "
                       "file name", "use lowercase letters, digits, - and _")

    default, profiles = resolve_profiles(model.print)
    bounds.check_type_area(model.print, [default, *profiles.values()], fail)
    return Config(path=path, root=root, book=model.book, parts=list(model.parts),
                  print=model.print, editions=dict(model.editions), profiles=profiles,
                  default_profile=default, locator=locator)
