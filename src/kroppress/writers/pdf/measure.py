"""Font metrics of EB Garamond, for the print passes that measure text
(`tree`: balanced display lines, running heads that fit the head line)."""
from __future__ import annotations

from functools import lru_cache

from .geometry import font_files

_WEAK_ENDS = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for",
              "with", "from", "de", "la", "le", "et"}


class Measure:
    """Advance widths of EB Garamond (roman, italic), for balancing display lines."""

    def __init__(self) -> None:
        from fontTools.ttLib import TTFont
        self._fonts = {}
        self._smcp: dict[str, str] = {}
        for style, path in font_files().items():
            font = TTFont(path, lazy=True)
            self._fonts[style == "italic"] = (font.getBestCmap(), font["hmtx"].metrics,
                                              font["head"].unitsPerEm)
            if style == "normal":
                self._smcp = single_substitutions(font, "smcp")

    def width(self, text: str, size: float, italic: bool = False,
              small_caps: bool = False, tracking: float = 0.0) -> float:
        """Advance width in pt (no kerning); `tracking` is letter-spacing in em."""
        cmap, hmtx, upem = self._fonts[italic]
        total = 0
        for ch in text:
            glyph = cmap.get(ord(ch))
            if small_caps and glyph in self._smcp:
                glyph = self._smcp[glyph]
            total += hmtx[glyph][0] if glyph in hmtx else upem // 2
        return total * size / upem + len(text) * tracking * size


def single_substitutions(font, feature: str) -> dict[str, str]:
    """glyph -> glyph of an OpenType single-substitution feature (e.g. smcp)."""
    out: dict[str, str] = {}
    try:
        gsub = font["GSUB"].table
    except KeyError:
        return out
    lookups = set()
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == feature:
            lookups.update(record.Feature.LookupListIndex)
    for index in sorted(lookups):
        lookup = gsub.LookupList.Lookup[index]
        for sub in lookup.SubTable:
            if getattr(sub, "ExtSubTable", None) is not None:
                sub = sub.ExtSubTable
            mapping = getattr(sub, "mapping", None)
            if mapping:
                for k, v in mapping.items():
                    out.setdefault(k, v)
    return out


def best_breaks(words: list[str], widths, measure: float) -> list[int] | None:
    """Indices after which to break `words` into the fewest lines that fit
    `measure`, balanced: the longest line as short as possible, no line
    ending on an article or preposition, breaks after punctuation preferred."""
    import itertools
    n = len(words)
    for lines in range(2, min(n, 4) + 1):
        best = None
        for cut in itertools.combinations(range(1, n), lines - 1):
            bounds = (0, *cut, n)
            segs = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
            ws = [widths(seg) for seg in segs]
            if max(ws) > measure:
                continue
            cost = max(ws)
            for seg in segs[:-1]:
                last = seg.rsplit(" ", 1)[-1]
                if last.lower().strip(",.:;") in _WEAK_ENDS:
                    cost += measure * 0.25
                if last[-1] in ",:;":
                    cost -= measure * 0.2
            if len(segs[-1].split()) == 1:
                cost += measure * 0.3        # a single word alone on the last line
            if best is None or cost < best[0]:
                best = (cost, cut)
        if best is not None:
            return list(best[1])
    return None


@lru_cache(maxsize=1)
def shared() -> "Measure":
    """One Measure per process (its font tables are read once)."""
    return Measure()


@lru_cache(maxsize=None)
def space_em(italic: bool = False) -> float:
    """EB Garamond's own word space, in em (the measure of loose and tight lines)."""
    return shared().width(" ", 1.0, italic=italic)
