# From a fresh clone: `make demo` (local Neo4j + real sample filings + the explorer) or
# `make test` (everything the tests need, then the whole suite). Both are idempotent.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CODE := ingest edgar_fetch graph server cli explorer app_pages app.py bench tests
# make demo PORT=7690 HTTP_PORT=7480 APP_PORT=8502
PORT ?= 7687
HTTP_PORT ?= 7474
APP_PORT ?= 8501

.PHONY: venv setup browser test lint bench demo clean

$(BIN)/ownergraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: $(BIN)/ownergraph

setup: venv
	$(BIN)/ownergraph db install

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(CODE)

test: lint setup browser
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_fetch.py

demo: setup
	$(BIN)/ownergraph demo --port $(PORT) --http-port $(HTTP_PORT) --app-port $(APP_PORT)

clean:
	-$(BIN)/ownergraph db stop
	rm -rf $(VENV) .neo4j
