# Two commands do all set-up: `make book` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test fuzz bench system clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

system:
	@./scripts/system-deps.sh

book: system $(STAMP)
	$(BIN)/kroppress build --config anthology.toml --out dist

test: system $(STAMP)
	$(BIN)/python -m pytest

fuzz: system $(STAMP)
	KROPPRESS_FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest tests/test_fuzz.py

clean:
	rm -rf dist $(VENV)
