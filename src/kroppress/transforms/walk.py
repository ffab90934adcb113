"""Tree helpers shared by the transforms."""
from __future__ import annotations

from typing import Iterator

from ..model import (Address, Block, BlockQuote, DefinitionList, Document, Emphasis, Inline, Link, ListBlock,
                     NoteRef, SmallCaps, Strikeout, Strong, Subscript, Superscript, Table, Verse)

# inline nodes that hold inlines
CONTAINERS = (Emphasis, Strong, Link, Superscript, Subscript, SmallCaps, Strikeout)


def inline_lists(block: Block) -> Iterator[list[Inline]]:
    """Every top-level inline list of a block (an Address or a Verse gives one per line;
    a BlockQuote gives those of its blocks). Nested inline containers are
    reached through `nested_lists`."""
    if isinstance(block, BlockQuote):
        for child in block.blocks:
            yield from inline_lists(child)
    elif isinstance(block, Address):
        yield from block.lines
    elif isinstance(block, Verse):
        for stanza in block.stanzas:
            for line in stanza:
                yield line.inlines
    elif isinstance(block, ListBlock):
        for item in block.items:
            for child in item:
                yield from inline_lists(child)
    elif isinstance(block, DefinitionList):
        for item in block.items:
            yield item.term
            for child in item.blocks:
                yield from inline_lists(child)
    elif isinstance(block, Table):
        for row in block.rows:
            yield from row.cells
        yield block.caption
    else:
        inlines = getattr(block, "inlines", None)
        if inlines is not None:
            yield inlines


def nested_lists(inlines: list[Inline]) -> Iterator[list[Inline]]:
    """`inlines` and every children list below it, depth first."""
    yield inlines
    for node in inlines:
        if isinstance(node, CONTAINERS):
            yield from nested_lists(node.children)


def iter_inlines(inlines: list[Inline]) -> Iterator[Inline]:
    """Every inline node in reading order, containers before their children."""
    for node in inlines:
        yield node
        if isinstance(node, CONTAINERS):
            yield from iter_inlines(node.children)


def all_blocks(blocks: list[Block]) -> Iterator[Block]:
    """Blocks in reading order, block quotes and lists before their content."""
    for block in blocks:
        yield block
        if isinstance(block, BlockQuote):
            yield from all_blocks(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from all_blocks(item)
        elif isinstance(block, DefinitionList):
            for item in block.items:
                yield from all_blocks(item.blocks)


def body_and_note_blocks(doc: Document) -> Iterator[Block]:
    """Top-level body blocks, then every note's blocks."""
    yield from doc.blocks
    for note in doc.notes:
        yield from note.blocks


def note_refs(blocks: list[Block]) -> Iterator[NoteRef]:
    """Every note call in `blocks`, in reading order (a call inside a block
    quote once: `inline_lists` descends into it)."""
    for block in blocks:
        for inlines in inline_lists(block):
            for node in iter_inlines(inlines):
                if isinstance(node, NoteRef):
                    yield node
