"""`[print]`: the print keys, and the profiles made of them.

Every key of `[print]` and `[print.profiles.NAME]` is one row of `PRINT_KEYS`
(name, type, default, help, check; the checks, trim sizes, sheets and paper
are in `sizes`). Everything else is made from that table:
the defaults (`PRINT_DEFAULTS`), the checks (`PRINT_CHECKS`), the pydantic
model of a print table (`PrintSettings`), the resolved profile
(`PrintProfile`) and its resolution (`resolve_profile`), and the README's key
table (`key_table`). Adding a print key is adding a row.

A profile is resolved in layers, each a table checked the same way: the
defaults, then `[print]`, then the profile (a built-in one of
`BUILTIN_PROFILES`, or the file's). The default profile is `[print]` alone.
"""
from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Callable, Literal, Optional, Sequence, Union

from pydantic import ConfigDict, Field, ValidationInfo, create_model, field_validator

from .fields import Model, length
from .length import Length
from .sizes import (BOOKLET_SHEETS, DEFAULT_CALIPER, IMPOSITIONS, MARGIN_SIDES, PDF_VARIANTS,
                    TRIM_SIZES, Paper, barcode_height, creep, impose, ink_limit, margins, paper,
                    pdf_variant, sheet, signature_sheets, trim)

__all__ = ["BOOKLET_SHEETS", "BUILTIN_PROFILES", "DEFAULT_CALIPER", "IMPOSITIONS", "MARGIN_SIDES",
           "PDF_VARIANTS", "PRESS_BLEED", "PRINT_CHECKS", "PRINT_DEFAULTS", "PRINT_KEYS",
           "Paper", "PrintConfig", "PrintKey", "PrintProfile", "PrintSettings", "TRIM_SIZES",
           "builtin_profile", "default_profile", "key_table", "resolve_profile",
           "resolve_profiles", "update_readme", "with_key_table"]


@dataclass(frozen=True)
class PrintKey:
    """One key of `[print]` and `[print.profiles.NAME]`.

    `default` is written as the file would write it (a TOML value) and goes
    through `check` like the file's own, so a default is always a value the
    key accepts. `check` turns the TOML value into `type` or raises
    ValueError("what; fix"); without one, pydantic checks the TOML type
    against `type`. A key that fills several fields of the profile (`trim`:
    width and height) names them in `fields`; its check returns a dict of
    some of them (`margins = { top = "1in" }` sets one side, the others are
    inherited), and `type` is the type of each."""
    name: str
    type: Any
    default: Any
    help: str
    check: Callable[[Any], Any] | None = None
    fields: tuple[str, ...] = ()


