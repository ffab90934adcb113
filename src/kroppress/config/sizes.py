"""The sizes and materials `[print]` names, and the checks of their keys.

Trim sizes, booklet sheets, PDF variants, the paper of the wrap cover's
spine; each check takes the TOML value and returns it checked (lengths as
`Length`) or raises ValueError("what; fix"). `print.PRINT_KEYS` says which
key each check is for.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from .fields import length, non_ascii_digit
from .length import LENGTH_RE, Length
from .locate import describe


def _pair(width: str, height: str) -> tuple[Length, Length]:
    return Length.parse(width), Length.parse(height)


#: Named trim sizes (width, height), case-insensitive.
TRIM_SIZES: dict[str, tuple[Length, Length]] = {
    "a4": _pair("210mm", "297mm"),
    "a5": _pair("148mm", "210mm"),
    "a6": _pair("105mm", "148mm"),
    "b5": _pair("176mm", "250mm"),
    "letter": _pair("8.5in", "11in"),
    "6x9": _pair("6in", "9in"),
    "5x8": _pair("5in", "8in"),
    "5.25x8": _pair("5.25in", "8in"),
    "5.5x8.5": _pair("5.5in", "8.5in"),
    "digest": _pair("5.5in", "8.5in"),
}

#: PDF variants WeasyPrint understands (kept here so loading a config never
#: imports WeasyPrint).
PDF_VARIANTS = ("pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a",
                "pdf/a-3b", "pdf/a-3u", "pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/ua-1",
                "pdf/ua-2", "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g")

#: `margins` as a string: the CSS shorthand's order, reading right as outer
MARGIN_SIDES = ("top", "outer", "bottom", "inner")

#: Booklet sheets (`sheet = …`): the sheet (portrait, in pt) and the booklet's
#: page, half of it.
BOOKLET_SHEETS: dict[str, tuple[tuple[float, float], tuple[Length, Length]]] = {
    "letter": ((612.0, 792.0), _pair("5.5in", "8.5in")),
    "a4": ((595.2756, 841.8898), _pair("148mm", "210mm")),
}
IMPOSITIONS = ("saddle",)


def trim(value: Any) -> dict[str, Length]:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {describe(value)}; write e.g. "
                         "trim = \"5.5in 8.5in\" or trim = \"A5\"")
    v = value.strip().lower()
    why = non_ascii_digit(v)
    if why:
        raise ValueError(why)
    if v in TRIM_SIZES:
        width, height = TRIM_SIZES[v]
        return {"width": width, "height": height}
    parts = v.split()
    if len(parts) == 2 and all(LENGTH_RE.match(p) and p != "0" for p in parts):
        return {"width": Length.parse(parts[0]), "height": Length.parse(parts[1])}
    raise ValueError(f"{value!r} is not a trim size; write \"WIDTH HEIGHT\" (e.g. \"5.5in 8.5in\") "
                     f"or a name: {', '.join(TRIM_SIZES)}")


def margins(value: Any) -> dict[str, Length]:
    """"0.75in" | "top outer-and-inner" | "top outer bottom" | "top outer bottom inner"
    (CSS shorthand order, reading right as outer and left as inner), or a table
    with any of top, bottom, inner, outer. Returns the profile's fields it sets
    (`margin_top`…)."""
    if isinstance(value, dict):
        unknown = [k for k in value if k not in MARGIN_SIDES]
        if unknown:
            raise ValueError(f"unknown margin {unknown[0]!r}; use top, bottom, inner and outer")
        return {f"margin_{k}": length(v) for k, v in value.items()}
    if not isinstance(value, str):
        raise ValueError(f"expected a string or a table, got {describe(value)}; write e.g. "
                         "margins = \"0.75in 0.625in 0.875in 0.875in\" (top outer bottom inner)")
    vals = [length(p) for p in value.split()]
    if not 1 <= len(vals) <= 4:
        raise ValueError(f"{value!r} has {len(vals)} lengths; give 1 to 4 (top outer bottom inner)")
    if len(vals) == 1:
        vals *= 4
    elif len(vals) == 2:
        vals = [vals[0], vals[1], vals[0], vals[1]]
    elif len(vals) == 3:
        vals = [vals[0], vals[1], vals[2], vals[1]]
    return {f"margin_{side}": v for side, v in zip(MARGIN_SIDES, vals)}


def pdf_variant(value: Any) -> str | None:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {describe(value)}; write e.g. \"pdf/a-3b\"")
    v = value.strip().lower()
    if v in ("", "none"):
        return None
    if v not in PDF_VARIANTS:
        close = difflib.get_close_matches(v, PDF_VARIANTS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ValueError(f"unknown PDF variant {value!r}; {hint}use one of {', '.join(PDF_VARIANTS)} "
                         "or \"none\"")
    return v


# ------------------------------------------------------------------ booklets
def impose(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {describe(value)}; write impose = \"saddle\"")
    v = value.strip().lower()
    if v not in IMPOSITIONS:
        raise ValueError(f"{value!r} is not an imposition kroppress knows; write impose = "
                         "\"saddle\" (folded sheets stapled on the fold, the only one for now)")
    return v


def sheet(value: Any) -> str:
    names = " or ".join(f'"{n}"' for n in BOOKLET_SHEETS)
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {describe(value)}; write sheet = {names}")
    v = value.strip().lower()
    if v not in BOOKLET_SHEETS:
        raise ValueError(f"{value!r} is not a booklet sheet; write sheet = {names} "
                         "(the paper the home printer takes)")
    return v


def signature_sheets(value: Any) -> int:
    fix = ("write 0 (one signature of all the sheets) or the number of sheets folded "
           "together in each signature, e.g. 4")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {describe(value)}; {fix}")
    if not 0 <= value <= 256:
        raise ValueError(f"{value} sheets per signature is not possible; {fix}")
    return value


#: creep is one sheet's thickness: paper is a fraction of a millimetre thick
MAX_CREEP_MM = 1.0


def creep(value: Any) -> Length | str:
    if isinstance(value, str) and value.strip().lower() == "auto":
        return "auto"       # a leaf of `paper` (writers.pdf.booklet.creep_thickness)
    fix = ("write the paper's thickness with a unit, e.g. creep = \"0.1mm\" (\"0\" for none, "
           "\"auto\" from the paper)")
    try:
        v = length(value)
    except ValueError as exc:
        raise ValueError(f"{str(exc).split('; ', 1)[0]}; {fix}") from None
    if v.pt * 25.4 / 72 > MAX_CREEP_MM:
        raise ValueError(f"creep = {value!r} is thicker than any sheet of paper (a sheet is a "
                         f"fraction of a millimetre; at most {MAX_CREEP_MM:g}mm here); {fix}")
    return v


#: GS1's nominal EAN-13 bar height; a cover may shorten the bars to half of it
BARCODE_NOMINAL_MM = 22.85


def barcode_height(value: Any) -> Length:
    fix = ("write the bars' height, at most GS1's nominal 22.85mm and at least half of it, "
           "e.g. barcode_height = \"15mm\"")
    v = length(value)
    mm = v.pt * 25.4 / 72
    if not BARCODE_NOMINAL_MM / 2 - 0.01 <= mm <= BARCODE_NOMINAL_MM + 0.01:
        raise ValueError(f"barcode_height = {value!r} ({mm:.2f} mm); {fix}")
    return v


def ink_limit(value: Any) -> int:
    fix = "write the total ink limit in percent, e.g. ink_limit = 300 (coated offset paper)"
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {describe(value)}; {fix}")
    if not 100 <= value <= 400:
        raise ValueError(f"ink_limit = {value}: four inks make 100 to 400 %; {fix}")
    return value


# ------------------------------------------------------------------ paper (the wrap cover's spine)
#: KDP's per-page thickness of white (50-60 lb uncoated) paper: spine = pages × 0.002252in
DEFAULT_CALIPER = Length.parse("0.002252in")
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
    caliper: Length | None = DEFAULT_CALIPER
    ppi: float | None = None

    def spine_in(self, pages: int) -> float:
        """The spine width in inches for a book of `pages` pages."""
        if self.ppi:
            return pages / self.ppi
        return pages * (self.caliper or DEFAULT_CALIPER).inches


def paper(value: Any) -> Paper:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table, got {describe(value)}; {_PAPER_FIX}")
    unknown = [k for k in value if k not in ("caliper", "ppi")]
    if unknown:
        raise ValueError(f"unknown paper key {unknown[0]!r}; {_PAPER_FIX}")
    if len(value) != 1:
        raise ValueError(("both caliper and ppi are given" if value else "no caliper or ppi "
                          "given") + f"; give exactly one: {_PAPER_FIX}")
    if "ppi" in value:
        ppi = value["ppi"]
        if isinstance(ppi, bool) or not isinstance(ppi, (int, float)):
            raise ValueError(f"ppi: expected a number of pages per inch, got {describe(ppi)}; "
                             "write it without quotes, e.g. paper = { ppi = 444 }")
        if not 100 <= ppi <= 2000:
            raise ValueError(f"ppi = {ppi} is not a paper's pages per inch (book papers have "
                             "200 to 1000); check the number, e.g. paper = { ppi = 444 }")
        return Paper(caliper=None, ppi=float(ppi))
    caliper = value["caliper"]
    why = non_ascii_digit(caliper) if isinstance(caliper, str) else None
    if why:
        raise ValueError(why)
    if not isinstance(caliper, str) or not LENGTH_RE.match(caliper.strip().lower()) \
            or caliper.strip() == "0":
        raise ValueError(f"caliper {caliper!r} is not a length with a unit; "
                         "write e.g. paper = { caliper = \"0.002252in\" } (per page) or \"0.057mm\"")
    caliper = caliper.strip().lower()
    thickness = Length.parse(caliper)
    if not 0.0008 <= thickness.inches <= 0.004:
        raise ValueError(f"caliper {caliper!r} is not the thickness of one page (book papers "
                         "have 0.0015in to 0.004in per page, a sheet twice that)"
                         "; give the per-page value, e.g. paper = { caliper = \"0.002252in\" }")
    return Paper(caliper=thickness, ppi=None)
