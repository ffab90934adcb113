"""Note calls and ordinals keep the line spacing (issue 16).

A call ("overboard.¹") or an ordinal ("1ˢᵗ") set with `vertical-align:
super` opened up its line and rose into the descenders of the line above.
The print style sets superscripts in EB Garamond's own superior figures and
letters (OpenType sups) on the baseline, and raises by relative positioning
only what the face has no superior for; the EPUB raises with
`vertical-align: super` but gives the superscript no line height of its own.

The PDF is read back with pdfplumber: every note call (the characters of a
link to a note) and every ordinal suffix (letters right after a digit that
the reader's ORDINAL_SUFFIX takes for one) is found on the page, with the
line it stands on, and measured: the pitch (baseline to baseline) from the
line above and to the line below against the page's regular pitch, and the
clearance from the bottom of the line above (its descent line) to the
superscript's top. The same measure, applied to the book laid out with the
old rule, must report the fault.
"""
from __future__ import annotations

import collections
import dataclasses
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from kroppress.reader.patterns import ORDINAL_SUFFIX
from kroppress.writers.pdf import font_files, write_pdf

from test_pdf import EPOCH, footnoted, press, proof, project, shipped  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[3]
#: the rules before the fix, for the control: print.css raised with
#: vertical-align: super on top of common.css's relative lift (a double raise);
#: extra stylesheets are user ones in WeasyPrint, hence !important
OLD_RULE = ("sup, sup.raised { font-size: 0.65em !important; line-height: 1 !important; "
            "vertical-align: super !important; position: relative !important; "
            "top: -0.45em !important; font-variant-position: normal !important; }")


# ------------------------------------------------------------------ measuring
@dataclass
class Sup:
    page: int
    kind: str              # "call" or "ordinal"
    text: str
    line: str              # the start of the line it stands on
    size: float            # the line's type size
    pitch_above: float | None   # baseline to baseline, from the line above (same size)
    pitch_below: float | None
    clearance: float | None  # superscript top - bottom (descent line) of the line above
    base: float = 0.0        # its line's baseline, from the top of the page


@dataclass
class Measure:
    sups: list[Sup]
    #: size -> {pitch: count} between two lines of that size holding no superscript
    pitches: dict[float, collections.Counter]
    #: size -> {baseline modulo the regular pitch: count}, of the lines without one
    grid: dict[float, collections.Counter] = dataclasses.field(default_factory=dict)

    def on_grid(self, s: "Sup") -> bool:
        """The superscript's line stands where the lines without one stand
        (the baseline grid): the space above it is the block's before it (a
        heading's, made up to the grid), not opened by the superscript."""
        pitch, seen = self.regular(s.size), self.grid.get(s.size)
        if not pitch or not seen:
            return False
        usual = seen.most_common(1)[0][0]
        delta = (s.base - usual) % pitch
        return min(delta, pitch - delta) <= 0.3

    def regular(self, size: float) -> float:
        return self.pitches[size].most_common(1)[0][0] if self.pitches.get(size) else 0.0

    def usual(self, size: float, pitch: float) -> bool:
        """The regular pitch, or one that lines without a superscript have
        too (a margin between list items, a heading, a scene break)."""
        return abs(pitch - self.regular(size)) <= 0.5 or \
            any(abs(pitch - p) <= 0.1 for p in self.pitches.get(size, ()))

    def faults(self) -> list[str]:
        """What is wrong: a line opened up (or closed) by its superscript, or
        a superscript reaching into the line above."""
        bad = []
        for s in self.sups:
            for name, pitch in (("above", s.pitch_above), ("below", s.pitch_below)):
                if pitch is not None and not self.usual(s.size, pitch) and \
                        not (name == "above" and self.on_grid(s)):
                    bad.append(f"p{s.page} {s.kind} {s.text!r} ({s.line}…): pitch {name} "
                               f"{pitch:.2f} pt, not {self.regular(s.size):.2f}")
            if s.clearance is not None and s.clearance < 0:
                bad.append(f"p{s.page} {s.kind} {s.text!r} ({s.line}…): top "
                           f"{-s.clearance:.2f} pt into the line above")
        return bad

    def within_blocks(self) -> list[Sup]:
        """Superscripts on a line with a line of their size above and below,
        both at the regular pitch: the plain case of a call mid-paragraph."""
        return [s for s in self.sups if s.pitch_above is not None and s.pitch_below is not None
                and abs(s.pitch_above - self.regular(s.size)) <= 0.5
                and abs(s.pitch_below - self.regular(s.size)) <= 0.5]


