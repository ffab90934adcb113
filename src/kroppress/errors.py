"""Errors a user can act on. The CLI prints them on one line and exits 2."""


class KroppressError(Exception):
    """A problem with the input: message names the file, the place and the fix."""


class ConfigError(KroppressError):
    pass


class InputError(KroppressError):
    pass
