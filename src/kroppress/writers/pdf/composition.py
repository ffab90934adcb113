"""Line composition a typesetter would pass, on top of WeasyPrint's greedy
line breaking (which its maintainers describe as such: Kozea/WeasyPrint
issue 2264). Installed with `weasyfix.install`, in every layout process.

Each justified line that WeasyPrint has just broken is judged as it is made:

* a loose line (word spaces stretched past `LOOSE` of the face's own space)
  is laid out again with its word spaces slightly narrowed (at most a fifth
  of a space), so that one more word or syllable comes up, or else with its
  letters spaced by at most 2 % of an em, which takes up the slack (`TRIALS`,
  amounts a reader does not see); the version whose spaces are nearest the
  face's own is kept, and only when it is nearer than the line as it was;
* a line that would be the third hyphenated line in a row is laid out again
  without automatic hyphenation (the word goes whole to the next line).

The change is confined to the one line (the text box keeps the narrowed
style, so justification and drawing agree), which keeps the layout one pass.
"""
from __future__ import annotations

import functools

from .measure import shared, space_em

LOOSE = 0.4          # retry a line stretched by more than this share of a space
#: tried in order until the line is no longer loose: its word spaces narrowed
#: by a share of the face's space (so a word or syllable more comes up), then
#: its letters spaced by a share of an em (which takes up the slack)
NARROW = (0.2, 0.1)     # the most first: one layout usually settles the line
SNUG = -0.1             # a result tighter than this tries the lesser narrowing too
TRACKING = (0.005, 0.01)
TIGHTEST = -0.2      # never leave spaces narrower than this (the report's "tight")
MAX_HYPHENS = 2      # hyphenated line ends in a row
WORDS_AHEAD = 3      # words after the line given to a retry (it can take up one)
ENABLED = True       # False: WeasyPrint's own lines (the tests' "before")


class _Runs:
    """Which line ends were hyphenated, so the next line knows how many
    hyphens stand above it. A line is known by where it starts and ends (a
    text and an offset in it); a line that starts where another ended follows
    it, across inline boxes (a note call, an italic word) and page breaks,
    where WeasyPrint goes on from the offset where it stopped."""

    def __init__(self) -> None:
        self.hyphen: dict[tuple[int, int], bool] = {}                 # line end -> hyphenated
        self.start_of: dict[tuple[int, int], tuple[int, int]] = {}    # line end -> its start
        self.line_start: tuple[int, int] = (0, -1)                    # of the line being made

    def record(self, end: tuple[int, int], hyphen: bool) -> None:
        self.hyphen[end] = hyphen
        self.start_of[end] = self.line_start

    def above(self) -> int:
        """Hyphenated lines in a row just before the line being made."""
        count, at = 0, self.line_start
        while self.hyphen.get(at) and count <= MAX_HYPHENS:
            count += 1
            at = self.start_of[at]
        return count


_RUNS = _Runs()


def install(inline) -> None:
    """Wrap `inline.split_text_box` (WeasyPrint's layout.inline module)."""
    original = inline.split_text_box

    def split_text_box(context, box, available_width, skip, is_line_start=True):
        if is_line_start:
            _RUNS.line_start = (id(box.text), skip or 0)
        result = original(context, box, available_width, skip, is_line_start)
        new_box, resume, forced = result
        style = box.style
        if not ENABLED or new_box is None or resume is None or forced or available_width is None \
                or style["text_align_all"] != "justify" or style["white_space"] != "normal":
            return result
        hyphen_char = style["hyphenate_character"] or ""
        above = _RUNS.above()
        best, best_stretch = result, _stretch(new_box, available_width)
        ladder = above >= MAX_HYPHENS and _hyphenated(new_box, hyphen_char)
        if ladder:
            whole = _retry(original, context, box, available_width, skip, is_line_start, resume,
                           hyphens="manual")
            if whole is not None and (whole[0] is None or whole[1] is None):
                # WeasyPrint's own answers: nothing of this box fits here (the
                # line ends before it), or all of it does (the line goes on)
                return whole
            if whole is not None:
                best, best_stretch = whole, _stretch(whole[0], available_width)
        if best_stretch is not None and best_stretch > LOOSE:
            start = best[1]
            for share in NARROW:
                if SNUG <= best_stretch <= LOOSE:
                    break
                if not _may_fit_more(best[0], box.text, best[1], available_width, share):
                    continue
                trial = _retry(original, context, box, available_width, skip, is_line_start,
                               best[1], shrink=share, hyphens="manual" if ladder else None)
                if trial is None or trial[0] is None or trial[1] is None:
                    continue
                if above >= MAX_HYPHENS and _hyphenated(trial[0], hyphen_char):
                    continue
                stretch = _stretch(trial[0], available_width)
                if stretch is not None and TIGHTEST <= stretch and \
                        abs(stretch) < abs(best_stretch):
                    best, best_stretch = trial, stretch
                if trial[1] <= start:
                    break        # no more text came up: a lesser narrowing brings none either
        if best_stretch is not None and best_stretch > LOOSE and best[0] is not None:
            _track(context, best[0], available_width)
        if best[0] is not None and best[1] is not None:
            _RUNS.record((id(box.text), best[1]), _hyphenated(best[0], hyphen_char))
        return best

    split_text_box.__wrapped__ = original      # for the pin test (inspect.unwrap)
    inline.split_text_box = split_text_box


