"""Where in `anthology.toml` a key is, and what a pydantic error means there.

tomllib reports no line numbers for values, so `Locator` scans the raw TOML
for table headers (counting `[[array]]` tables) and `key =` lines, and maps a
key path such as ('parts', 0, 'texts', 1, 'source') back to a line. It falls
back to the nearest enclosing table header, then to line 1.

`explain` turns the first pydantic error into the two halves of the one-line
`ConfigError`: what is wrong, and how to fix it. This module imports nothing
of the config's own, so every other module of it may use `describe`.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
import types
import typing
from typing import Annotated, Any, Sequence

from pydantic import BaseModel


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, _dt.datetime):
        return "a date-time"
    if isinstance(value, _dt.date):
        return "a date"
    if isinstance(value, _dt.time):
        return "a time"
    return type(value).__name__


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEYPART = rf"(?:{_BARE}|{_QUOTED})"
_KEYPATH = rf"{_KEYPART}(?:\s*\.\s*{_KEYPART})*"
_AOT_RE = re.compile(rf"^\s*\[\[\s*({_KEYPATH})\s*\]\]")
_TABLE_RE = re.compile(rf"^\s*\[\s*({_KEYPATH})\s*\]")
_KEY_RE = re.compile(rf"^\s*({_KEYPATH})\s*=")


def _split_keypath(text: str) -> tuple[str, ...]:
    parts = re.findall(_KEYPART, text)
    out = []
    for p in parts:
        if p[:1] in "\"'":
            p = p[1:-1]
        out.append(p)
    return tuple(out)


def _bracket_delta(value: str) -> int:
    """Net [ and { opened by a TOML value fragment, ignoring strings/comments."""
    depth = 0
    i = 0
    while i < len(value):
        c = value[i]
        if c == "#":
            break
        if c in "\"'":
            triple = value[i:i + 3] == c * 3
            if triple:
                end = value.find(c * 3, i + 3)
                if end < 0:
                    return depth
                i = end + 3
                continue
            j = i + 1
            while j < len(value) and value[j] != c:
                j += 2 if (c == '"' and value[j] == "\\") else 1
            i = j + 1
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        i += 1
    return depth


class Locator:
    """Maps key paths (tuples of str keys and int list indices) to 1-based lines."""

    def __init__(self, source: str) -> None:
        self.lines: dict[tuple, int] = {(): 1}
        aot_count: dict[tuple, int] = {}
        aot_paths: set[tuple[str, ...]] = set()   # generic names of [[arrays]]
        current: tuple = ()
        in_multiline: str | None = None
        depth = 0
        for lineno, line in enumerate(source.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if depth > 0:
                depth += _bracket_delta(line)
                continue
            m = _AOT_RE.match(line)
            if m:
                generic = _split_keypath(m.group(1))
                parent = self._concrete(generic[:-1], aot_paths, aot_count)
                key = parent + (generic[-1],)
                idx = aot_count.get(key, -1) + 1
                aot_count[key] = idx
                aot_paths.add(generic)
                current = key + (idx,)
                self.lines.setdefault(key, lineno)
                self.lines.setdefault(current, lineno)
                continue
            m = _TABLE_RE.match(line)
            if m:
                generic = _split_keypath(m.group(1))
                current = self._concrete(generic, aot_paths, aot_count)
                for n in range(1, len(current) + 1):
                    self.lines.setdefault(current[:n], lineno)
                continue
            m = _KEY_RE.match(line)
            if m:
                keypath = current + _split_keypath(m.group(1))
                for n in range(len(current) + 1, len(keypath) + 1):
                    self.lines.setdefault(keypath[:n], lineno)
                rest = line[m.end():]
                for q in ('"""', "'''"):
                    if rest.count(q) % 2 == 1:
                        in_multiline = q
                        break
                else:
                    depth = max(0, _bracket_delta(rest))

    @staticmethod
    def _concrete(generic: tuple[str, ...], aot_paths: set, aot_count: dict) -> tuple:
        out: tuple = ()
        for i, name in enumerate(generic):
            out = out + (name,)
            if generic[:i + 1] in aot_paths:
                out = out + (aot_count.get(out, 0),)
        return out

    def line(self, loc: Sequence[str | int]) -> int:
        loc = tuple(loc)
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.lines:
                return self.lines[loc[:n]]
        return 1


def format_loc(loc: Sequence[str | int]) -> str:
    out = ""
    for item in loc:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            name = item if re.fullmatch(_BARE, item) else repr(item)
            out += f".{name}" if out else name
    return out


# --------------------------------------------------------------------------- explaining pydantic errors

def clean_loc(loc: Sequence[Any]) -> tuple:
    """Drop pydantic's internal loc parts (union branches, validator names)."""
    out = []
    for item in loc:
        if isinstance(item, str) and (item.startswith(("function-", "constrained-"))
                                      or item in ("str", "int", "bool", "list", "dict",
                                                  "none", "is-instance[Path]", "lax-or-strict",
                                                  "json-or-python", "tuple[str, str]",
                                                  "dict[str,str]", "[key]")):
            continue
        out.append(item)
    return tuple(out)


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0]
        else:
            return tp


def _model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class holding the table at `loc`."""
    tp: Any = root
    for item in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(item, str) or item not in tp.model_fields:
                return None
            tp = tp.model_fields[item].annotation
        elif typing.get_origin(tp) is list and isinstance(item, int):
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is dict and isinstance(item, str):
            tp = typing.get_args(tp)[1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _section_name(loc: Sequence[str | int]) -> str:
    keys = [x for x in loc if isinstance(x, str)]
    if not keys:
        return "the top level"
    if loc and isinstance(loc[-1], int):
        return f"[[{'.'.join(keys)}]]"
    return f"[{'.'.join(keys)}]"


def _value_at(data: Any, loc: Sequence[str | int]) -> Any:
    for item in loc:
        try:
            data = data[item]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_EXAMPLES = {
    "title": '"…"', "id": '"my-text"', "source": '"seeds/file.txt"', "identifier":
    '"urn:uuid:…" (or an ISBN-13)', "date": "2024-05-01", "find": '"…"', "replace": '"…"',
    "reason": '"why the change"', "texts": '["text-id", …]', "book": "…", "parts": "…",
}


def explain(err: dict[str, Any], loc: tuple, data: Any, root: type[BaseModel]) -> tuple[str, str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    key = loc[-1] if loc else ""
    parent = loc[:-1]
    given = _value_at(data, loc)
    if kind == "extra_forbidden":
        model = _model_at(root, parent)
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else "remove it, or "
        return "unknown key", f"{hint}allowed keys in {_section_name(parent)}: {', '.join(allowed)}"
    if kind == "missing":
        if key in ("book", "parts"):
            table = "[book]" if key == "book" else "[[parts]] with title and [[parts.texts]]"
            return f"required table {table.split()[0]} is missing", f"add {table}"
        example = _EXAMPLES.get(str(key), "…")
        return "required key is missing", f"add {key} = {example} to {_section_name(parent)}"
    if kind == "value_error":
        msg = str(ctx.get("error", err["msg"]))
        if "; " in msg:
            what, fix = msg.split("; ", 1)
            return what, fix
        return msg, "see the kroppress documentation for this key"
    if kind in ("string_type", "str_type"):
        return f"expected a string, got {describe(given)}", "put the value in double quotes"
    if kind == "bool_type":
        return f"expected true or false, got {describe(given)}", "write true or false without quotes"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {describe(given)}", "write a number without quotes, e.g. 1"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "?")
        return f"{given!r} is too {'small' if 'greater' in kind else 'large'}", f"use a number {bound} {limit}"
    if kind == "list_type":
        model = _model_at(root, parent)
        field_tp = model.model_fields[key].annotation if model and key in model.model_fields \
            else None
        inner = typing.get_args(_unwrap(field_tp)) if field_tp is not None else ()
        if inner and isinstance(inner[0], type) and issubclass(inner[0], BaseModel):
            keys = ".".join(x for x in loc if isinstance(x, str))
            return (f"expected a list of tables, got {describe(given)}",
                    f"write each entry under its own [[{keys}]] header (double brackets)")
        return f"expected a list, got {describe(given)}", 'write it as ["…", "…"]'
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"expected a table, got {describe(given)}",
                f"write it as a [{format_loc(loc)}] section or an inline table {{ key = value }}")
    if kind == "too_short":
        return "must not be empty", "add at least one item"
    if kind == "literal_error":
        return f"{given!r} is not allowed", f"use one of: {ctx.get('expected', '')}"
    if kind == "tuple_type":
        return f"unexpected {describe(given)}", "check the value's type"
    return str(err.get("msg", "invalid value")), "check this key's value"
