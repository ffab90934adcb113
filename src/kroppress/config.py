"""`anthology.toml`: load it, validate it, and say exactly where it is wrong.

The file is parsed with tomllib and validated by pydantic v2 models (every
table forbids unknown keys). Any problem becomes a one-line `ConfigError`:

    anthology.toml:12: key 'parts[0].texts[1].sourc': unknown key; did you mean 'source'?

tomllib reports no line numbers for values, so `_Locator` scans the raw TOML
for table headers (counting `[[array]]` tables) and `key =` lines, and maps a
key path such as ('parts', 0, 'texts', 1, 'source') back to a line. It falls
back to the nearest enclosing table header, then to line 1.

Every path in the file is relative to the config file's folder and must stay
inside it, after following symlinks.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import errno
import re
import tomllib
import types
import typing
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Sequence

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      ValidationError, ValidationInfo, field_validator, model_validator)

from .ids import reserved_reason
from .errors import ConfigError
from .model import BookMeta
from .transforms import cut as _cut

# --------------------------------------------------------------------------- constants

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
LENGTH_RE = re.compile(r"^(?:0|(?:\d+(?:\.\d*)?|\.\d+)(in|mm|cm|pt|pc|px|q))$", re.I)
ISO_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

#: Named trim sizes (width, height), case-insensitive.
TRIM_SIZES: dict[str, tuple[str, str]] = {
    "a4": ("210mm", "297mm"),
    "a5": ("148mm", "210mm"),
    "a6": ("105mm", "148mm"),
    "b5": ("176mm", "250mm"),
    "letter": ("8.5in", "11in"),
    "6x9": ("6in", "9in"),
    "5x8": ("5in", "8in"),
    "5.25x8": ("5.25in", "8in"),
    "5.5x8.5": ("5.5in", "8.5in"),
    "digest": ("5.5in", "8.5in"),
}

#: PDF variants WeasyPrint understands (kept here so loading a config never
#: imports WeasyPrint).
PDF_VARIANTS = ("pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a",
                "pdf/a-3b", "pdf/a-3u", "pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/ua-1",
                "pdf/ua-2", "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g")

MARGIN_SIDES = ("top", "outer", "bottom", "inner")

#: What `[print]` means when the file does not say.
PRINT_DEFAULTS: dict[str, Any] = {
    "width": "5.5in", "height": "8.5in",
    "margins": {"top": "0.75in", "outer": "0.625in", "bottom": "0.875in", "inner": "0.875in"},
    "bleed": "0", "crop_marks": False, "notes": "endnotes", "pdf_variant": None,
    "round_pages_to": 1,
    # booklets (`--format booklet`, kroppress.writers.pdf.booklet)
    "impose": "saddle", "sheet": "letter", "signature_sheets": 0, "creep": "0", "marks": True,
}
#: Profiles shipped when the file does not define one of that name. Applied on
#: top of the file's [print]. `press`'s bleed is 0.125in unless [print] sets one.
BUILTIN_PROFILES: dict[str, dict[str, Any]] = {
    # press-ready: PDF/X-4 with a FOGRA39 CMYK output intent (kroppress.icc)
    "press": {"crop_marks": True, "round_pages_to": 4, "pdf_variant": "pdf/x-4"},
    "proof": {"crop_marks": False, "bleed": "0"},
    # a tagged, accessible PDF for reading on screen
    "screen": {"crop_marks": False, "bleed": "0", "pdf_variant": "pdf/ua-1"},
    # `--format booklet` without --profile: [print] (its sheet, signature_sheets,
    # creep and marks included) laid out at half the sheet, no bleed or crop marks
    "booklet": {"crop_marks": False, "bleed": "0"},
}
#: Booklet sheets (`sheet = …`): the sheet (portrait, in pt) and the booklet's
#: page, half of it, as CSS lengths.
BOOKLET_SHEETS: dict[str, tuple[tuple[float, float], tuple[str, str]]] = {
    "letter": ((612.0, 792.0), ("5.5in", "8.5in")),
    "a4": ((595.2756, 841.8898), ("148mm", "210mm")),
}
IMPOSITIONS = ("saddle",)
PRESS_BLEED = "0.125in"


# --------------------------------------------------------------------------- value validators
# Each raises ValueError("<what is wrong>; <how to fix>").

def _iso_date(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        raise ValueError(f"expected a date, got a date-time {value.isoformat()}; "
                         "write just the date, e.g. 2024-05-01")
    if isinstance(value, _dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date, got {_describe(value)}; "
                         "write e.g. date = 2024-05-01")
    value = value.strip()
    if not ISO_DATE_RE.match(value):
        raise ValueError(f"{value!r} is not an ISO date; write YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        y, m, d = (value.split("-") + ["01", "01"])[:3]
        _dt.date(int(y), int(m), int(d))
    except ValueError:
        raise ValueError(f"{value!r} is not a real date; check the month and day") from None
    if int(y) > 2107:
        raise ValueError(f"{value!r} is after 2107-12-31, the last date a ZIP file (the EPUB) can "
                         "record; write the real publication date")
    return value


def _loose_date(value: Any) -> str:
    """Text dates may be historical and vague ("c. 1890"); TOML dates become ISO."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"expected a date or a string, got {_describe(value)}; "
                         "write e.g. date = 1890-05-01 or date = \"May 1890\"")
    return _plain(value)


