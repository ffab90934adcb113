"""Recognisers shared by the rules for whole books as released (Project
Gutenberg's plain texts): the frame, headings, notes. General shapes only:
nothing here names a particular book."""
from __future__ import annotations

import re

# ---------------------------------------------------------------- the frame
# "*** START OF THE PROJECT GUTENBERG EBOOK X ***", "***START OF THIS …",
# the 1990s "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*"
START = re.compile(r"^\W*\*{3}\s*start\s+of\s+(?:the|this)\s+project\s+gutenberg\b.*$"
                   r"|^\W*\*\s*end\s*\*?\s*the\s+small\s+print\b.*$", re.I)
END = re.compile(r"^\W*\*{3}\s*end\s+of\s+(?:the|this)\s+project\s+gutenberg\b.*$", re.I)
# "End of the Project Gutenberg EBook of X", "End of Project Gutenberg's X", "End of Project Gutenberg Etext of X"
END_OF = re.compile(r"^\W*end\s+of\s+(?:the\s+)?project\s+gutenberg(?:['’]s|\s+e-?(?:book|text))", re.I)
# the first line of a release: "The Project Gutenberg EBook of Title, by Author"
OPENING = re.compile(r"^\W*(?:the\s+)?project\s+gutenberg(?:['’]s|\s+e-?(?:book|text))\s+(?:of\s+)?(.+?)"
                     r"(?:,\s+by\s+(.+?))?\s*$", re.I)
PRODUCED = re.compile(r"^\W*(?:(?:this\s+)?(?:e-?text|e-?book|file)\s+(?:was\s+)?)?(?:produced|prepared|"
                      r"transcribed|scanned)\s+(?:from\s+.{0,120}?\s+)?by\b|^\W*produced\s+by\s*:", re.I)
TRANSCRIBER = re.compile(r"^\W*transcriber['’]?s['’]?\s+notes?\b|^(?=.{0,60}$).*\b(?:noted|added|made)\s+by\s+(?:the\s+)?transcriber\b|^\W*\[?\s*notes?\s+by\s+the\s+transcriber\b", re.I)
RELEASE = re.compile(r"\[e-?(?:book|text)\s*#\s*(\d+)\]", re.I)

# ---------------------------------------------------------------- headings
ROMAN = r"[IVXLC]{1,7}"
_ORDINAL = (r"FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|ELEVENTH|TWELFTH|"
            r"THIRTEENTH|FOURTEENTH|FIFTEENTH|SIXTEENTH|SEVENTEENTH|EIGHTEENTH|NINETEENTH|TWENTIETH|LAST")
_CARDINAL = (r"ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|THIRTEEN|FOURTEEN|"
             r"FIFTEEN|SIXTEEN|SEVENTEEN|EIGHTEEN|NINETEEN|TWENTY(?:[- ](?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE))?")
_NUM = rf"(?:{ROMAN}|\d{{1,3}}|{_ORDINAL}|{_CARDINAL}|THE\s+(?:{_ORDINAL}))"
# the kinds of numbered division, by rank: 1 holds 2 holds 3
KINDS = {"chap.": 2, "volume": 1, "book": 1, "part": 1, "act": 1,
         "chapter": 2, "essay": 2, "lecture": 2, "letter": 2, "canto": 2, "stave": 2, "sermon": 2,
         "discourse": 2, "scene": 2, "section": 3}
_KIND = "|".join(k.replace(".", r"\.") for k in KINDS)
# "CHAPTER I.", "Chapter 12", "BOOK FIRST", "PART I.", "ESSAY II", "ACT I. SCENE 2." (its title after ":", "." or "—")
NUMBERED = re.compile(rf"^(?P<kind>{_KIND})\s*(?<=[\s.])(?P<num>{_NUM})\b\.?(?:\s*(?:[.:—–-]|--)\s*(?P<title>\S.*?))?\s*$", re.I)
# "THE FIRST ACT", "THE SECOND PART"
ORDINAL_FIRST = re.compile(rf"^(?:THE\s+)?(?P<num>{_ORDINAL})\s+(?P<kind>{_KIND})\b\.?(?:\s*(?:[.:—–-]|--)\s*(?P<title>\S.*?))?\s*$", re.I)
# "I. HISTORY.", "IV.--THE SOIL", "3. Of Angling"
NUMBER_TITLE = re.compile(rf"^(?P<num>{ROMAN}|\d{{1,3}})\.?\s*(?:\.|:|—|–|--)\s*(?P<title>[A-Z\"“‘'(].*?)\s*$")
# a numeral alone: "I", "XII.", "7."
NUMERAL = re.compile(rf"^(?:{ROMAN}|\d{{1,3}})\.?$")
# headings of the front and back matter: at the level of chapters wherever they stand
MATTER = re.compile(r"^(?:preface|foreword|introduction|introductory|prologue|epilogue|afterword|appendix|"
                    r"appendices|notes|index|glossary|bibliography|conclusion|postscript|dedication|"
                    r"contents|author['’]s\s+preface|translator['’]s\s+(?:preface|introduction|note)|"
                    r"preface\s+to\s+.+|introduction\s+to\s+.+|dramatis\s+person\w+|persons\s+of\s+the\s+play|"
                    r"characters)\b\W*$", re.I)
# what closes a book or an act, never a heading: "THE END.", "END OF THE FIRST ACT.", "FINIS"
END_MARK = re.compile(r"^\W*(?:the\s+end|finis|end\s+of\s+(?:the\s+)?\w+(?:\s+\w+){0,3})\W*$", re.I)
CONTENTS = re.compile(r"^\W*(?:table\s+of\s+)?contents?\W*$|^\W*(?:list\s+of\s+)?illustrations\W*$", re.I)

