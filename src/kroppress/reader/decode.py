"""Bytes to clean text: encodings, line endings, control characters."""
from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..notice import Notice

# C0/C1 controls other than tab and newline are never text in a book.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# ...but form feed, vertical tab, the separators FS-US and NEL (U+0085) break
# lines or pages in an export: between two words they are the space between
# them, so they become one (removed only before a space or closing punctuation)
_SEPARATOR = re.compile(r"(?<=\S)[\x0b\x0c\x1c-\x1f\x85]+(?=[^\s.,;:!?)\]}\u2019\u201d\xbb])")


def decode(data: bytes, name: str) -> tuple[str, list[Notice]]:
    """Return (text, warnings). Raise InputError naming the byte offset."""
    warnings: list[Notice] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: byte {exc.start}: invalid UTF-16 after a UTF-16 BOM; "
                             "re-save the file as UTF-8") from None
        warnings.append(Notice(name, None, "file is UTF-16 (BOM found); read it as such — save as UTF-8 to silence this"))
        return clean_text(text, name, warnings), warnings
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = declared_encoding(data)
        if declared is not None:
            warnings.append(Notice(name, None, f"file is {declared}, as its header declares, "
                                   "not UTF-8; read it as such — save as UTF-8 to silence this"))
            return clean_text(data.decode(declared), name, warnings), warnings
        raise InputError(f"{name}: byte {exc.start}: not valid UTF-8 (0x{data[exc.start]:02x}); "
                         "re-save the file as UTF-8") from None
    return clean_text(text, name, warnings), warnings


# "Character set encoding: ISO-8859-1" (Project Gutenberg's header), and the
# single-byte sets that header names; any byte decodes in them, so only a
# file that says so is read as one
_DECLARED = re.compile(rb"^character set encoding:\s*(iso[- _]?8859[- _]?1|latin[- _]?1|"
                       rb"windows[- _]?1252|cp[- _]?1252|us-ascii|ascii)\s*$", re.I | re.M)
_CODECS = {"iso88591": "iso-8859-1", "latin1": "iso-8859-1", "windows1252": "cp1252",
           "cp1252": "cp1252", "usascii": "cp1252", "ascii": "cp1252"}


def declared_encoding(data: bytes) -> str | None:
    """The single-byte encoding a file's own header declares, if any."""
    found = _DECLARED.search(data[:8192])
    if found is None:
        return None
    return _CODECS[re.sub(rb"[- _]", b"", found.group(1).lower()).decode()]


def clean_text(text: str, name: str, warnings: list[Notice]) -> str:
    """Line ends made LF; control characters dropped, with one warning."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        count = len(_CONTROL.findall(text))
        warnings.append(Notice(name, line, f"{count} control character(s) removed "
                               f"(first U+{ord(found.group()):04X}); check the export"))
        text = _CONTROL.sub("", _SEPARATOR.sub(" ", text))
    return text


def source_text(data: bytes) -> str:
    """The source as the reader numbers its lines, for showing and searching
    it (check, serve, the glyph warnings): decoded as `decode` does, but an
    undecodable byte is shown replaced instead of stopping (the reader
    reports it)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            declared = declared_encoding(data)
            text = data.decode(declared) if declared else data.decode("utf-8-sig", errors="replace")
    return clean_text(text, "", [])