def _retry(original, context, box, available_width, skip, is_line_start, resume: int, *,
           shrink: float = 0.0, hyphens: str | None = None):
    style = box.style.copy()
    if shrink:
        size = style["font_size"]
        word = style["word_spacing"] if isinstance(style["word_spacing"], (int, float)) else 0
        style["word_spacing"] = word - shrink * space_em(style["font_style"] != "normal") * size
    if hyphens:
        style["hyphens"] = hyphens
    # only the line and the few words after it: Pango lays out the whole text
    # it is given, and a paragraph's rest is long
    text = box.text.encode()
    cut = resume
    for _ in range(WORDS_AHEAD):
        at = text.find(b" ", cut + 1)
        if at < 0:
            cut = len(text)
            break
        cut = at
    trial_box = box.copy_with_text(text[:cut].decode(errors="ignore"))
    trial_box.style = style
    result = original(context, trial_box, available_width, skip, is_line_start)
    if result[1] is None and cut < len(text):
        return None          # the cut text fitted whole: no answer
    return result


def _may_fit_more(line, text: str, resume: int, available_width: float, share: float) -> bool:
    """Whether narrowing the spaces by `share` can bring up the least of the
    next word a line may end on: its first syllable and a hyphen, where the
    style lets it be hyphenated there, else the word (only then is the line
    laid out again: each layout of a line costs WeasyPrint a Pango layout per
    hyphenation point)."""
    rest = text.encode()[resume:].decode(errors="ignore").lstrip(" ")
    if not rest:
        return True             # the next word is in the next box: cannot tell
    word = rest.split(" ", 1)[0]
    style = line.style
    size, italic = style["font_size"], style["font_style"] != "normal"
    piece = _least_piece(word, style)
    need = shared().width(piece, size, italic=italic) + space_em(italic) * size * (1 - share)
    spaces = line.text.rstrip(" ").count(" ")
    gained = spaces * share * space_em(italic) * size
    return available_width - line.width + gained + KERNING >= need


#: the most kerning can take off the widths `measure` gives (it has none)
KERNING = 0.5


def _least_piece(word: str, style) -> str:
    """The shortest start of `word` a line can end on: up to its first soft
    hyphen, or its first hyphenation point as WeasyPrint finds them (the
    style's language and limits), with the hyphen; else the whole word."""
    hyphen = style["hyphenate_character"] or "-"
    if style["hyphens"] == "none":
        return word
    if "\u00ad" in word:
        return word[:word.index("\u00ad")] + hyphen
    lang = style["lang"]
    if style["hyphens"] != "auto" or not lang:
        return word
    total, left, right = style["hyphenate_limit_chars"]
    lead = len(word) - len(word.lstrip("\"'“‘([«—–-"))
    core = word[lead:]
    letters = len(core) - len(core.rstrip(".,;:!?\"'”’)]»…"))
    core = core[:len(core) - letters] if letters else core
    if len(core) < total:
        return word
    points = _dictionary(lang, left, right).positions(core)
    return word[:lead + min(points)] + hyphen if points else word


@functools.lru_cache(maxsize=None)
def _dictionary(lang: str, left: int, right: int):
    import pyphen
    return pyphen.Pyphen(lang=pyphen.language_fallback(lang) or lang, left=left, right=right)


def _track(context, line, available_width: float) -> None:
    """Space the letters of a line that stays loose by the least of
    `TRACKING` that makes it not loose (or the most, if none does), when the
    line still fits: its text and breaks are unchanged, so only its style and
    width change (justification then spreads what is left)."""
    text = line.text.rstrip(" ")
    style = line.style
    chosen = None
    for tracking in TRACKING:
        guess = line.width + len(text) * tracking * style["font_size"]
        if guess > available_width - 0.5:
            break
        chosen = tracking
        if _stretch_at(line, available_width, guess) <= LOOSE:
            break
    if chosen is None:
        return
    tracked = style.copy()
    letter = tracked["letter_spacing"] if isinstance(tracked["letter_spacing"], (int, float)) \
        else 0
    tracked["letter_spacing"] = letter + chosen * style["font_size"]
    # the width as Pango sets it (letter spacing turns ligatures off); the
    # line's own width is that same measure of its text untracked
    grown = _width(context, text, tracked) - line.width
    if line.width + grown > available_width - 0.2:
        return
    line.style = tracked
    line.width += grown


def _width(context, text: str, style) -> float:
    from weasyprint.text.line_break import create_layout, line_size
    layout = create_layout(text, style, context, None, 0)
    first, _ = layout.get_first_line()
    return line_size(first, style)[0]


def _hyphenated(box, hyphen_char: str) -> bool:
    return bool(hyphen_char) and box.text.rstrip(" ").endswith(hyphen_char)


def _stretch(box, available_width: float) -> float | None:
    """How far justification will stretch this line's spaces, as a share of
    the face's own space (the line's style narrowing included)."""
    return _stretch_at(box, available_width, box.width)


def _stretch_at(box, available_width: float, width: float) -> float | None:
    text = box.text.rstrip(" ")
    spaces = text.count(" ") + text.count("\u00a0")
    if not spaces:
        return None
    style = box.style
    trailing = len(box.text) - len(text)
    natural = space_em(style["font_style"] != "normal") * style["font_size"]
    word = style["word_spacing"] if isinstance(style["word_spacing"], (int, float)) else 0
    gap = available_width - width + trailing * (natural + word)
    return (gap / spaces + word) / natural if natural else None
