"""A document's section tree, from its headings: what `inspect` shows and
what a cut takes. Any reader's document has one (a text with no heading
has none)."""
from __future__ import annotations

from ..model import Block, Heading, Section
from ..plain import inline_text
from ..model import LineBreak


def heading_title(h: Heading) -> str:
    """The heading as one line: "CHAPTER I" over "OUR RICHES" is "CHAPTER I: OUR RICHES"."""
    parts, cur = [], []
    for n in h.inlines:
        if isinstance(n, LineBreak):
            parts.append(cur)
            cur = []
        else:
            cur.append(n)
    parts.append(cur)
    texts = [t for t in (inline_text(p, note_calls=False).strip() for p in parts) if t]
    out = ""
    for t in texts:
        out = t if not out else (f"{out} {t}" if out.endswith((".", ":", "—")) else f"{out}: {t}")
    return out


def outline(blocks: list[Block], lines: list[tuple[int, int]], last_line: int = 0) -> list[Section]:
    heads = [i for i, b in enumerate(blocks) if isinstance(b, Heading)]
    out: list[Section] = []
    for k, i in enumerate(heads):
        level = blocks[i].level
        end = next((j for j in heads[k + 1:] if blocks[j].level <= level), len(blocks))
        first = lines[i][0] if lines else 0
        # up to the line before the next section of its level; the last runs to the body's end
        last = (lines[end][0] - 1 if end < len(blocks) else lines[-1][1]) if lines else 0
        out.append(Section(level, heading_title(blocks[i]), i, end, first, last))
    return out
