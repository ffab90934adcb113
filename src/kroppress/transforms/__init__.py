"""Transforms: small functions over the document model, run by `assemble`.

- `corrections.apply(doc, corrections, text_id=...)`: editorial find/replace
  with counts checked against the config.
- `typography.smarten(doc)`: curly quotes, house dashes, ellipses.
- `notes.number(entry_id, doc)`: note numbers, ids and back-link ids.
- `headings.assign_ids(entry_id, doc)`: unique heading ids.

`walk` holds the tree helpers they share.
"""
from . import corrections, headings, notes, typography  # noqa: F401