def _baseline(page, c) -> float:
    return page.height - c["matrix"][5]


def _rows(page, chars) -> list[dict]:
    """Lines of `chars`, top to bottom: baseline, chars, dominant size."""
    by_base: dict[float, list] = {}
    for c in sorted(chars, key=lambda c: _baseline(page, c)):
        b = _baseline(page, c)
        key = next((k for k in by_base if abs(k - b) < 0.3), b)
        by_base.setdefault(key, []).append(c)
    rows = []
    for b, cs in sorted(by_base.items()):
        size = collections.Counter(round(c["size"], 1) for c in cs).most_common(1)[0][0]
        rows.append(dict(base=b, chars=sorted(cs, key=lambda c: c["x0"]), size=size))
    return rows


def _dest(annot) -> str | None:
    dest = (annot.get("data") or {}).get("Dest")
    return dest.decode("utf-8", "replace") if isinstance(dest, bytes) else dest


def _calls(page, chars, note_ids: set[str]) -> list[list[dict]]:
    """The characters of each link to a note."""
    groups = []
    for a in page.annots or []:
        if _dest(a) not in note_ids:
            continue
        inside = [c for c in chars if a["x0"] - 0.3 <= (c["x0"] + c["x1"]) / 2 <= a["x1"] + 0.3
                  and a["top"] - 1 <= (c["top"] + c["bottom"]) / 2 <= a["bottom"] + 1]
        if inside:
            groups.append(inside)
    return groups


def _next_to(page, chars, c, host, left=False) -> list[dict]:
    """Letters and digits right after (or before) `c` on the line of `host`,
    on its baseline or raised above it."""
    out = []
    for o in chars:
        if o is c or not o["text"].isalnum():
            continue
        gap = (c["x0"] - o["x1"]) if left else (o["x0"] - c["x1"])
        if -0.2 < gap < 0.6 and -0.2 < _baseline(page, host) - _baseline(page, o) < 0.8 * host["size"]:
            out.append(o)
    return out


def _ordinals(page, chars) -> list[list[dict]]:
    """[digit, letters…]: the letters right after a digit that make a word
    of their own and an ordinal suffix ("1st"; not the "e" of "89e5f")."""
    groups = []
    for d in chars:
        if not d["text"].isdigit() or [o for o in _next_to(page, chars, d, d, True)
                                       if o["text"].isalpha()]:
            continue
        run, at = [], d
        while True:
            nxt = [c for c in _next_to(page, chars, at, d) if c["text"].isalpha()]
            if not nxt:
                break
            at = min(nxt, key=lambda c: abs(c["x0"] - at["x1"]))
            run.append(at)
        if run and ORDINAL_SUFFIX.match("".join(c["text"] for c in run)) \
                and not _next_to(page, chars, run[-1], d):
            groups.append([d, *run])
    return groups