def isbn13_ok(digits: str) -> bool:
    if not re.fullmatch(r"\d{13}", digits):
        return False
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def _identifier(value: str) -> str:
    """`urn:uuid:<uuid>` or an ISBN-13 (with or without `urn:isbn:`/`isbn:`,
    hyphens, spaces). Normalised to `urn:uuid:<lowercase>` / `urn:isbn:<13 digits>`."""
    v = value.strip()
    low = v.lower()
    if low.startswith("urn:uuid:"):
        try:
            return f"urn:uuid:{uuid.UUID(v[9:])}"
        except ValueError:
            raise ValueError(f"{v!r} is not a valid UUID; write urn:uuid: followed by a UUID "
                             "such as " f"{uuid.UUID(int=0x5f3e6c2a0b7d4e8f9a1b2c3d4e5f6a7b)}") from None
    for prefix in ("urn:isbn:", "isbn:", "isbn "):
        if low.startswith(prefix):
            v = v[len(prefix):].strip()
            break
    digits = re.sub(r"[\s-]", "", v)
    if re.fullmatch(r"\d{13}", digits):
        if not digits.startswith(("978", "979")):
            raise ValueError(f"ISBN {v!r} must start with 978 or 979; check the number")
        if not isbn13_ok(digits):
            total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits[:12]))
            raise ValueError(f"ISBN {v!r} has a wrong check digit (expected "
                             f"{(10 - total % 10) % 10}); check the number for a typo")
        return f"urn:isbn:{digits}"
    if re.fullmatch(r"[\dXx]{10}", digits):
        raise ValueError(f"{v!r} looks like an ISBN-10; use the 13-digit ISBN (978 + ...)")
    raise ValueError(f"{value!r} is neither urn:uuid:… nor an ISBN-13; "
                     "write identifier = \"urn:uuid:<uuid>\" or an ISBN-13 such as 978-0-00-000000-2")


def _language(value: str) -> str:
    if not LANG_RE.match(value):
        raise ValueError(f"{value!r} is not a language tag; write a BCP 47 tag such as en, fr or en-GB")
    return value


def _slug_id(value: str) -> str:
    if not SLUG_RE.match(value):
        from slugify import slugify
        raise ValueError(f"{value!r} is not a slug; use lowercase letters, digits and single "
                         f"hyphens, e.g. {slugify(value) or 'my-text'!r}")
    why = reserved_reason(value)
    if why:
        raise ValueError(f"{why}; choose another id, e.g. {'text-' + value!r}")
    return value


# C0/C1 controls (tab and newline aside) are never text in a book, and XML forbids most
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _plain(value: str) -> str:
    m = _CONTROL.search(value)
    if m:
        raise ValueError(f"holds the control character U+{ord(m.group()):04X} at position "
                         f"{m.start() + 1}; delete it (it is never text)")
    if value and not value.strip():
        raise ValueError("is only spaces; write some text between the quotes or remove the key")
    return value


def _nonempty(value: str) -> str:
    _plain(value)
    if not value.strip():
        raise ValueError("must not be empty; write some text between the quotes")
    return value


def _url(value: str) -> str:
    if not re.match(r"^https?://\S+$", value):
        raise ValueError(f"{value!r} is not an http(s) URL; write the full address, e.g. https://…")
    return value


