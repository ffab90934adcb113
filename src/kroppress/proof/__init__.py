"""The typographic report of a laid-out book (`kroppress check --pages`):
`findings` reads the pages the layout measured, `run` gets them (from the
build's chunk cache where it can) and prints the report."""
