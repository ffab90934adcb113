"""The chunks' PDFs joined into one book.

Links to another chunk, laid out as ``kroppress-anchor:ID``, are turned back
into internal links (``/Dest``); the named destinations and the bookmarks of
every chunk are joined into one tree; blank versos follow the chunks that
end on a recto, and blank pages round the book up.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from .plan import ANCHOR_SCHEME

if TYPE_CHECKING:
    from .layout import Laid


def join(laid: Laid, pad_pdf: Path, out: Path, round_to: int = 1) -> int:
    """Join the chunks' PDFs into `out` (the front chunk's file carries the
    book's metadata); return the page count."""
    import pikepdf

    front = next((c.index for c in laid.chunks if c.front), None)
    sequence = ([front] if front is not None else []) + laid.order
    base = pikepdf.open(laid.results[sequence[0]].path)
    pad = pikepdf.open(pad_pdf)
    dests: dict[str, pikepdf.Object] = {}
    outline: list[tuple[int, pikepdf.OutlineItem]] = []
    sources = [base]
    for n, index in enumerate(sequence):
        result = laid.results[index]
        src = base if n == 0 else pikepdf.open(result.path)
        if n:
            sources.append(src)
        offset = len(base.pages) if n else 0
        local = {page.obj.objgen: i for i, page in enumerate(src.pages)}
        if n:
            for page in src.pages:
                base.pages.append(page)

        def moved(array):
            page = local.get(array[0].objgen)
            return pikepdf.Array([base.pages[offset + page].obj, *list(array)[1:]])

        if "/Names" in src.Root and "/Dests" in src.Root.Names:
            for name, dest in pikepdf.NameTree(src.Root.Names.Dests).items():
                dests.setdefault(name, moved(dest))
        flat = list(_flatten(src.open_outline().root))    # read only: never saved
        levels = result.levels if len(result.levels) == len(flat) else [1] * len(flat)
        for level, item in zip(levels, flat):
            copy = pikepdf.OutlineItem(item.title, moved(item.destination))
            copy.is_closed = item.is_closed
            outline.append((level, copy))
        if n + 1 < len(sequence) and result.pages % 2:
            base.pages.append(pad.pages[0])
    missing = -len(base.pages) % max(1, round_to)
    for _ in range(missing):
        base.pages.append(pad.pages[0])

    _internal_links(base)
    _share_profiles(base)
    _write_dests(base, dests)
    _write_outline(base, outline)
    # saved to memory, then written by Python: qpdf aborts the whole process
    # (std::terminate) when the disk fills under it; Python raises ENOSPC
    buffer = io.BytesIO()
    base.save(buffer, deterministic_id=True, compress_streams=True,
              object_stream_mode=pikepdf.ObjectStreamMode.generate)
    Path(out).write_bytes(buffer.getvalue())
    count = len(base.pages)
    for src in sources:
        src.close()
    pad.close()
    return count


def _flatten(items):
    """A chunk's bookmarks in document order (the join nests them again by
    the levels WeasyPrint reported, across chunks)."""
    for item in items:
        yield item
        yield from _flatten(item.children)


def _internal_links(pdf) -> None:
    import pikepdf
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(ANCHOR_SCHEME):
                del annot["/A"]
                annot.Dest = pikepdf.String(uri[len(ANCHOR_SCHEME):])


def _share_profiles(pdf) -> None:
    """One copy of each ICC profile: every chunk (and the blank page) brings
    its own copy of the same profile (a PDF/X book's CMYK output profile,
    ~120 KB); the pages are pointed at the front chunk's, the one its
    /OutputIntents names, and the copies are not saved."""
    import hashlib

    import pikepdf
    kept: dict[bytes, pikepdf.Object] = {}
    for intent in pdf.Root.get("/OutputIntents", ()):
        profile = intent.get("/DestOutputProfile")
        if profile is not None:
            kept.setdefault(hashlib.sha256(profile.read_bytes()).digest(), profile)
    seen: set = set()
    for page in pdf.pages:
        spaces = page.obj.get("/Resources", {}).get("/ColorSpace")
        if spaces is None or (spaces.is_indirect and spaces.objgen in seen):
            continue
        if spaces.is_indirect:
            seen.add(spaces.objgen)
        for name, space in spaces.items():
            if not (isinstance(space, pikepdf.Array) and len(space) == 2
                    and space[0] == pikepdf.Name.ICCBased):
                continue
            key = hashlib.sha256(space[1].read_bytes()).digest()
            profile = kept.setdefault(key, space[1])
            if profile.objgen != space[1].objgen:
                spaces[name] = pikepdf.Array([pikepdf.Name.ICCBased, profile])


def _write_dests(pdf, dests: dict) -> None:
    import pikepdf
    tree = pikepdf.NameTree.new(pdf)
    for name in sorted(dests):
        tree[name] = dests[name]
    if "/Names" not in pdf.Root:
        pdf.Root.Names = pikepdf.Dictionary()
    pdf.Root.Names.Dests = tree.obj


def _write_outline(pdf, items: list) -> None:
    """The bookmarks as one tree, nested by level (as WeasyPrint nests them);
    pikepdf writes the links between them and their /Count."""
    if "/Outlines" in pdf.Root:
        del pdf.Root["/Outlines"]     # the front chunk's own, replaced whole
    if not items:
        return
    root: list = []
    stack: list[tuple[int, list]] = [(0, root)]
    for level, item in items:
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        stack[-1][1].append(item)
        stack.append((level, item.children))
    with pdf.open_outline() as outline:
        outline.root = root