def _length(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0:
        return "0"
    if not isinstance(value, str):
        raise ValueError(f"expected a length string, got {_describe(value)}; "
                         "write it with a unit in quotes, e.g. \"0.125in\" or \"3mm\"")
    v = value.strip().lower()
    if not LENGTH_RE.match(v):
        raise ValueError(f"{value!r} is not a length; write a number with a unit "
                         "(in, mm, cm, pt, pc, px), e.g. \"0.75in\"")
    return v


def _trim(value: Any) -> tuple[str, str]:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_describe(value)}; write e.g. "
                         "trim = \"5.5in 8.5in\" or trim = \"A5\"")
    v = value.strip().lower()
    if v in TRIM_SIZES:
        return TRIM_SIZES[v]
    parts = v.split()
    if len(parts) == 2 and all(LENGTH_RE.match(p) and p != "0" for p in parts):
        return parts[0], parts[1]
    raise ValueError(f"{value!r} is not a trim size; write \"WIDTH HEIGHT\" (e.g. \"5.5in 8.5in\") "
                     f"or a name: {', '.join(TRIM_SIZES)}")


def _margins(value: Any) -> dict[str, str]:
    """"0.75in" | "top outer-and-inner" | "top outer bottom" | "top outer bottom inner"
    (CSS shorthand order, reading right as outer and left as inner), or a table
    with any of top, bottom, inner, outer."""
    if isinstance(value, dict):
        unknown = [k for k in value if k not in MARGIN_SIDES]
        if unknown:
            raise ValueError(f"unknown margin {unknown[0]!r}; use top, bottom, inner and outer")
        return {k: _length(v) for k, v in value.items()}
    if not isinstance(value, str):
        raise ValueError(f"expected a string or a table, got {_describe(value)}; write e.g. "
                         "margins = \"0.75in 0.625in 0.875in 0.875in\" (top outer bottom inner)")
    vals = [_length(p) for p in value.split()]
    if not 1 <= len(vals) <= 4:
        raise ValueError(f"{value!r} has {len(vals)} lengths; give 1 to 4 (top outer bottom inner)")
    if len(vals) == 1:
        vals *= 4
    elif len(vals) == 2:
        vals = [vals[0], vals[1], vals[0], vals[1]]
    elif len(vals) == 3:
        vals = [vals[0], vals[1], vals[2], vals[1]]
    return dict(zip(MARGIN_SIDES, vals))


def _impose(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_describe(value)}; write impose = \"saddle\"")
    v = value.strip().lower()
    if v not in IMPOSITIONS:
        raise ValueError(f"{value!r} is not an imposition kroppress knows; write impose = "
                         "\"saddle\" (folded sheets stapled on the fold, the only one for now)")
    return v


def _sheet(value: Any) -> str:
    names = " or ".join(f'"{n}"' for n in BOOKLET_SHEETS)
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_describe(value)}; write sheet = {names}")
    v = value.strip().lower()
    if v not in BOOKLET_SHEETS:
        raise ValueError(f"{value!r} is not a booklet sheet; write sheet = {names} "
                         "(the paper the home printer takes)")
    return v


def _signature_sheets(value: Any) -> int:
    fix = ("write 0 (one signature of all the sheets) or the number of sheets folded "
           "together in each signature, e.g. 4")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {_describe(value)}; {fix}")
    if not 0 <= value <= 256:
        raise ValueError(f"{value} sheets per signature is not possible; {fix}")
    return value


