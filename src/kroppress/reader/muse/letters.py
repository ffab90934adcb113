"""A letter's parts in a Muse text, by the export reader's own rules.

    #title Kropotkin to Alexander Berkman
                                        Muse marks no letter parts: the
    Dear Berkman                        salutation, the closing and the
                                        signature are paragraphs, and the
    You are quite right …               place and date at the head a line.
    Much brotherly love,                The reader's `dateline` and `letter`
                                        rules, which any reading may run,
    Peter Kropotkin                     find them as they do in an export.

The top-level paragraphs the Muse markup left plain go through the two
rules as raw blocks; every other block (a quotation, a heading, a centred
or right-set line, a list) stays as it is and only marks its place.
"""
from __future__ import annotations

from ...model import Address, Block, Metadata, Paragraph, Repair
from ..blocks import Raw
from ..rules import dateline, letter
from ..rules.build_blocks import to_model  # recogniser
from ..state import ReadState


def letter_parts(name: str, text: str, blocks: list[Block], spans: dict, meta: Metadata,
                 report: list[Repair]) -> list[Block]:
    raws: list[Raw] = []
    kept: dict[int, Block] = {}
    for b in blocks:
        span = spans.get(id(b)) if isinstance(b, Paragraph) and not b.style else None
        if span:
            raws.append(Raw("paragraph", span[0], span[1], span[2], inlines=list(b.inlines)))
        else:
            raw = Raw("muse", 0, 0, "")         # a place holder the rules pass over
            kept[id(raw)] = b
            raws.append(raw)
    state = ReadState(name, text, blocks=raws, meta=meta, report=report)
    dateline.rule(state)
    letter.rule(state)
    if not any(r.role for r in state.blocks):
        return blocks
    out: list[Block] = []
    for raw in state.blocks:
        if id(raw) in kept:
            out.append(kept[id(raw)])
        elif raw.role:
            for block in to_model(state, raw):
                if isinstance(block, Address) and out and isinstance(out[-1], Address):
                    out[-1].lines += block.lines      # Muse writes an address a line a paragraph
                else:
                    out.append(block)
        else:
            out.append(Paragraph(raw.inlines))
    return out