def measure(path: Path, note_ids: set[str]) -> Measure:
    """Every note call and ordinal of the PDF at `path`, measured."""
    sups: list[Sup] = []
    pitches: dict[float, collections.Counter] = collections.defaultdict(collections.Counter)
    lone: dict[float, list[float]] = collections.defaultdict(list)
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            chars = [c for c in page.chars if c["text"].strip() and c.get("upright", True)]
            found = [("call", g, None) for g in _calls(page, chars, note_ids)]
            found += [("ordinal", g[1:], g[0]) for g in _ordinals(page, chars)]
            sup_ids = {id(c) for _, g, _ in found for c in g}
            rows = _rows(page, [c for c in chars if id(c) not in sup_ids])
            hosts = []
            for kind, group, host in found:
                if host is None:     # a call: it stands on the line of the char before it
                    first = min(group, key=lambda c: c["x0"])
                    row = next((r for r in rows if any(
                        abs(c["x1"] - first["x0"]) < 1.5 and
                        -0.2 < r["base"] - _baseline(page, first) < 0.8 * r["size"]
                        for c in r["chars"])), None)
                    if row is None:
                        continue
                else:
                    row = next(r for r in rows if any(c is host for c in r["chars"]))
                hosts.append(id(row))
                i = rows.index(row)
                above = rows[i - 1] if i > 0 else None
                below = rows[i + 1] if i + 1 < len(rows) else None
                same = lambda r: r is not None and r["size"] == row["size"]  # noqa: E731
                sups.append(Sup(
                    page=n, kind=kind, text="".join(c["text"] for c in group),
                    line="".join(c["text"] for c in row["chars"])[:40], size=row["size"],
                    pitch_above=row["base"] - above["base"] if same(above) else None,
                    pitch_below=below["base"] - row["base"] if same(below) else None,
                    clearance=(min(c["top"] for c in group)
                               - max(c["bottom"] for c in above["chars"])) if above else None,
                    base=row["base"]))
            for r in rows:
                if id(r) not in hosts:
                    lone[r["size"]].append(r["base"])
            for r0, r1 in zip(rows, rows[1:]):
                if r0["size"] == r1["size"] and id(r0) not in hosts and id(r1) not in hosts:
                    pitches[r0["size"]][round(r1["base"] - r0["base"], 1)] += 1
    measured = Measure(sups, dict(pitches))
    for size, bases in lone.items():
        pitch = measured.regular(size)
        if pitch:
            measured.grid[size] = collections.Counter(round(b % pitch, 1) for b in bases)
    return measured


# ------------------------------------------------------------------ fixtures
def _note_ids(book) -> set[str]:
    return {note.id for part in book.parts for entry in part.entries
            for note in entry.doc.notes if note.id}


@pytest.fixture(scope="module")
def note_ids(shipped):
    return _note_ids(shipped[1])


@pytest.fixture(scope="module")
def old_style(shipped, tmp_path_factory) -> Path:
    """The shipped book laid out (press profile) with the rule before the fix."""
    config, book = shipped
    path = tmp_path_factory.mktemp("old-sup") / "old.pdf"
    # the press layout without PDF/X: a press file has no links, and the calls are found by theirs
    press = dataclasses.replace(config.print_profile("press"), pdf_variant=None)
    return write_pdf(book, path, epoch=EPOCH, profile=press,
                     stylesheets=[OLD_RULE])


# ------------------------------------------------------------------ the PDF
# the proof: the press layout with its links (a press file has none: PDF/X), which find the calls
@pytest.mark.parametrize("which", ["proof", "footnoted"])
def test_superscripts_keep_the_line_spacing(which, request, note_ids):
    pdf = request.getfixturevalue(which)
    m = measure(pdf.path, note_ids)
    calls = [s for s in m.sups if s.kind == "call"]
    links = [a for page in pdf.plumber.pages for a in page.annots or []
             if _dest(a) in note_ids]
    assert len(calls) == len(links) >= 8           # every call of the book is found
    assert sum(s.kind == "ordinal" for s in m.sups) >= 5
    assert len(m.within_blocks()) >= 0.6 * len(m.sups)   # mostly mid-paragraph
    assert m.faults() == []
    # the face's superiors: on the baseline, at the text size
    for s in m.within_blocks():
        assert s.clearance == pytest.approx(m.regular(s.size) - s.size, abs=0.05), s


def test_the_measure_reports_the_old_rule(old_style, note_ids):
    """The control: the old rule (0.65em, `vertical-align: super`, line
    height 1) sets calls and ordinals into the line above (the "2" after
    "America;" on folio 4 touched "enough"); the measure says so."""
    m = measure(old_style, note_ids)
    bad = m.faults()
    assert len([s for s in m.sups if s.kind == "call"]) >= 8
    into = [b for b in bad if "into the line above" in b]
    assert len(into) >= 0.8 * len(m.sups), bad
    assert any(" call " in b for b in into) and any(" ordinal " in b for b in into)