def _pdf_variant(value: Any) -> str | None:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_describe(value)}; write e.g. \"pdf/a-3b\"")
    v = value.strip().lower()
    if v in ("", "none"):
        return None
    if v not in PDF_VARIANTS:
        close = difflib.get_close_matches(v, PDF_VARIANTS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ValueError(f"unknown PDF variant {value!r}; {hint}use one of {', '.join(PDF_VARIANTS)} "
                         "or \"none\"")
    return v


def _project_path(value: Any, info: ValidationInfo) -> Path:
    if not isinstance(value, str):
        raise ValueError(f"expected a path string, got {_describe(value)}; "
                         "write it in quotes, relative to the config's folder")
    ctx = info.context or {}
    root: Path = ctx.get("root") or Path.cwd().resolve()
    return check_project_path(value, root)


def check_project_path(value: str, root: Path) -> Path:
    """Resolve `value` against `root` and insist it is an existing file inside
    `root` (after following symlinks). Raises ValueError("what; fix")."""
    if not value.strip():
        raise ValueError("empty path; write the file's path relative to the config's folder")
    raw = Path(value)
    if raw.is_absolute():
        raise ValueError(f"{value!r} is an absolute path; write it relative to the config's "
                         f"folder ({root})")
    root = root.resolve()
    joined = root / raw
    try:
        target = joined.resolve()
        target.exists()
    except RuntimeError:                   # pathlib's "Symlink loop" (a link to itself)
        raise ValueError(f"{value!r} is a symbolic link that leads back to itself; "
                         "point it at a text file") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ValueError(f"{value[:40]!r}… is a name longer than the file system allows; "
                             "rename the file") from None
        if exc.errno == errno.ELOOP:
            raise ValueError(f"{value!r} is a loop of symbolic links; point the link at a text file") from None
        raise ValueError(f"{value!r} cannot be looked up ({exc.strerror}); check the path") from None
    if not target.is_relative_to(root):
        # find whether a symlink is what leads outside
        link = None
        probe = root
        for part in raw.parts:
            probe = probe / part
            if probe.is_symlink():
                link = probe
                break
        if link is not None:
            raise ValueError(f"{value!r} goes through the symlink {link.relative_to(root)} which "
                             f"points outside the project ({target}); copy the file into "
                             f"{root} instead")
        raise ValueError(f"{value!r} points outside the project folder {root}; "
                         "keep sources inside it and write the path relative to it")
    if not target.exists():
        raise ValueError(f"file {value!r} does not exist (looked for {joined}); "
                         "check the spelling or create the file")
    if not target.is_file():
        raise ValueError(f"{value!r} is not a file; point to a file, not a folder")
    return target


def _describe(value: Any) -> str:
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


IsoDate = Annotated[str, BeforeValidator(_iso_date)]
LooseDate = Annotated[str, BeforeValidator(_loose_date)]
Language = Annotated[str, AfterValidator(_language)]
Slug = Annotated[str, AfterValidator(_slug_id)]
NonEmpty = Annotated[str, AfterValidator(_nonempty)]
Plain = Annotated[str, AfterValidator(_plain)]
Url = Annotated[str, AfterValidator(_url)]
ProjectPath = Annotated[Path, BeforeValidator(_project_path)]
Identifier = Annotated[str, AfterValidator(_identifier)]


# --------------------------------------------------------------------------- paper (the wrap cover's spine)

#: KDP's per-page thickness of white (50-60 lb uncoated) paper: spine = pages × 0.002252in
DEFAULT_CALIPER = "0.002252in"
_IN = {"in": 1.0, "mm": 1 / 25.4, "cm": 1 / 2.54, "pt": 1 / 72, "pc": 1 / 6, "px": 1 / 96,
       "q": 1 / 101.6}
_PAPER_FIX = ("write paper = { caliper = \"0.002252in\" } (the thickness of one page, as KDP "
              "quotes it: spine = pages × caliper) or paper = { ppi = 444 } (pages per inch: "
              "spine = pages ÷ ppi)")


@dataclass(frozen=True)
class Paper:
    """The paper of a printed book, for the spine width of its wrap cover.

    `caliper` is the thickness of one *page* (half a leaf), as KDP, Lulu and
    IngramSpark quote it (KDP white paper: 0.002252in), so the spine is
    ``pages × caliper``; `ppi` (pages per inch) gives ``pages ÷ ppi``. One of
    the two is set."""
    caliper: str | None = DEFAULT_CALIPER
    ppi: float | None = None

    def spine_in(self, pages: int) -> float:
        """The spine width in inches for a book of `pages` pages."""
        if self.ppi:
            return pages / self.ppi
        m = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)([a-z]+)", self.caliper or DEFAULT_CALIPER)
        return pages * float(m.group(1)) * _IN[m.group(2)]


