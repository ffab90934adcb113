"""kroppress: raw texts to a finished anthology (EPUB 3 and print PDF)."""
__version__ = "0.1.0"
