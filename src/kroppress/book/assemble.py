"""Config + texts + editorial Markdown -> one `Book`.

For each selected text: read it, apply the config's metadata overrides, the
corrections, typography, note numbering; then give headings book-unique ids.
Editorial Markdown (the introduction, part introductions, headnotes) becomes
model blocks: paragraphs with emphasis, strong and links. Raw HTML is never
passed through: markdown-it runs with HTML off, so `<b>` stays literal text
(which every writer escapes). Other Markdown constructs are flattened to
paragraphs with a warning (a leading `# Title` in the book introduction
becomes the introduction's title).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from markdown_it import MarkdownIt
from slugify import slugify

from ..config import Config
from ..errors import ConfigError
from ..model import (Block, BlockQuote, Book, Correction, Document, Emphasis, Entry, Inline, NoteRef, Superscript,
                    LineBreak, Link, Paragraph, Part, SceneBreak, Strong, Text)
from ..notice import Notice
from ..reader.decode import clean_text, source_text
from ..plain import inline_text
from ..reader.blocks import strip_inlines
from ..reader.html_blocks import pieces, unclosed_openers
from ..reader.inlines import InlineBuilder
from ..reader.text import flatten_soft_breaks, merge_text
from ..transforms import corrections as corrections_mod
from ..transforms import headings, notes, typography
from ..transforms import cut as cut_mod

Reader = Callable[[Path], Document]

def _md() -> MarkdownIt:
    # raw HTML is parsed so that it can be dropped and reported, as the
    # reader drops it, never shown as text or passed through
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.validateLink = lambda url: True      # unsafe targets are blanked by the builder
    return md


def _editorial(nodes: list[Inline]) -> list[Inline]:
    """The reader's inlines, as editorial text has them: a link whose target
    was unsafe is its text; a superscript number is a superscript (editorial
    text has no notes)."""
    out: list[Inline] = []
    for n in nodes:
        if isinstance(n, NoteRef):
            out.append(Superscript([Text(n.label)]))
            continue
        if isinstance(n, (Emphasis, Strong, Link, Superscript)):
            n.children = _editorial(n.children)
            if isinstance(n, Link) and not n.href:
                out.extend(n.children)
                continue
        out.append(n)
    return merge_text(out)


def _inlines(children, warn: Callable[[int | None, str], None], line: int | None) -> list[Inline]:
    builder = InlineBuilder()
    nodes = flatten_soft_breaks(builder.build(children or []))
    for dropped in builder.dropped_html:
        warn(line, f"raw HTML dropped: {dropped[:60]!r} (editorial text is Markdown)")
    for target in builder.dropped_targets:
        if target:
            warn(line, f"link to {target!r} dropped (only http, https and mailto links are kept); "
                       "its text stays")
    for title in builder.titles:
        warn(line, f"link title {title[:60]!r} dropped (a book has no tooltips); put it in the text")
    return _editorial(nodes)


def parse_markdown(text: str, name: str = "<markdown>", warnings: list[Notice] | None = None,
                   *, title_allowed: bool = False) -> tuple[list[Block], str | None]:
    """Editorial Markdown -> (blocks, title). `title` is the text of a leading
    level-1 heading when `title_allowed`, else None."""
    warned: set[str] = set()

    def warn(line: int | None, msg: str) -> None:
        if warnings is not None and (line, msg) not in warned:
            warned.add((line, msg))
            warnings.append(Notice(name, line or 1, msg, "editorial"))

    # C0/C1 controls are never text: dropped and reported, as the reader does
    control: list[Notice] = []
    text = clean_text(text, name, control)
    if warnings is not None:
        warnings.extend(Notice(c.file, c.line, c.message, "editorial") for c in control)
    # a line-opening <script> never closed would swallow the rest: only the tag goes
    text, openers = unclosed_openers(text)
    for line, tag in openers:
        warn(line, f"raw HTML dropped: {tag[:60]!r}, never closed; the text after it kept "
                   "(editorial text is Markdown)")
    md = _md()
    tokens = md.parse(text)
    stack: list[list[Block]] = [[]]
    title: str | None = None
    heading_level = 0
    heading_line: int | None = None
    pending: list[Inline] | None = None
    for tok in tokens:
        line = tok.map[0] + 1 if tok.map else None
        t = tok.type
        if t == "blockquote_open":
            stack.append([])
        elif t == "blockquote_close":
            inner = stack.pop()
            stack[-1].append(BlockQuote(inner))
        elif t == "paragraph_open":
            pending = []
        elif t == "heading_open":
            heading_level = int(tok.tag[1])
            heading_line = line
            pending = []
        elif t == "inline":
            pending = _inlines(tok.children, warn, line)
        elif t == "paragraph_close":
            if pending:
                stack[-1].append(Paragraph(pending))
            pending = None
        elif t == "heading_close":
            inl = pending or []
            is_first = len(stack) == 1 and not stack[0] and title is None
            if title_allowed and heading_level == 1 and is_first:
                title = inline_text(inl).strip()
            else:
                warn(heading_line, "headings are not used in editorial text; shown as a bold paragraph")
                if inl:
                    stack[-1].append(Paragraph([Strong(inl)]))
            pending = None
        elif t in ("bullet_list_open", "ordered_list_open"):
            warn(line, "lists are not used in editorial text; items shown as paragraphs")
        elif t in ("code_block", "fence"):
            warn(line, "code blocks are not used in editorial text; shown as a plain paragraph")
            lines = tok.content.rstrip("\n").split("\n")
            inl: list[Inline] = []
            for i, ln in enumerate(lines):
                if i:
                    inl.append(LineBreak())
                inl.append(Text(ln))
            stack[-1].append(Paragraph(inl))
        elif t == "hr":
            stack[-1].append(SceneBreak())
        elif t == "html_block":
            # what a browser would show is kept, as the reader keeps it
            made = (strip_inlines(_inlines(md.parseInline(piece)[0].children, lambda *_: None, line))
                    for _, piece, _ in pieces(tok.content))
            kept = [p for p in made if inline_text(p).strip()]
            stack[-1] += [Paragraph(p) for p in kept]
            warn(line, f"raw HTML dropped: {tok.content.strip()[:60]!r}" + (", its text kept" if kept else "")
                 + " (editorial text is Markdown)")
    while len(stack) > 1:
        inner = stack.pop()
        stack[-1].append(BlockQuote(inner))
    return stack[0], title


def read_editorial(path: Path | None, config: Config, warnings: list[Notice] | None,
                   *, title_allowed: bool = False) -> tuple[list[Block], str | None]:
    if path is None:
        return [], None
    name = config.relpath(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: not valid UTF-8; save the file as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read ({exc.strerror}); check the file") from None
    blocks, title = parse_markdown(text, name, warnings, title_allowed=title_allowed)
    typography.smarten_blocks(blocks)
    return blocks, (typography.smarten_text(title) if title else None)


# --------------------------------------------------------------------------- assembling

_META_FIELDS = ("title", "subtitle", "date", "authors", "translator", "rights",
                "first_published", "source_url", "language")


def _missing_glyphs(doc: Document, source: Path, rel: str) -> list[Notice]:
    """One warning per writing system the shipped faces cannot draw, at the
    line of its first character: the PDF would show empty boxes there."""
    from ..render.fonts import missing_glyphs
    from ..plain import block_text
    md = doc.metadata
    shown = [md.title, md.subtitle, *md.authors, md.translator, md.first_published, md.rights]
    shown += [block_text(b) for b in [*doc.blocks, *md.biography, *(x for n in doc.notes for x in n.blocks)]]
    missing = missing_glyphs("\n".join(shown))
    if not missing:
        return []
    try:
        raw = source_text(Path(source).read_bytes())
    except OSError:
        raw = ""
    out = []
    for script, (_, ch) in missing.items():
        at = raw.find(ch)
        line = raw.count("\n", 0, at) + 1 if at >= 0 else 1
        out.append(Notice(rel, line, f"{script} characters ({ch!r}, U+{ord(ch):04X}) are in no "
                          "font kroppress ships: the PDF shows them as empty boxes (an e-reader "
                          "uses its own fonts); remove them, or add a font package that has them",
                          "fonts"))
    return out


def _shown(c: Correction) -> Correction:
    """A correction as Sources and Rights prints it: its reason in the house
    typography ("translator’s note"), and its readings too unless that made
    them one (a correction of the typography itself is shown as written)."""
    find, replace = typography.smarten_text(c.find), typography.smarten_text(c.replace)
    if find == replace:
        find, replace = c.find, c.replace
    return Correction(find=find, replace=replace, reason=typography.smarten_text(c.reason),
                      count=c.count)


def prepare(config: Config, text_cfg, read: Reader, warnings: list[Notice] | None,
            on_mismatch: Callable[[str], None] | None = None, print_glyphs: bool = True) -> Entry:
    """One text as the book has it: read, metadata overrides, corrections,
    typography, note numbers, biography and headnote. `kroppress check` uses
    it too (with `on_mismatch`), so it lints exactly what the build prints."""
    loc = config.text_loc(text_cfg.id)
    doc = cut_mod.read_text_of(read, text_cfg, config.where(loc))
    rel = config.relpath(text_cfg.source)
    # the reader names the file by the path it was given; the user knows it by `rel`
    reader_warnings = [w.filed(rel) for w in doc.warnings]
    over = text_cfg.metadata
    if "title" in over.model_fields_set:
        # the override answers the reader's "no title found" warning
        reader_warnings = [w for w in reader_warnings if "no title found" not in w.message]
    doc.warnings = []
    for key in over.model_fields_set - {"biography"}:
        value = getattr(over, key)
        setattr(doc.metadata, key, list(value) if isinstance(value, list) else value)

    corr = [Correction(find=c.find, replace=c.replace, reason=c.reason, count=c.count)
            for c in text_cfg.corrections]
    where = [config.where(loc + ("corrections", i)) for i in range(len(corr))]
    applied = corrections_mod.apply(doc, corr, text_id=text_cfg.id, where=where, on_mismatch=on_mismatch)
    typography.smarten(doc)
    md = doc.metadata
    for key in ("title", "subtitle", "first_published", "rights", "retrieved", "translator",
                "source_site"):
        setattr(md, key, typography.smarten_text(getattr(md, key)))
    md.authors = [typography.smarten_text(a) for a in md.authors]
    applied = [_shown(c) for c in applied]
    notes.number(text_cfg.id, doc)
    if print_glyphs:         # the PDF's concern: an EPUB-only build reads no font
        reader_warnings += _missing_glyphs(doc, text_cfg.source, rel)
    transform_warnings = [w.filed(rel) for w in doc.warnings]
    doc.warnings = reader_warnings + transform_warnings
    if warnings is not None:
        warnings.extend(doc.warnings)
    if over.biography is not None:
        doc.metadata.biography, _ = read_editorial(over.biography, config, warnings)
    headnote, _ = read_editorial(text_cfg.headnote, config, warnings)
    return Entry(id=text_cfg.id, doc=doc, headnote=headnote, corrections=applied)


def assemble(config: Config, edition: str | None = None, only: Sequence[str] = (),
             exclude: Sequence[str] = (), *, read: Reader | None = None,
             warnings: list[Notice] | None = None,
             on_text: Callable[[str], None] | None = None, print_glyphs: bool = True) -> Book:
    """Build the `Book` for an edition (or the whole config) and a selection.

    `read` defaults to `kroppress.reader.read_file`. Warnings from the reader,
    the transforms and the editorial Markdown are appended to `warnings`.
    `on_text(id)` is called before each text is read (for progress)."""
    selection = config.select(edition, only, exclude)
    if read is None:
        from ..reader import read_file as read
    read = cut_mod.Reading(read)        # a book that several texts cut from is read once
    meta = config.book_meta(edition)
    meta.title = typography.smarten_text(meta.title)
    meta.subtitle = typography.smarten_text(meta.subtitle)
    for key in ("description", "publisher", "edition", "licence"):
        setattr(meta, key, typography.smarten_text(getattr(meta, key)))
    meta.editors = [typography.smarten_text(e) for e in meta.editors]

    taken: set[str] = set(selection.ids)
    parts: list[Part] = []
    for part_cfg, texts in selection.parts:
        entries: list[Entry] = []
        for text_cfg in texts:
            if on_text is not None:
                on_text(text_cfg.id)
            entries.append(prepare(config, text_cfg, read, warnings, print_glyphs=print_glyphs))
        for entry in entries:
            for note in entry.doc.notes:
                taken.add(note.id)
                taken.update(note.ref_ids)
        intro, _ = read_editorial(part_cfg.introduction, config, warnings)
        part_id = headings.unique(f"part-{slugify(part_cfg.title) or len(parts) + 1}", taken)
        parts.append(Part(title=typography.smarten_text(part_cfg.title), entries=entries,
                          intro=intro, id=part_id))
    for part in parts:
        for entry in part.entries:
            headings.assign_ids(entry.id, entry.doc, taken)

    introduction, intro_title = read_editorial(config.introduction(edition), config, warnings,
                                               title_allowed=True)
    book = Book(meta=meta, parts=parts, introduction=introduction)
    if intro_title:
        book.introduction_title = intro_title
    return book
