"""The lines of a laid-out page, as a typesetter reads them: for the
typographic report (`kroppress check --pages`, `kroppress.proof`).

Walks WeasyPrint's page boxes (duck-typed, like `pages`): every line box of
the page's flow (not the margin boxes or generated content), with where it
stands, how full it is, how far its word spaces were stretched, whether it
ends on a hyphen, and what kind of block it belongs to. Records are plain
lists (sent from a worker, kept in the chunk cache); units are points.
"""
from __future__ import annotations

from .measure import space_em

PX = 0.75           # WeasyPrint's CSS px in pt

#: fields of a line record, in order
FIELDS = ("baseline", "left", "right", "measure_left", "measure_right", "text", "hyphen",
          "stretch", "block", "kind", "text_id", "url", "size", "pitch")

_BREAKABLE_URL = ("url", "email")


def page_lines(page_box, block_keys: dict, prefix: str = "") -> list:
    """[content top, content bottom, line records, page width, page height]
    of one page (the page box, without bleed).
    `block_keys` numbers the blocks across the pages of one document, so a
    paragraph broken over a page keeps its key (`prefix` keeps two
    documents' keys apart)."""
    out: list = []
    _walk(page_box, _Context(), out, block_keys, prefix)
    top = page_box.content_box_y() * PX if hasattr(page_box, "content_box_y") else 0.0
    bottom = top + getattr(page_box, "height", 0) * PX
    width = page_box.margin_width() * PX if hasattr(page_box, "margin_width") else 0.0
    height = page_box.margin_height() * PX if hasattr(page_box, "margin_height") else 0.0
    return [round(top, 2), round(bottom, 2), out, round(width, 2), round(height, 2)]


class _Context:
    __slots__ = ("kind", "text_id", "url")

    def __init__(self, kind: str = "other", text_id: str = "", url: bool = False) -> None:
        self.kind, self.text_id, self.url = kind, text_id, url


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split()) if element is not None else set()


def box_tag(box) -> str:
    """The HTML tag a box was made for ("" for an anonymous box)."""
    return (getattr(box, "element_tag", "") or "").rsplit("}", 1)[-1]


def box_classes(box) -> set[str]:
    return _classes(getattr(box, "element", None))


def _enter(box, ctx: _Context) -> _Context:
    element = getattr(box, "element", None)
    if element is None:
        return ctx
    tag = box_tag(box)
    classes = _classes(element)
    role = element.get("role") or ""
    kind, text_id, url = ctx.kind, ctx.text_id, ctx.url
    if tag == "section" and "text" in classes:
        kind, text_id = "body", element.get("id") or ""
    elif tag == "section" and role:
        # the book's own matter: introduction, notes, sources, authors, colophon
        kind, text_id = {"doc-introduction": "matter", "doc-endnotes": "note"}.get(role, "matter"), \
            text_id if "headnote" in classes else (element.get("id") or "").removeprefix("kp-")
    if "headnote" in classes:
        kind = "headnote"
    elif "headnote-label" in classes:
        kind = "headnote-label"
    elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        kind = "heading"
    elif tag in ("header", "hr"):
        # a text's title block, a scene break's stars: display, off the grid by design
        kind = "display" if kind != "heading" else kind
    elif classes & {"verse", "stanza"}:
        kind = "verse"
    elif classes & {"closing", "signature", "salutation", "dateline", "address"}:
        kind = "letter"
    elif tag in ("table", "pre", "figcaption"):
        kind = "other"
    if classes & set(_BREAKABLE_URL) or (tag == "a" and (element.get("href") or "")
                                         .startswith(("http:", "https:", "mailto:"))):
        url = True
    if (kind, text_id, url) == (ctx.kind, ctx.text_id, ctx.url):
        return ctx
    return _Context(kind, text_id, url)


def _walk(box, ctx: _Context, out: list, keys: dict, prefix: str, block=None) -> None:
    kind = type(box).__name__
    if kind in ("MarginBox", "FootnoteAreaBox") or getattr(box, "pseudo_type", None):
        return
    ctx = _enter(box, ctx)
    if kind == "LineBox":
        record = _line(box, ctx, block, keys, prefix)
        if record is not None:
            out.append(record)
        return
    if kind not in ("TextBox", "InlineBox"):
        block = box
    for child in getattr(box, "children", ()):
        _walk(child, ctx, out, keys, prefix, block)


def _texts(box, ctx: _Context, out: list) -> None:
    if getattr(box, "pseudo_type", None):
        return
    ctx = _enter(box, ctx)
    if type(box).__name__ == "TextBox":
        out.append((box, ctx.url))
    for child in getattr(box, "children", ()):
        _texts(child, ctx, out)


def _line(line, ctx: _Context, block, keys: dict, prefix: str) -> list | None:
    texts: list = []
    for child in line.children:
        _texts(child, ctx, texts)
    if not texts or not "".join(t.text for t, _ in texts).strip():
        return None
    first, (last, last_url) = texts[0][0], texts[-1]
    style = last.style
    hyphen_char = style["hyphenate_character"]
    text = "".join(t.text for t, _ in texts)
    # WeasyPrint's hyphen (U+2010) is not the text's own "-", so a line broken
    # after the hyphen of "well-known" is not counted as hyphenated
    hyphen = bool(hyphen_char) and text.rstrip(" ").endswith(hyphen_char) and \
        style["hyphens"] in ("auto", "manual")
    spacing = max((getattr(t, "justification_spacing", 0) or 0) for t, _ in texts)
    size = first.style["font_size"]
    stretch = None
    if spacing and text.count(" ") + text.count("\u00a0"):
        italic = first.style["font_style"] != "normal"
        word = first.style["word_spacing"]
        word = word if isinstance(word, (int, float)) else 0
        natural = space_em(italic) * size
        stretch = round((spacing + word) / natural, 3) if natural else None
    right = max(t.position_x + t.width for t, _ in texts)
    left = min(t.position_x for t, _ in texts)
    if block is not None and hasattr(block, "content_box_x"):
        m_left, m_right = block.content_box_x(), block.content_box_x() + block.width
    else:
        m_left, m_right = line.position_x, line.position_x + line.width
    element = getattr(block, "element", None)
    key = keys.setdefault(id(element), f"{prefix}{len(keys)}") if element is not None else ""
    height = line.style["line_height"]
    pitch = height.value if getattr(height, "unit", None) == "px" else None
    baseline = line.position_y + (line.baseline or 0)
    return [round(baseline * PX, 2), round(left * PX, 2), round(right * PX, 2),
            round(m_left * PX, 2), round(m_right * PX, 2), text, hyphen, stretch, key, ctx.kind,
            ctx.text_id, last_url and hyphen, round(size * PX, 2),
            round(pitch * PX, 3) if pitch else None]

