"""Errors a user can act on. The CLI prints them on one line and exits 2."""


class KroppressError(Exception):
    """A problem with the input: message names the file, the place and the fix."""


class ConfigError(KroppressError):
    pass


class InputError(KroppressError):
    pass


#: how much of a name the user gave a message quotes (a mistyped option
#: may be a pasted paragraph; the message stays one readable line)
SHOWN = 80


def cut(text: str, limit: int = SHOWN) -> str:
    """`text`, or its first `limit` characters and "…"."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def quoted(name: str, limit: int = SHOWN) -> str:
    """`repr(name)`, cut: for a name the user gave that matched nothing."""
    return repr(cut(name, limit))
