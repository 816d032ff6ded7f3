# From a fresh clone: `make demo` (local Neo4j + real sample filings + the explorer) or
# `make test` (everything the tests need, then the whole suite). Both are idempotent.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup browser test lint bench demo clean

$(BIN)/ownergraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/ownergraph
	$(BIN)/ownergraph db install

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/mypy ingest graph app_pages app.py bench
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ingest graph app_pages app.py bench

bench: setup
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_ingest.py

demo: setup
	$(BIN)/ownergraph demo

clean:
	-$(BIN)/ownergraph db stop
	rm -rf $(VENV) .neo4j