def _paper(value: Any) -> Paper:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table, got {_describe(value)}; {_PAPER_FIX}")
    unknown = [k for k in value if k not in ("caliper", "ppi")]
    if unknown:
        raise ValueError(f"unknown paper key {unknown[0]!r}; {_PAPER_FIX}")
    if len(value) != 1:
        raise ValueError(("both caliper and ppi are given" if value else "no caliper or ppi "
                          "given") + f"; give exactly one: {_PAPER_FIX}")
    if "ppi" in value:
        ppi = value["ppi"]
        if isinstance(ppi, bool) or not isinstance(ppi, (int, float)):
            raise ValueError(f"ppi: expected a number of pages per inch, got {_describe(ppi)}; "
                             "write it without quotes, e.g. paper = { ppi = 444 }")
        if not 100 <= ppi <= 2000:
            raise ValueError(f"ppi = {ppi} is not a paper's pages per inch (book papers have "
                             "200 to 1000); check the number, e.g. paper = { ppi = 444 }")
        return Paper(caliper=None, ppi=float(ppi))
    caliper = value["caliper"]
    if not isinstance(caliper, str) or not LENGTH_RE.match(caliper.strip().lower()) \
            or caliper.strip() == "0":
        raise ValueError(f"caliper {caliper!r} is not a length with a unit; "
                         "write e.g. paper = { caliper = \"0.002252in\" } (per page) or \"0.057mm\"")
    caliper = caliper.strip().lower()
    inches = Paper(caliper=caliper).spine_in(1)
    if not 0.0008 <= inches <= 0.004:
        raise ValueError(f"caliper {caliper!r} is not the thickness of one page (book papers "
                         "have 0.0015in to 0.004in per page, a sheet twice that)"
                         "; give the per-page value, e.g. paper = { caliper = \"0.002252in\" }")
    return Paper(caliper=caliper, ppi=None)


# --------------------------------------------------------------------------- models

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class BookConfig(_Model):
    title: NonEmpty
    subtitle: Plain = ""
    editors: list[NonEmpty] = []
    publisher: Plain = ""
    language: Language = "en"
    identifier: Identifier
    date: IsoDate
    edition: Plain = ""
    description: Plain = ""
    subjects: list[NonEmpty] = []
    licence: Plain = ""
    introduction: ProjectPath | None = None


class BookOverrides(_Model):
    """`[editions.NAME.book]`: any book key, replacing the `[book]` value."""
    title: NonEmpty | None = None
    subtitle: Plain | None = None
    editors: list[NonEmpty] | None = None
    publisher: Plain | None = None
    language: Language | None = None
    identifier: Identifier | None = None
    date: IsoDate | None = None
    edition: Plain | None = None
    description: Plain | None = None
    subjects: list[NonEmpty] | None = None
    licence: Plain | None = None
    introduction: ProjectPath | None = None


class TextMetadata(_Model):
    """`[parts.texts.metadata]`: replaces what the reader detected."""
    title: NonEmpty | None = None
    subtitle: Plain | None = None
    date: LooseDate | None = None
    authors: list[NonEmpty] | None = None
    translator: Plain | None = None
    rights: Plain | None = None
    first_published: LooseDate | None = None
    source_url: Url | None = None
    language: Language | None = None
    # a Markdown file with the author's biography, when the source has none
    biography: ProjectPath | None = None


class CorrectionConfig(_Model):
    find: NonEmpty
    replace: Plain
    reason: NonEmpty
    count: int = Field(default=1, ge=1)


class TextConfig(_Model):
    id: Slug
    source: ProjectPath
    headnote: ProjectPath | None = None
    include: bool = True
    metadata: TextMetadata = TextMetadata()
    corrections: list[CorrectionConfig] = []
    # a text cut from a book (section, sections, from/to, lines): transforms/cut.py
    cut: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _cut_keys(cls, data: Any) -> Any:
        return _cut.take_keys(data)


class PartConfig(_Model):
    title: NonEmpty
    introduction: ProjectPath | None = None
    texts: list[TextConfig] = []


def _creep(value: Any) -> str:
    try:
        return _length(value)
    except ValueError as exc:
        what = str(exc).split("; ", 1)[0]
        raise ValueError(f"{what}; write the paper's thickness with a unit, e.g. "
                         "creep = \"0.1mm\" (or \"0\" for none)") from None


#: the check of each `[print]` key that needs more than its type
PRINT_CHECKS = {"trim": _trim, "margins": _margins, "bleed": _length, "paper": _paper,
                "impose": _impose, "sheet": _sheet, "signature_sheets": _signature_sheets,
                "creep": _creep}


