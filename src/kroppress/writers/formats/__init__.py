"""One module a format: each holds `FORMAT`, its declaration (see
`writers.registry`). Adding an output format is adding a module here."""
