# Two commands do all set-up: `make book` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test fuzz bench system browser calibre clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

ACE    := $(HOME)/.cache/kroppress/ace/node_modules/.bin/ace-puppeteer

system:
	@./scripts/system-deps.sh

# The accessibility check (Ace by DAISY) needs Chromium and npm; when they
# cannot be had, its test skips and says why.
$(ACE):
	-@KROPPRESS_WITH_CHROMIUM=1 ./scripts/system-deps.sh
	-@./scripts/ace.sh --install >/dev/null

# The browser tests of `kroppress serve` (tests/test_serve.py) drive Debian's
# chromium with PyPI playwright (a test dependency); without chromium they
# skip and say why.
browser:
	-@KROPPRESS_WITH_CHROMIUM=1 ./scripts/system-deps.sh

# Byte-compiled once here: with PYTHONDONTWRITEBYTECODE set (as on some
# machines) every `kroppress` run would compile the sources again (~0.3 s)
COMPILE := $(BIN)/python -m compileall -q src >/dev/null

book: system $(STAMP)
	@$(COMPILE)
	$(BIN)/kroppress build --config anthology.toml --out dist

# The real AZW3 conversion test (tests/writers/test_kindle.py) needs calibre's
# ebook-convert; without it the test skips and says why.
calibre:
	-@KROPPRESS_WITH_CALIBRE=1 ./scripts/system-deps.sh

test: system $(STAMP) $(ACE) browser calibre
	@$(COMPILE)
	$(BIN)/python -m pytest

# Not derandomized: each run draws new examples from a seed it prints first;
# `make fuzz KROPPRESS_FUZZ_SEED=N` runs seed N again.
fuzz: system $(STAMP)
	@seed=$${KROPPRESS_FUZZ_SEED:-$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}; \
	echo "fuzz seed: $$seed (again: make fuzz KROPPRESS_FUZZ_SEED=$$seed)"; \
	KROPPRESS_FUZZ_EXAMPLES=$${KROPPRESS_FUZZ_EXAMPLES:-5000} \
	  $(BIN)/python -m pytest tests/test_fuzz.py --hypothesis-seed=$$seed; \
	status=$$?; echo "fuzz seed: $$seed"; exit $$status

# Timings and peak memory against pandoc (EPUB) and the weasyprint CLI (PDF);
# pandoc is installed for this target only. `make bench BENCH_ARGS=--quick`.
bench: export KROPPRESS_WITH_PANDOC = 1
bench: system $(STAMP)
	@$(COMPILE)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/pathological.py

clean:
	rm -rf dist $(VENV)
