# МСОКО — one task runner. `make demo` and `make test` set up by themselves.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/mskoko
TEST_ENV := MSKOKO_HOME=$(CURDIR)/.test-home MSKOKO_SECRET_KEY=test-only-secret-key-not-for-production

.PHONY: setup demo test test-fast test-postgres test-browser lint serve benchmark clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Нужен Python 3.11 ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/mskoko demo

serve: setup
	$(BIN)/mskoko serve

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/lint-imports
	$(BIN)/python scripts/cli_reference.py --check

# The whole suite on SQLite, then the database tests again on the real PostgreSQL server.
test: setup lint
	$(TEST_ENV) $(BIN)/pytest
	$(MAKE) test-postgres

test-fast: setup
	$(TEST_ENV) $(BIN)/pytest -m "not spark and not browser" -x -q

test-browser: setup
	$(TEST_ENV) $(BIN)/pytest -m browser -q

test-postgres: setup
	$(TEST_ENV) MSKOKO_DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "postgres" -q

benchmark: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .test-home mskoko-demo mskoko-out .pytest_cache
