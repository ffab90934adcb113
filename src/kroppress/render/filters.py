"""The small text filters the templates use (roman numerals, dates, names,
sentences, links made safe), and `finalize`, applied to every value a
template writes: characters XML cannot carry are dropped."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Iterable
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from ..links import SAFE_SCHEMES

# characters XML 1.0 forbids (C0 controls except tab/newline/return, surrogates,
# U+FFFE/U+FFFF): a raw text may carry them, a content document must not
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def finalize(value):
    """Applied to every ``{{ … }}``: drop characters XML cannot carry."""
    if isinstance(value, Markup):
        return Markup(_XML_INVALID.sub("", str(value)))
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    return value


# ------------------------------------------------------------------ small helpers
def roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def human_date(value: str | _dt.date | None) -> str:
    """'2025-05-01' -> '1 May 2025'; '1908-11' -> 'November 1908'; else unchanged."""
    if not value:
        return ""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
    if m and 1 <= int(m.group(2)) <= 12:
        month = _MONTHS[int(m.group(2)) - 1]
        return f"{int(m.group(3))} {month} {m.group(1)}" if m.group(3) else f"{month} {m.group(1)}"
    return value


def join_names(names: Iterable[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def is_sentence(value: str) -> bool:
    """True for prose ('Editorial matter © 2026 …, licensed under …'), False for
    a bare name ('CC BY-SA 4.0') that a template should wrap in a sentence."""
    return len(value.split()) > 6 or value.rstrip().endswith((".", "!", "?"))


def sentence(value: str) -> str:
    """`value` ending with a full stop."""
    value = value.strip()
    return value if not value or value.endswith((".", "!", "?", "…")) else value + "."


def drop_label(value: str, label: str) -> str:
    """'Retrieved on March 1st, 2009 from x' -> 'March 1st, 2009 from x' (for label 'Retrieved')."""
    m = re.match(rf"(?i)\s*{re.escape(label)}\b[\s:]*(?:on\b\s*)?", value or "")
    rest = value[m.end():] if m else value
    return rest[:1].upper() + rest[1:] if m and rest else (rest if m else value)


def mentions_url(text: str | None, url: str | None) -> bool:
    """Whether `text` (a "Retrieved … from …" note) names `url`, scheme and
    trailing slash aside: the Sources record then gives the address once."""
    if not text or not url:
        return False
    bare = re.sub(r"(?i)^[a-z][a-z0-9+.-]*://", "", url).rstrip("/")
    return bool(bare) and bare.lower() in text.lower()


_TEXT_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def link_urls(text: str | None) -> Markup:
    """`text` escaped, its http(s) addresses made links (where safe_href allows)."""
    out, last = [], 0
    text = text or ""
    for m in _TEXT_URL.finditer(text):
        href = safe_href(m.group())
        out.append(escape(text[last:m.start()]))
        out.append(Markup('<a class="url" href="{}">{}</a>').format(href, m.group())
                   if href else escape(m.group()))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def safe_href(href: str) -> str | None:
    """The href to emit for a model `Link`, or None to render it as plain text.

    Only http(s) URLs with a host and mailto: addresses pass; the result is
    percent-encoded so that it is a valid URL (EPUBCheck rejects spaces)."""
    if not href:
        return None
    cleaned = _XML_INVALID.sub("", href).strip()
    if any(c.isspace() for c in cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if f"{scheme}:" not in {x.rstrip("/") for x in SAFE_SCHEMES}:
        return None
    if scheme in ("http", "https") and not parts.netloc:
        return None
    if scheme == "mailto" and not parts.path:
        return None
    return quote(cleaned, safe=":/?#[]@!$&'()*+,;=%~-._")


def ncname(value: str, prefix: str = "x") -> str:
    """A valid XML NCName made from `value` (for ids the EPUB package needs)."""
    out = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-") or prefix
    if not re.match(r"[A-Za-z_]", out):
        out = f"{prefix}-{out}"
    return out