def test_the_measure_reports_an_opened_line(tmp_path, make_book):
    """The other control: a raise that gives the superscript a line height
    of its own opens up the line; the pitch check says so."""
    book = make_book()
    path = write_pdf(book, tmp_path / "open.pdf", epoch=EPOCH, stylesheets=[
        "sup { vertical-align: super !important; font-size: 0.8em !important; "
        "font-variant-position: normal !important; }"])
    bad = measure(path, _note_ids(book)).faults()
    assert any(" call " in b and "pitch above" in b for b in bad), bad
    clean = write_pdf(book, tmp_path / "clean.pdf", epoch=EPOCH)
    # (the calls: the few notes of this book show too few lines without a
    # superscript to tell the margin between two notes from an opened line)
    assert [b for b in measure(clean, _note_ids(book)).faults() if " call " in b] == []


def test_superiors_are_the_faces_own(press):
    """What the template leaves to the face's sups feature (SUPERIORS in
    macros.xhtml.j2) is covered by it, in roman and italic; no shrunken call
    figures are left in the PDF (the old ones were 0.65 x 11 pt)."""
    from fontTools.ttLib import TTFont

    from kroppress.writers.pdf.measure import single_substitutions
    template = (ROOT / "templates" / "macros.xhtml.j2").read_text(encoding="utf-8")
    trusted = re.search(r'set SUPERIORS = "([^"]*)"', template).group(1)
    assert set("0123456789stndrh*†‡") <= set(trusted)
    for path in font_files().values():
        font = TTFont(path)
        cmap = font.getBestCmap()
        sups = single_substitutions(font, "sups")
        # º and ª are superior already
        missing = [ch for ch in trusted if ch not in "ºª" and cmap.get(ord(ch)) not in sups]
        assert missing == [], (path.name, missing)
    assert not [c for page in press.plumber.pages for c in page.chars
                if c["text"].isdigit() and abs(c["size"] - 7.15) < 0.05]


def test_a_character_without_a_superior_is_raised(tmp_path, make_book):
    """The template marks what the face has no superior for ("raised"); the
    print style sets it smaller and lifts it, without opening up the line."""
    from kroppress.model import Paragraph, Superscript, Text
    from kroppress.writers.pdf import default_profile, print_html

    def extra(book):
        book.parts[0].entries[0].doc.blocks.insert(1, Paragraph([Text(
            "A long paragraph to make lines around the raised one, with a unit of "
            "ten to the power minus three written 10"), Superscript([Text("−3")]),
            Text(" here, and it goes on for a while so that there is a line below it as "
                 "well, and another one after that, to measure the pitch both ways.")]))
    book = make_book(extra=extra)
    html = print_html(book, default_profile())
    assert '<sup class="raised">−3</sup>' in html
    assert "<sup>st</sup>" in html and '<sup class="noteref">' in html   # covered: no class
    path = write_pdf(book, tmp_path / "raised.pdf", epoch=EPOCH)
    with pdfplumber.open(path) as pdf:
        page = next(p for p in pdf.pages if any(c["text"] == "−" for c in p.chars))
        chars = [c for c in page.chars if c["text"].strip()]
        minus = next(c for c in chars if c["text"] == "−")
        three = next(c for c in chars if c["text"] == "3" and abs(c["x0"] - minus["x1"]) < 0.6)
        host = next(c for c in chars if c["text"] == "0" and abs(c["x1"] - minus["x0"]) < 1.5)
        assert minus["size"] == pytest.approx(0.7 * 11, abs=0.05)
        assert _baseline(page, host) - _baseline(page, minus) == pytest.approx(0.4 * 7.7,
                                                                             abs=0.3)
        rows = _rows(page, [c for c in chars if c is not minus and c is not three])
        i = next(i for i, r in enumerate(rows) if any(c is host for c in r["chars"]))
        assert rows[i]["base"] - rows[i - 1]["base"] == pytest.approx(14.5, abs=0.5)
        assert rows[i + 1]["base"] - rows[i]["base"] == pytest.approx(14.5, abs=0.5)
        assert min(minus["top"], three["top"]) > max(c["bottom"] for c in rows[i - 1]["chars"])


