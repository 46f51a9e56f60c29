# The README's two commands are `make run` and `make test`; everything else is a convenience.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test

.PHONY: run test lint screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[fast]'
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,fast]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/mission-tui $(ARGS)

test: $(STAMP_TEST)
	$(BIN)/python -m ruff check tui tests benchmarks
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(BIN)/python -m ruff check tui tests benchmarks

screenshots: $(STAMP_TEST)
	$(BIN)/python -m mission_tui.screenshots screenshots

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
