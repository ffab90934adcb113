"""The anthology as a whole: `assemble` (config + texts + editorial prose ->
one `Book`), `check` (lint it without writing books) and `init` (a starter
`anthology.toml` for a folder of texts)."""