# ---------------------------------------------------------------- notes
# "FOOTNOTES:", "FOOTNOTE:", "NOTES:" heading a block of notes after a chapter
NOTES_LABEL = re.compile(r"^\W*(?:foot-?notes?|notes?|end-?notes)\s*:?\W*$", re.I)
# "[Footnote 1: The note…", "[Footnote A: …", "[Footnote *: …"
FOOTNOTE_OPEN = re.compile(r"^\s*\[\s*(Footnote|Note)\s+(\d{1,3}|[A-Z]|[*†‡§]{1,3})\s*[:.]\s*", re.I)
# "[1] The note…", "[12]: …" at the start of a paragraph, "{1} …"
BRACKET_DEF = re.compile(r"^\s*[\[{](\d{1,3}|[A-Z])[\]}][.:]?[ \t]+(?=\S)")
DEF_MARK = re.compile(r"^\s*[\[{](\d{1,3}|[A-Z])[\]}][.:]?[ \t]*")
# calls in the body: "[1]", "{1}", "[A]", "[Footnote 1]"
CALL = re.compile(r"\[(?:Footnote\s+)?(\d{1,3}|[A-Z])\]|\{(\d{1,3})\}")
ILLUSTRATION = re.compile(r"^\s*\[\s*illustrations?\b\s*(?:[:.—–-]\s*)?", re.I)

_SMALL = frozenset("a an and as at but by for from in into nor of on or the to with vs via".split())


def is_caps(text: str) -> bool:
    """Every letter in capitals, and at least two of them: "OUR RICHES"."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def title_case(text: str) -> str:
    """ "THE DIVISION OF LABOUR" -> "The Division of Labour"; mixed case is left as written."""
    if not is_caps(text):
        return text
    out = []
    for k, w in enumerate(text.lower().split()):
        bare = w.strip("\"'“‘(")
        if k and bare in _SMALL and not out[-1].endswith((":", "—")):
            out.append(w)
        elif re.fullmatch(r"[ivxlc]+\.?", bare) and bare not in ("i", "civil", "vivid", "ill"):
            out.append(w.upper())
        else:
            out.append(re.sub(r"(^|[-\"'“‘(])([a-zà-ÿ])", lambda m: m.group(1) + m.group(2).upper(), w))
    return " ".join(out)


def heading_form(text: str) -> tuple[int, str] | None:
    """The rank of a numbered heading and its title (empty when the title
    is on the next line), or None: "CHAPTER I." -> (2, ""), "PART I" -> (1, "")."""
    t = text.strip()
    m = NUMBERED.match(t) or ORDINAL_FIRST.match(t)
    if m:
        if not t[0].isupper():
            return None
        return KINDS[m.group("kind").lower()], (m.group("title") or "").strip()
    m = NUMBER_TITLE.match(t)
    if m and is_caps(m.group("title")) and len(t) <= 80:
        return 2, m.group("title")
    if NUMERAL.match(t):
        return 3, ""
    return None


# ---------------------------------------------------------------- blocks
def block_lines(b) -> list[str]:
    from .text import line_texts
    return line_texts(b) if b.type in ("paragraph", "heading") else []


def is_prose(b) -> bool:
    """A paragraph of running text: long lines, or a sentence."""
    lines = block_lines(b)
    if not lines or is_caps(" ".join(lines)):
        return False
    text = re.sub(r"\s*[\[{]\w{1,4}[\]}]$", "", " ".join(lines))     # a call at its end
    words = text.split() or [""]
    # running text is mostly words in lower case; a title page's lines are not
    lower = sum(1 for w in words if w.lstrip("_*\"“‘('")[:1].islower()) / len(words)
    if any(len(x) >= 56 for x in lines) and len(lines) >= 2 and lower >= 0.4:
        return True
    return (len(text) > 80 and lower >= 0.55) or (len(words) >= 6 and lower >= 0.5 and
                                                 text.rstrip("\"”’')_*").endswith((".", "?", "!", ":", ";")))


def caps_line(b) -> bool:
    """A line (or two or three) in capitals set apart by blank lines, not a
    shout: "OUR RICHES", "THE DIVISION OF LABOUR"."""
    lines = block_lines(b)
    if not lines or len(lines) > 3 or b.children or b.role:
        return False
    if len(b.source) - len(b.source.lstrip(" ")) >= 20:
        return False                     # set far right: a signature, not a heading
    text = " ".join(lines)
    if not is_caps(text) or len(text) > 120 or text.rstrip("\"”’')]").endswith(("!", "?", ",", ";")):
        return False
    if END_MARK.match(text) or NOTES_LABEL.match(text) or CONTENTS.match(text) or text.startswith(("[", "{", "|")):
        return False
    return True


_PAGE = re.compile(r"(?:\s{2,}|\s*[.·…_]{2,}\s*|\t)(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.I)


def entry_key(line: str) -> str:
    """A contents entry or a heading, as words to compare: no page number,
    no "CHAPTER I." or "IV." before it, no markup, lower case."""
    from .text import norm
    t = _PAGE.sub("", line.strip())
    form = heading_form(t)
    if form is not None and form[1]:
        t = form[1]
    return norm(t.strip("=*_ "))


def is_release(text: str) -> bool:
    """A Project Gutenberg release: its start line in the head."""
    head = text.split("\n", 1200)[:1200]
    return any(START.match(line) for line in head)
