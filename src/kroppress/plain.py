"""Plain-text views of model nodes (for reports, JSON, checks, search)."""
from __future__ import annotations

from .model import (Address, Block, BlockQuote, Code, DefinitionList, Emphasis, Inline, LineBreak, Link,
                    ListBlock, NoteRef, Preformatted, SceneBreak, SmallCaps, Strikeout, Strong, Subscript,
                    Superscript, Table, Text, Verse)


def inline_text(inlines: list[Inline], note_calls: bool = True) -> str:
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (Emphasis, Strong, Superscript, Link, Subscript, SmallCaps, Strikeout)):
            out.append(inline_text(node.children, note_calls))
        elif isinstance(node, Code):
            out.append(node.text)
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, NoteRef) and note_calls:
            out.append(f"[^{node.label}]")
    return "".join(out)


def block_text(block: Block, note_calls: bool = True) -> str:
    if isinstance(block, SceneBreak):
        return "* * *"
    if isinstance(block, Address):
        return "\n".join(inline_text(line, note_calls) for line in block.lines)
    if isinstance(block, Verse):
        return "\n\n".join("\n".join(inline_text(line.inlines, note_calls) for line in stanza)
                           for stanza in block.stanzas)
    if isinstance(block, BlockQuote):
        return "\n\n".join(block_text(b, note_calls) for b in block.blocks)
    if isinstance(block, ListBlock):
        return "\n".join("\n\n".join(block_text(b, note_calls) for b in item) for item in block.items)
    if isinstance(block, DefinitionList):
        return "\n".join(inline_text(i.term, note_calls) + " :: " +
                         "\n\n".join(block_text(b, note_calls) for b in i.blocks) for i in block.items)
    if isinstance(block, Table):
        rows = [" | ".join(inline_text(c, note_calls) for c in r.cells) for r in block.rows]
        return "\n".join(rows + ([inline_text(block.caption, note_calls)] if block.caption else []))
    if isinstance(block, Preformatted):
        return block.text
    return inline_text(block.inlines, note_calls)