PRINT_KEYS: tuple[PrintKey, ...] = (
    PrintKey("trim", Length, "5.5in 8.5in",
             f"the page: two lengths (width height) or a name ({', '.join(TRIM_SIZES)})",
             trim, fields=("width", "height")),
    PrintKey("margins", Length, "0.75in 0.625in 0.875in 0.875in",
             "1 to 4 lengths in CSS order, top outer bottom inner (inner at the spine), "
             "or a table of some of `top`, `outer`, `bottom`, `inner`",
             margins, fields=tuple(f"margin_{side}" for side in ("top", "bottom", "inner", "outer"))),
    PrintKey("bleed", Length, "0",
             "printed beyond the trim on every side (`press`: 0.125in unless `[print]` sets one)",
             length),
    PrintKey("crop_marks", bool, False, "crop marks in the bleed"),
    PrintKey("notes", Literal["endnotes", "footnotes"], "endnotes",
             "`\"footnotes\"`: each note at the foot of its page instead of in the endnotes"),
    PrintKey("pdf_variant", Optional[str], "none",
             "a PDF standard WeasyPrint writes, e.g. `\"pdf/x-4\"` (press), `\"pdf/a-3b\"` "
             "(archive), `\"pdf/ua-1\"` (tagged)", pdf_variant),
    PrintKey("round_pages_to", Annotated[int, Field(ge=1, le=64)], 1,
             "blank pages at the end up to a multiple of this (1 to 64)"),
    PrintKey("paper", Paper, {"caliper": DEFAULT_CALIPER.text},
             "the wrap cover's spine: `{ caliper = \"…\" }` (one page's thickness) or "
             "`{ ppi = N }` (pages per inch)", paper),
    PrintKey("impose", str, "saddle", "booklet: saddle stitch, the only imposition for now",
             impose),
    PrintKey("sheet", str, "letter",
             "booklet: `\"letter\"` (5.5 × 8.5 in pages) or `\"a4\"` (A5 pages)", sheet),
    PrintKey("signature_sheets", int, 0,
             "booklet: sheets nested in each signature; 0 = one signature of all the sheets",
             signature_sheets),
    PrintKey("creep", Union[Length, Literal["auto"]], "auto",
             "booklet: the paper's thickness (e.g. `\"0.1mm\"`): sheet k from the outside of a "
             "signature has its pages moved k × thickness towards the fold, so the innermost "
             "moves (sheets − 1) × thickness and the text blocks line up once folded; `\"auto\"`: "
             "a leaf of `paper` (two pages' caliper)", creep),
    PrintKey("marks", bool, True,
             "booklet: a fold mark at the head and foot of the fold on both sides of each "
             "sheet, in the margin; no cut marks, as the pages fill the sheet"),
    PrintKey("printer_margin", Length, "0.25in",
             "booklet: how near the sheet's edge a home printer prints; the fold marks run "
             "from there 0.25in inwards", length),
    PrintKey("barcode_height", Length, "22.85mm",
             "the wrap cover's EAN-13 bars: GS1's nominal height unless shortened (to half "
             "of it at least)", barcode_height),
    PrintKey("ink_limit", int, 300,
             "the press preflight's total ink limit, in % (100 to 400)", ink_limit),
    PrintKey("loose_lines", Annotated[float, Field(ge=0.1, le=3)], 0.5,
             "the typographic report (`check --pages`): a justified line whose word spaces "
             "are stretched by more than this share of the face's own space is loose "
             "(0.1 to 3)"),
    PrintKey("short_last_line", Annotated[float, Field(ge=0, le=0.9)], 0.1,
             "the typographic report: a paragraph's last line shorter than this share of "
             "the measure is reported (0 to 0.9)"),
)
#: the check of each key that needs more than its type
PRINT_CHECKS: dict[str, Callable[[Any], Any]] = {k.name: k.check for k in PRINT_KEYS if k.check}


def _fields(key: PrintKey, value: Any) -> dict[str, Any]:
    """The profile fields `value` (checked) of `key` sets, in the profile's order."""
    if not key.fields:
        return {key.name: value}
    return {name: value[name] for name in key.fields if name in value}


#: What `[print]` means when the file does not say: every field of a profile.
PRINT_DEFAULTS: dict[str, Any] = {
    name: value for key in PRINT_KEYS
    for name, value in _fields(key, key.check(key.default) if key.check else key.default).items()}


# ------------------------------------------------------------------ the tables
class _PrintTable(Model):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              arbitrary_types_allowed=True)

    @field_validator("*", mode="before")
    @classmethod
    def _check(cls, v: Any, info: ValidationInfo) -> Any:
        check = PRINT_CHECKS.get(info.field_name)
        return check(v) if check else v

    def layer(self) -> dict[str, Any]:
        """The profile fields this table sets."""
        out: dict[str, Any] = {}
        for key in PRINT_KEYS:
            if key.name in self.model_fields_set:
                out.update(_fields(key, getattr(self, key.name)))
        return out


PrintSettings = create_model(
    "PrintSettings", __base__=_PrintTable, __module__=__name__,
    __doc__="Keys shared by `[print]` and `[print.profiles.NAME]`, one field a row of "
            "PRINT_KEYS; a key the table does not set is inherited.",
    **{key.name: (Optional[dict[str, key.type] if key.fields else key.type], None)
       for key in PRINT_KEYS})


class PrintConfig(PrintSettings):  # type: ignore[misc, valid-type]
    """`[print]`: its own keys and its profiles."""
    profiles: dict[str, PrintSettings] = {}  # type: ignore[valid-type]


# ------------------------------------------------------------------ profiles
def _has_bleed(self) -> bool:
    return self.bleed.pt > 0


