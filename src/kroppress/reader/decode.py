"""Bytes to clean text: encodings, line endings, control characters."""
from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..notice import Notice

# C0/C1 controls other than tab and newline are never text in a book.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
        raise InputError(f"{name}: byte {exc.start}: not valid UTF-8 (0x{data[exc.start]:02x}); "
                         "re-save the file as UTF-8") from None
    return clean_text(text, name, warnings), warnings


def clean_text(text: str, name: str, warnings: list[Notice]) -> str:
    """Line ends made LF; control characters dropped, with one warning."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        count = len(_CONTROL.findall(text))
        warnings.append(Notice(name, line, f"{count} control character(s) removed "
                               f"(first U+{ord(found.group()):04X}); check the export"))
        text = _CONTROL.sub("", text)
    return text


def source_text(data: bytes) -> str:
    """The source as the reader numbers its lines, for showing and searching
    it (check, serve, the glyph warnings): decoded as `decode` does, but an
    undecodable byte is shown replaced instead of stopping (the reader
    reports it)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    return clean_text(text, "", [])
