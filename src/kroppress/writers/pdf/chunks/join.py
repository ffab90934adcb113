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
    outline: list[tuple[int, str, pikepdf.Array, bool]] = []
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

        names = src.Root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
        for i in range(0, len(names), 2):
            dests.setdefault(str(names[i]), moved(names[i + 1]))
        flat = []
        if "/Outlines" in src.Root and "/First" in src.Root.Outlines:
            _flatten(src.Root.Outlines.First, flat)
        levels = result.levels if len(result.levels) == len(flat) else [1] * len(flat)
        for level, (title, dest, closed) in zip(levels, flat):
            outline.append((level, title, moved(dest), closed))
        if n + 1 < len(sequence) and result.pages % 2:
            base.pages.append(pad.pages[0])
    missing = -len(base.pages) % max(1, round_to)
    for _ in range(missing):
        base.pages.append(pad.pages[0])

    _internal_links(base)
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


def _flatten(item, out: list) -> None:
    while item is not None:
        closed = int(item.get("/Count", 0)) < 0
        out.append((str(item.Title), item.Dest, closed))
        if "/First" in item:
            _flatten(item.First, out)
        item = item.get("/Next")


def _internal_links(pdf) -> None:
    import pikepdf
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(ANCHOR_SCHEME):
                del annot["/A"]
                annot.Dest = pikepdf.String(uri[len(ANCHOR_SCHEME):])


def _write_dests(pdf, dests: dict) -> None:
    import pikepdf
    names = pikepdf.Array()
    for name in sorted(dests):
        names.append(pikepdf.String(name))
        names.append(dests[name])
    if "/Names" not in pdf.Root:
        pdf.Root.Names = pikepdf.Dictionary()
    pdf.Root.Names.Dests = pdf.make_indirect(pikepdf.Dictionary(Names=names))


def _write_outline(pdf, items: list) -> None:
    """The bookmarks as one tree, nested by level (as WeasyPrint nests them)."""
    import pikepdf
    root = pikepdf.Dictionary(Type=pikepdf.Name.Outlines)
    root = pdf.make_indirect(root)
    stack: list[tuple[int, pikepdf.Object]] = [(0, root)]
    counts: dict[tuple, int] = {}
    for level, title, dest, closed in items:
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1]
        node = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title), Dest=dest,
                                                    Parent=parent))
        if closed:
            node["/kroppress-closed"] = True
        if "/Last" in parent:
            last = parent.Last
            last.Next = node
            node.Prev = last
        else:
            parent.First = node
        parent.Last = node
        stack.append((level, node))
    _counts(root)
    if "/First" in root:
        pdf.Root.Outlines = root
    elif "/Outlines" in pdf.Root:
        del pdf.Root["/Outlines"]


def _counts(node) -> int:
    """Set /Count: the open descendants (negative when closed), as WeasyPrint does."""
    total = 0
    child = node.get("/First")
    while child is not None:
        below = _counts(child)
        total += 1 + (below if below > 0 else 0)
        child = child.get("/Next")
    if "/kroppress-closed" in node:
        del node["/kroppress-closed"]
        node.Count = -total
        return 0
    if "/Title" in node or "/First" in node:
        node.Count = total
    return total
