# Two commands for a newcomer: `make run` and `make test`. Both build .venv/ from the
# exact versions in requirements.lock first, so every machine renders the same screens.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint bench locales snapshots clean

run: $(STAMP)
	$(BIN)/vn-egov

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

# Speed against the floors of the stack (not part of `make test`); results in benchmarks/results/.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "vn-egov needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $(STAMP)

# Regenerate the catalogs after changing user-visible strings (see README: Translating).
# The template has no header (nothing in it changes when no string did); the .po files
# keep theirs, because it carries Language and Plural-Forms and because pybabel compile
# skips a catalog without one as "fuzzy". --ignore-pot-creation-date keeps it unchanged.
locales: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o locales/messages.pot --no-location --omit-header --sort-output .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --ignore-pot-creation-date --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d locales -D messages --statistics

# Rewrite snapshot SVGs after a deliberate change to a screen; look at every one.
snapshots: $(STAMP)
	$(BIN)/pytest tests/test_snapshots.py --snapshot-update

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
