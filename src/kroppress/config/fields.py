"""The checks of single values in `anthology.toml`, and the tables' base model.

Each check raises ValueError("<what is wrong>; <how to fix>"): `load_config`
splits the message at the first "; " into the two halves of its one-line
error. The `Annotated` types below attach them to the models' fields.
"""
from __future__ import annotations

import datetime as _dt
import errno
import re
import uuid
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationInfo

from ..render.ids import reserved_reason
from .length import LENGTH_RE, Length
from .locate import describe

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
ISO_DATE_RE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")


class Model(BaseModel):
    """A table of the config: unknown keys are errors, values keep their TOML type."""
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def iso_date(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        raise ValueError(f"expected a date, got a date-time {value.isoformat()}; "
                         "write just the date, e.g. 2024-05-01")
    if isinstance(value, _dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date, got {describe(value)}; "
                         "write e.g. date = 2024-05-01")
    value = value.strip()
    if not ISO_DATE_RE.match(value):
        raise ValueError(f"{value!r} is not an ISO date; write YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        y, m, d = (value.split("-") + ["01", "01"])[:3]
        _dt.date(int(y), int(m), int(d))
    except ValueError:
        raise ValueError(f"{value!r} is not a real date; check the month and day") from None
    if int(y) > 2107:
        raise ValueError(f"{value!r} is after 2107-12-31, the last date a ZIP file (the EPUB) can "
                         "record; write the real publication date")
    return value


def loose_date(value: Any) -> str:
    """Text dates may be historical and vague ("c. 1890"); TOML dates become ISO."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"expected a date or a string, got {describe(value)}; "
                         "write e.g. date = 1890-05-01 or date = \"May 1890\"")
    return plain(value)


def non_ascii_digit(value: str) -> str | None:
    """Why `value` cannot be read as written: a digit that is not 0-9 ("١",
    "２"), which Python's regex digit class and `int()` take and nothing downstream does."""
    for ch in value:
        if ch.isdigit() and not "0" <= ch <= "9":
            return (f"{value!r} holds the digit {ch!r} (U+{ord(ch):04X}), which is not an ASCII "
                    "digit; write the number with 0-9")
    return None


def isbn13_ok(digits: str) -> bool:
    if not re.fullmatch(r"[0-9]{13}", digits):
        return False
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def identifier(value: str) -> str:
    """`urn:uuid:<uuid>` or an ISBN-13 (with or without `urn:isbn:`/`isbn:`,
    hyphens, spaces). Normalised to `urn:uuid:<lowercase>` / `urn:isbn:<13 digits>`."""
    v = value.strip()
    low = v.lower()
    if low.startswith("urn:uuid:"):
        try:
            return f"urn:uuid:{uuid.UUID(v[9:])}"
        except ValueError:
            raise ValueError(f"{v!r} is not a valid UUID; write urn:uuid: followed by a UUID "
                             "such as " f"{uuid.UUID(int=0x5f3e6c2a0b7d4e8f9a1b2c3d4e5f6a7b)}") from None
    for prefix in ("urn:isbn:", "isbn:", "isbn "):
        if low.startswith(prefix):
            v = v[len(prefix):].strip()
            break
    digits = re.sub(r"[\s-]", "", v)
    why = non_ascii_digit(v)
    if why:
        raise ValueError(why)
    if re.fullmatch(r"[0-9]{13}", digits):
        if not digits.startswith(("978", "979")):
            raise ValueError(f"ISBN {v!r} must start with 978 or 979; check the number")
        if not isbn13_ok(digits):
            total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits[:12]))
            raise ValueError(f"ISBN {v!r} has a wrong check digit (expected "
                             f"{(10 - total % 10) % 10}); check the number for a typo")
        return f"urn:isbn:{digits}"
    if re.fullmatch(r"[0-9Xx]{10}", digits):
        raise ValueError(f"{v!r} looks like an ISBN-10; use the 13-digit ISBN (978 + ...)")
    raise ValueError(f"{value!r} is neither urn:uuid:… nor an ISBN-13; "
                     "write identifier = \"urn:uuid:<uuid>\" or an ISBN-13 such as 978-0-00-000000-2")


def language(value: str) -> str:
    if not LANG_RE.match(value):
        raise ValueError(f"{value!r} is not a language tag; write a BCP 47 tag such as en, fr or en-GB")
    return value