# ------------------------------------------------------------------ the EPUB
def _declarations(css: str, selector) -> dict[str, str]:
    """The declarations of every rule whose selector list has `selector`
    (a predicate on one selector), in cascade order: the last one wins."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: dict[str, str] = {}
    for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if any(selector(x.strip()) for x in sel.split(",")):
            for decl in body.split(";"):
                if ":" in decl:
                    k, v = decl.split(":", 1)
                    out[k.strip()] = v.strip()
    return out


def test_epub_superscripts_add_no_leading(tmp_path, book):
    """In the EPUB's cascade (common.css, then epub.css) a superscript, call
    or ordinal, is smaller and raised by vertical-align (which readers
    honour) with no line height of its own (line-height 0), so it adds no
    leading; and has no font-variant-position (a reader that honours it
    would raise it twice). The control: the old print rule fails the same
    check."""
    from kroppress.writers.epub import STYLESHEETS, write_epub
    path = write_epub(book, tmp_path / "book.epub", epoch=EPOCH)
    with zipfile.ZipFile(path) as z:
        css_files = {n.rsplit("/", 1)[-1]: z.read(n).decode("utf-8")
                     for n in z.namelist() if n.endswith(".css")}
        xhtml = "\n".join(z.read(n).decode("utf-8") for n in z.namelist()
                          if n.endswith(".xhtml"))
    assert '<sup class="noteref"><a' in xhtml and "<sup>st</sup>" in xhtml
    css = "\n".join(css_files[name] for name in STYLESHEETS)

    def adds_no_leading(decls: dict[str, str]) -> bool:
        raised = decls.get("vertical-align", "baseline") != "baseline"
        size = re.fullmatch(r"(0?\.\d+)em|(\d\d)%", decls.get("font-size", ""))
        return (raised and decls.get("line-height") in ("0", "0em")
                and decls.get("position", "static") == "static"
                and size is not None and "font-variant-position" not in decls)

    for selector in (lambda s: s == "sup",                      # ordinals
                     lambda s: s in ("sup", "sup.noteref")):    # calls
        assert adds_no_leading(_declarations(css, selector)), _declarations(css, selector)
    old_print = "sup { font-size: 0.65em; line-height: 1; vertical-align: super; }"
    assert not adds_no_leading(_declarations(old_print, lambda s: s == "sup"))



#: per paragraph holding a superscript: the pitches (px) between the bottoms
#: of its lines, measured on the text outside the superscripts
_PITCHES_JS = """() => Array.from(document.querySelectorAll('p')).filter(p => p.querySelector('sup'))
  .map(p => {
    const ys = new Set();
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const t = walk.currentNode;
      if (t.parentNode.closest('sup')) continue;
      for (let i = 0; i < t.length; i++) {
        const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
        const b = r.getBoundingClientRect();
        if (b.height) ys.add(Math.round(b.bottom * 10) / 10);
      }
    }
    const k = [...ys].sort((a, b) => a - b);
    return k.slice(1).map((y, i) => y - k[i]);
  })"""


def test_epub_lines_with_superscripts_keep_their_pitch_in_chromium(tmp_path, book, browser):
    """The EPUB in a reading system's engine (Chromium): a paragraph with a
    call or an ordinal has one line pitch throughout; the same page with the
    superscript raised with leading of its own (line-height normal) does not."""
    from kroppress.writers.epub import write_epub
    path = write_epub(book, tmp_path / "book.epub", epoch=EPOCH)
    with zipfile.ZipFile(path) as z:
        z.extractall(tmp_path / "x")
    doc = next((tmp_path / "x").rglob("action-of-the-masses.xhtml"))
    page = browser.new_page(viewport={"width": 420, "height": 900})
    try:
        page.goto(doc.as_uri())
        paragraphs = [p for p in page.evaluate(_PITCHES_JS) if len(p) >= 2]
        assert len(paragraphs) >= 2
        for pitches in paragraphs:
            assert max(pitches) - min(pitches) <= 0.5, pitches
        # the control: a raise with leading of its own (whatever the fonts the
        # engine finds: the PDF tests' fontconfig may be in force by now)
        page.add_style_tag(content="sup { line-height: normal !important; "
                                   "vertical-align: 1em !important }")
        opened = [p for p in page.evaluate(_PITCHES_JS) if len(p) >= 2]
        assert any(max(p) - min(p) > 1 for p in opened), opened
    finally:
        page.close()