class PrintSettings(_Model):
    """Keys shared by `[print]` and `[print.profiles.NAME]`; None = inherit."""
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              arbitrary_types_allowed=True)
    trim: tuple[str, str] | None = None
    margins: dict[str, str] | None = None
    bleed: str | None = None
    crop_marks: bool | None = None
    notes: Literal["endnotes", "footnotes"] | None = None
    pdf_variant: str | None = None
    round_pages_to: int | None = Field(default=None, ge=1, le=64)
    paper: Paper | None = None
    # booklets (`--format booklet`)
    impose: str | None = None
    sheet: str | None = None
    signature_sheets: int | None = None
    creep: str | None = None
    marks: bool | None = None

    @field_validator(*PRINT_CHECKS, mode="before")
    @classmethod
    def _check(cls, v: Any, info: ValidationInfo) -> Any:
        return PRINT_CHECKS[info.field_name](v)

    @field_validator("pdf_variant", mode="before")
    @classmethod
    def _v_variant(cls, v: Any) -> Any:
        return _pdf_variant(v) or ""   # "" = explicitly none

    def layer(self) -> dict[str, Any]:
        """The keys this table sets, as PrintProfile-ish values."""
        out: dict[str, Any] = {}
        for key in self.model_fields_set:
            val = getattr(self, key)
            if key == "trim":
                out["width"], out["height"] = val
            elif key == "pdf_variant":
                out[key] = val or None
            else:
                out[key] = val
        return out


class PrintConfig(PrintSettings):
    profiles: dict[str, PrintSettings] = {}


class EditionConfig(_Model):
    texts: list[str] = Field(min_length=1)
    book: BookOverrides = BookOverrides()


class _Root(_Model):
    book: BookConfig
    parts: list[PartConfig] = Field(min_length=1)
    print: PrintConfig = PrintConfig()
    editions: dict[str, EditionConfig] = {}


# --------------------------------------------------------------------------- print profiles

@dataclass(frozen=True)
class PrintProfile:
    """A resolved print profile. Sizes are CSS lengths as strings."""
    name: str                # "default" for [print] itself
    width: str
    height: str
    margin_top: str
    margin_bottom: str
    margin_inner: str
    margin_outer: str
    bleed: str
    crop_marks: bool
    notes: Literal["endnotes", "footnotes"]
    pdf_variant: str | None
    round_pages_to: int
    paper: Paper = Paper()      # the wrap cover's spine (`kroppress.writers.pdf.cover`)
    # booklets (kroppress.writers.pdf.booklet); defaults as PRINT_DEFAULTS
    impose: str = "saddle"
    sheet: str = "letter"
    signature_sheets: int = 0
    creep: str = "0"          # the paper's thickness
    marks: bool = True        # fold marks on the sheets

    @property
    def has_bleed(self) -> bool:
        number = re.match(r"[\d.]*", self.bleed).group()
        return bool(number) and float(number) > 0


def _resolve_profile(name: str, layers: Sequence[dict[str, Any]]) -> PrintProfile:
    merged: dict[str, Any] = {k: (dict(v) if isinstance(v, dict) else v)
                              for k, v in PRINT_DEFAULTS.items()}
    for layer in layers:
        for key, val in layer.items():
            if key == "margins":
                merged["margins"].update(val)
            else:
                merged[key] = val
    m = merged["margins"]
    return PrintProfile(name=name, width=merged["width"], height=merged["height"],
                        margin_top=m["top"], margin_bottom=m["bottom"],
                        margin_inner=m["inner"], margin_outer=m["outer"],
                        bleed=merged["bleed"], crop_marks=merged["crop_marks"],
                        notes=merged["notes"], pdf_variant=merged["pdf_variant"],
                        round_pages_to=merged["round_pages_to"],
                        paper=merged.get("paper") or Paper(), impose=merged["impose"],
                        sheet=merged["sheet"], signature_sheets=merged["signature_sheets"],
                        creep=merged["creep"], marks=merged["marks"])


# --------------------------------------------------------------------------- locating lines

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