def slug_id(value: str) -> str:
    if not SLUG_RE.match(value):
        from slugify import slugify
        raise ValueError(f"{value!r} is not a slug; use lowercase letters, digits and single "
                         f"hyphens, e.g. {slugify(value) or 'my-text'!r}")
    why = reserved_reason(value)
    if why:
        raise ValueError(f"{why}; choose another id, e.g. {'text-' + value!r}")
    return value


# C0/C1 controls (tab and newline aside) are never text in a book, and XML forbids most
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def plain(value: str) -> str:
    m = _CONTROL.search(value)
    if m:
        raise ValueError(f"holds the control character U+{ord(m.group()):04X} at position "
                         f"{m.start() + 1}; delete it (it is never text)")
    if value and not value.strip():
        raise ValueError("is only spaces; write some text between the quotes or remove the key")
    return value


def nonempty(value: str) -> str:
    plain(value)
    if not value.strip():
        raise ValueError("must not be empty; write some text between the quotes")
    return value


def url(value: str) -> str:
    if not re.match(r"^https?://\S+$", value):
        raise ValueError(f"{value!r} is not an http(s) URL; write the full address, e.g. https://…")
    return value


def length(value: Any) -> Length:
    """A length string (or the number 0) as a `Length`, lower case."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0:
        return Length("0", 0.0)
    if not isinstance(value, str):
        raise ValueError(f"expected a length string, got {describe(value)}; "
                         "write it with a unit in quotes, e.g. \"0.125in\" or \"3mm\"")
    v = value.strip().lower()
    why = non_ascii_digit(v)
    if why:
        raise ValueError(why)
    if not LENGTH_RE.match(v):
        raise ValueError(f"{value!r} is not a length; write a number with a unit "
                         "(in, mm, cm, pt, pc, px), e.g. \"0.75in\"")
    return Length.parse(v)


def project_path(value: Any, info: ValidationInfo) -> Path:
    if not isinstance(value, str):
        raise ValueError(f"expected a path string, got {describe(value)}; "
                         "write it in quotes, relative to the config's folder")
    ctx = info.context or {}
    root: Path = ctx.get("root") or Path.cwd().resolve()
    return check_project_path(value, root)


def check_project_path(value: str, root: Path) -> Path:
    """Resolve `value` against `root` and insist it is an existing file inside
    `root` (after following symlinks). Raises ValueError("what; fix")."""
    if not value.strip():
        raise ValueError("empty path; write the file's path relative to the config's folder")
    raw = Path(value)
    if raw.is_absolute():
        raise ValueError(f"{value!r} is an absolute path; write it relative to the config's "
                         f"folder ({root})")
    root = root.resolve()
    joined = root / raw
    try:
        target = joined.resolve()
        target.exists()
    except RuntimeError:                   # pathlib's "Symlink loop" (a link to itself)
        raise ValueError(f"{value!r} is a symbolic link that leads back to itself; "
                         "point it at a text file") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ValueError(f"{value[:40]!r}… is a name longer than the file system allows; "
                             "rename the file") from None
        if exc.errno == errno.ELOOP:
            raise ValueError(f"{value!r} is a loop of symbolic links; point the link at a text file") from None
        raise ValueError(f"{value!r} cannot be looked up ({exc.strerror}); check the path") from None
    if not target.is_relative_to(root):
        # find whether a symlink is what leads outside
        link = None
        probe = root
        for part in raw.parts:
            probe = probe / part
            if probe.is_symlink():
                link = probe
                break
        if link is not None:
            raise ValueError(f"{value!r} goes through the symlink {link.relative_to(root)} which "
                             f"points outside the project ({target}); copy the file into "
                             f"{root} instead")
        raise ValueError(f"{value!r} points outside the project folder {root}; "
                         "keep sources inside it and write the path relative to it")
    if not target.exists():
        raise ValueError(f"file {value!r} does not exist (looked for {joined}); "
                         "check the spelling or create the file")
    if not target.is_file():
        raise ValueError(f"{value!r} is not a file; point to a file, not a folder")
    return target


IsoDate = Annotated[str, BeforeValidator(iso_date)]
LooseDate = Annotated[str, BeforeValidator(loose_date)]
Language = Annotated[str, AfterValidator(language)]
Slug = Annotated[str, AfterValidator(slug_id)]
NonEmpty = Annotated[str, AfterValidator(nonempty)]
Plain = Annotated[str, AfterValidator(plain)]
Url = Annotated[str, AfterValidator(url)]
ProjectPath = Annotated[Path, BeforeValidator(project_path)]
Identifier = Annotated[str, AfterValidator(identifier)]
