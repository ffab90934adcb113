"""The one list of link schemes that may become live links, in any text."""
SAFE_SCHEMES = ("http://", "https://", "mailto:")
