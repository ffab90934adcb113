"""What `kroppress inspect` shows: a JSON object or a rich summary."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..model import Document, NoteRef
from ..plain import block_text

BLOCK_TYPES = ("heading", "paragraph", "blockquote", "scene_break", "dateline", "address",
               "salutation", "closing", "signature", "postscript", "verse", "list", "definitions",
               "table", "preformatted")


def _block(b) -> dict:
    out = {"type": b.kind, "text": block_text(b)}
    if b.kind == "heading":
        out["level"] = b.level
    return out


def document_json(doc: Document) -> dict:
    m = doc.metadata
    calls = sum(block_text(b).count("[^") for b in doc.blocks)
    return {
        "metadata": {
            "title": m.title, "subtitle": m.subtitle, "authors": list(m.authors), "date": m.date,
            "first_published": m.first_published, "source_url": m.source_url,
            "source_site": m.source_site, "retrieved": m.retrieved, "rights": m.rights,
            "translator": m.translator, "language": m.language,
            "biography": "\n\n".join(block_text(b, False) for b in m.biography),
        },
        "counts": {
            "paragraphs": sum(1 for b in doc.blocks if b.kind == "paragraph"),
            "headings": sum(1 for b in doc.blocks if b.kind == "heading"),
            "notes": len(doc.notes),
            "note_references": calls,
        },
        "hyphenation": _hyphenation(doc),
        "blocks": [_block(b) for b in doc.blocks],
        "outline": [{"level": s.level, "title": s.title, "lines": [s.first, s.last]} for s in doc.sections],
        "notes": [{"label": n.label, "text": "\n\n".join(block_text(b) for b in n.blocks),
                   "kind": n.note_kind} for n in doc.notes],
        "report": [{"action": r.action, "lines": list(r.lines), "detail": r.detail} for r in doc.report],
        "warnings": [str(w) for w in doc.warnings],
    }


def _hyphenation(doc: Document) -> dict:
    """The language the print layout hyphenates this text by, and why."""
    from ..transforms.spelling import hyphenation_language
    language = doc.metadata.language or "en"
    tag, variant = hyphenation_language(language, "\n".join(block_text(b) for b in doc.blocks))
    why = f"the language tag {language!r}" if variant is None else \
        (f"the spelling: {variant.counts()}" if variant.tag
         else "no spelling that differs: the patterns' own default")
    return {"language": tag, "from": why}


def print_report(doc: Document, console: Console) -> None:
    data = document_json(doc)
    meta = Table(show_header=False, box=None, title=escape(str(doc.source_path)),
                 title_justify="left")
    for key, value in data["metadata"].items():
        if value:
            shown = ", ".join(value) if isinstance(value, list) else str(value)
            meta.add_row(f"[bold]{key}[/]", escape(shown if len(shown) < 200 else shown[:197] + "…"))
    console.print(meta)
    console.print("  ".join(f"{k}: {v}" for k, v in data["counts"].items()))
    console.print(f"hyphenated as {data['hyphenation']['language']} "
                  f"(from {escape(data['hyphenation']['from'])})")
    if doc.sections:
        top = min(s.level for s in doc.sections)
        sec = Table("level", "title", "lines", title="Outline", title_justify="left")
        for s in doc.sections:
            sec.add_row(str(s.level), "  " * (s.level - top) + escape(s.title), f"{s.first}-{s.last}")
        console.print(sec)
    rep = Table("lines", "action", "detail", title="Repairs", title_justify="left")
    for r in doc.report:
        a, b = r.lines
        rep.add_row(f"{a}" if a == b else f"{a}-{b}", escape(r.action), escape(r.detail))
    console.print(rep)
    for w in doc.warnings:
        console.print(f"[yellow]warning:[/] {escape(str(w))}", soft_wrap=True)


__all__ = ["document_json", "print_report", "BLOCK_TYPES", "NoteRef"]