class _Locator:
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
    locator: _Locator = field(repr=False)

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
        raise self.option_error(("parts",), f"no text with id {text_id!r}",
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
                                f"--profile {name!r}: no such print profile",
                         f"use one of: {', '.join(sorted(self.profiles))}, "
                         f"or define [print.profiles.{name}]")

    # ---- editions and selection
    def edition(self, name: str) -> EditionConfig:
        if name in self.editions:
            return self.editions[name]
        known = ", ".join(sorted(self.editions)) or "none defined"
        raise self.option_error(("editions",), f"--edition {name!r}: no such edition",
                         f"define [editions.{name}] in the config, or use one of: {known}")

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
                    raise self.option_error(("parts",), f"{flag} {tid!r}: no text has this id",
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

    locator = _Locator(text)
    root = path.resolve().parent

    def fail(loc: Sequence[str | int], what: str, fix: str, more: int = 0) -> ConfigError:
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return ConfigError(f"{path}:{locator.line(loc)}: key '{format_loc(loc)}': "
                           f"{what}; {fix}{extra}" if loc else
                           f"{path}:{locator.line(loc)}: {what}; {fix}{extra}")

    try:
        model = _Root.model_validate(data, context={"root": root})
    except RecursionError:
        raise ConfigError(f"{path}: values nested too deeply for an anthology config; "
                          "flatten the nesting") from None
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # first problem in file order; within a table, an unknown key (often a
        # misspelling) explains a "missing" one better than the other way round
        rank = {"extra_forbidden": 0, "missing": 2}
        errors.sort(key=lambda e: (locator.line(_clean_loc(e["loc"])[:-1]),
                                   rank.get(e["type"], 1),
                                   locator.line(_clean_loc(e["loc"]))))
        first = errors[0]
        loc = _clean_loc(first["loc"])
        what, fix = _explain(first, loc, data)
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

    # ---- print profiles
    base_layer = model.print.layer()
    base_layer.pop("profiles", None)
    default = _resolve_profile("default", [base_layer])
    profiles: dict[str, PrintProfile] = {}
    for name, extra in BUILTIN_PROFILES.items():
        extra = dict(extra)
        if name == "press" and default.bleed == "0":
            extra["bleed"] = PRESS_BLEED
        profiles[name] = _resolve_profile(name, [base_layer, extra])
    for name, settings in model.print.profiles.items():
        profiles[name] = _resolve_profile(name, [base_layer, settings.layer()])

    return Config(path=path, root=root, book=model.book, parts=list(model.parts),
                  print=model.print, editions=dict(model.editions), profiles=profiles,
                  default_profile=default, locator=locator)


# --------------------------------------------------------------------------- explaining pydantic errors

def _clean_loc(loc: Sequence[Any]) -> tuple:
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


def _model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class holding the table at `loc`."""
    tp: Any = _Root
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


def _explain(err: dict[str, Any], loc: tuple, data: Any) -> tuple[str, str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    key = loc[-1] if loc else ""
    parent = loc[:-1]
    given = _value_at(data, loc)
    if kind == "extra_forbidden":
        model = _model_at(parent)
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
        return f"expected a string, got {_describe(given)}", "put the value in double quotes"
    if kind == "bool_type":
        return f"expected true or false, got {_describe(given)}", "write true or false without quotes"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(given)}", "write a number without quotes, e.g. 1"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "?")
        return f"{given!r} is too {'small' if 'greater' in kind else 'large'}", f"use a number {bound} {limit}"
    if kind == "list_type":
        model = _model_at(parent)
        field_tp = model.model_fields[key].annotation if model and key in model.model_fields \
            else None
        inner = typing.get_args(_unwrap(field_tp)) if field_tp is not None else ()
        if inner and isinstance(inner[0], type) and issubclass(inner[0], BaseModel):
            keys = ".".join(x for x in loc if isinstance(x, str))
            return (f"expected a list of tables, got {_describe(given)}",
                    f"write each entry under its own [[{keys}]] header (double brackets)")
        return f"expected a list, got {_describe(given)}", 'write it as ["…", "…"]'
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"expected a table, got {_describe(given)}",
                f"write it as a [{format_loc(loc)}] section or an inline table {{ key = value }}")
    if kind == "too_short":
        return "must not be empty", "add at least one item"
    if kind == "literal_error":
        return f"{given!r} is not allowed", f"use one of: {ctx.get('expected', '')}"
    if kind == "tuple_type":
        return f"unexpected {_describe(given)}", "check the value's type"
    return str(err.get("msg", "invalid value")), "check this key's value"
