# The README's two commands are `make run` and `make test`; everything else is a convenience.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test

.PHONY: run test test-fast lint screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/mission-tui $(ARGS)

# The Pilot tests once more on stock Textual (every textual_compat patch off): the app must behave
# the same without them. Not the snapshots: they are SVG exports of the compositor's strips, which
# no patch changes (they pass byte for byte in stock mode), so a second run would prove nothing.
PILOT_TESTS = tests/test_app_keys.py tests/test_app_layout.py tests/test_app_linking.py tests/test_app_navigation.py \
	tests/test_app_repaint.py tests/test_virtual_list.py tests/test_compat.py tests/test_robustness.py

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	MISSION_TUI_STOCK_TEXTUAL=1 $(BIN)/python -m pytest -p no:cacheprovider $(PILOT_TESTS) $(PYTEST_ARGS)

test-fast: lint
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(BIN)/python -m ruff check tui tests benchmarks
	$(BIN)/python -m mypy

screenshots: $(STAMP_TEST)
	$(BIN)/python -m mission_tui.screenshots screenshots

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