PrintProfile = dataclasses.make_dataclass(
    "PrintProfile",
    [("name", str, dataclasses.field(default="default")),
     *[(name, key.type, dataclasses.field(default=PRINT_DEFAULTS[name]))
       for key in PRINT_KEYS for name in (key.fields or (key.name,))]],
    frozen=True,
    namespace={"has_bleed": property(_has_bleed, doc="Whether the page has a bleed."),
               "__module__": __name__,
               "__doc__": """A resolved print profile: `name` ("default" for `[print]` itself)
    and a field for each row of PRINT_KEYS (`trim`: `width` and `height`; `margins`:
    `margin_top`, `margin_bottom`, `margin_inner`, `margin_outer`), defaults as
    PRINT_DEFAULTS. Lengths are `Length`s: `.pt` for sums, `str()` for CSS."""})


#: Profiles shipped when the file does not define one of that name, written
#: as the file would (and checked like it). Applied on top of the file's
#: [print]. `press`'s bleed is PRESS_BLEED unless [print] sets one.
BUILTIN_PROFILES: dict[str, dict[str, Any]] = {
    # press-ready: PDF/X-4 with a FOGRA39 CMYK output intent (kroppress.render.icc)
    "press": {"crop_marks": True, "round_pages_to": 4, "pdf_variant": "pdf/x-4"},
    "proof": {"crop_marks": False, "bleed": "0"},
    # a tagged, accessible PDF for reading on screen
    "screen": {"crop_marks": False, "bleed": "0", "pdf_variant": "pdf/ua-1"},
    # `--format booklet` without --profile: [print] (its sheet, signature_sheets,
    # creep and marks included) laid out at half the sheet, no bleed or crop marks
    "booklet": {"crop_marks": False, "bleed": "0", "pdf_variant": "none"},
}
PRESS_BLEED = "0.125in"


def resolve_profile(name: str, layers: Sequence[dict[str, Any]]) -> PrintProfile:
    """The profile `name` of the defaults with `layers` (`PrintSettings.layer()`)
    on top, the last one winning."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update(layer)
    return PrintProfile(name=name, **merged)


def resolve_profiles(settings: PrintConfig) -> tuple[PrintProfile, dict[str, PrintProfile]]:
    """The default profile of `[print]` and every named one: the built-in
    ones, then the file's (a file's profile replaces a built-in of its name)."""
    base = settings.layer()
    default = resolve_profile("default", [base])
    profiles: dict[str, PrintProfile] = {}
    for name, table in BUILTIN_PROFILES.items():
        if name == "press" and str(default.bleed) == "0":
            table = {**table, "bleed": PRESS_BLEED}
        profiles[name] = resolve_profile(name, [base, PrintSettings.model_validate(table).layer()])
    for name, own in settings.profiles.items():
        profiles[name] = resolve_profile(name, [base, own.layer()])
    return default, profiles


@functools.cache
def _unconfigured() -> tuple[PrintProfile, dict[str, PrintProfile]]:
    return resolve_profiles(PrintConfig())


def default_profile() -> PrintProfile:
    """The profile `[print]` gives when the config says nothing."""
    return _unconfigured()[0]


def builtin_profile(name: str) -> PrintProfile:
    """The built-in profile `name` when the config says nothing (`booklet`…)."""
    return _unconfigured()[1][name]


# ------------------------------------------------------------------ the README
def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def key_table() -> str:
    """The README's table of print keys, made from PRINT_KEYS."""
    rows = ["| key | default | what it does |", "|---|---|---|"]
    rows += [f"| `{k.name}` | `{_toml(k.default)}` | {k.help} |" for k in PRINT_KEYS]
    return "\n".join(rows) + "\n"


#: the README's key table sits between these two lines
README_MARKERS = ("<!-- print-keys: made from kroppress.config.print.PRINT_KEYS -->\n",
                  "<!-- /print-keys -->\n")


def with_key_table(readme: str) -> str:
    """`readme` with the table between README_MARKERS made anew (`update_readme`)."""
    start, end = README_MARKERS
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}{key_table()}{end}{tail}"


def update_readme(path: str | Path = "README.md") -> None:
    """Write the key table into the README at `path`, after adding a row."""
    path = Path(path)
    path.write_text(with_key_table(path.read_text(encoding="utf-8")), encoding="utf-8")
