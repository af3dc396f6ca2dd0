# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper of theirs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Python's own default: modules are compiled once and the bytecode kept. A machine that turns it
# off (PYTHONDONTWRITEBYTECODE=1, as this project's machines do) makes every one of the suite's
# hundreds of Python processes (servers, CLI commands, schemathesis, pytest's workers) compile
# every module it imports again: some 3 s of CPU for each that imports the app.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint types audit lock unit bench messages doctor sdk clean

# The lock is installed with uv: a third of pip's time on a fresh machine (parallel downloads).
$(STAMP): pyproject.toml requirements.lock sdk/python/pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet 'uv>=0.13,<0.14'
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]' -c requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e sdk/python -c requirements.lock  # the Python SDK, for its tests
	touch $(STAMP)

## Run the product on its embedded PostgreSQL with demo data: http://127.0.0.1:8000/
run: $(STAMP)
	$(BIN)/omotenashi serve --demo

## Every check: lint, types, known vulnerabilities in the locked dependencies, all tests.
## The audit (which mostly waits on PyPI) runs beside the parallel tests; lint and types (a
## core's worth for some 20 s) beside the few tests that run alone, whose one process leaves the
## second core idle. Their output follows the tests', and any failure fails the run.
test: $(STAMP)
	@{ $(MAKE) --no-print-directory audit > $(VENV)/audit.log 2>&1; \
	  echo $$? > $(VENV)/audit.status; } & \
	$(BIN)/python -m pytest -m "not serial"; parallel=$$?; \
	{ $(MAKE) --no-print-directory lint types > $(VENV)/checks.log 2>&1; \
	  echo $$? > $(VENV)/checks.status; } & \
	$(BIN)/python -m pytest -m serial -n 0; alone=$$?; wait; \
	cat $(VENV)/checks.log $(VENV)/audit.log; \
	checks=$$(cat $(VENV)/checks.status); audit=$$(cat $(VENV)/audit.status); \
	[ $$parallel -eq 0 ] && [ $$alone -eq 0 ] || echo "make test: the tests failed (above)"; \
	[ $$checks -eq 0 ] || echo "make test: lint or types failed (above)"; \
	[ $$audit -eq 0 ] || echo "make test: the audit failed (above)"; \
	[ $$parallel -eq 0 ] && [ $$alone -eq 0 ] && [ $$checks -eq 0 ] && [ $$audit -eq 0 ]

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

types: $(STAMP)
	$(BIN)/mypy

# The lock must be what is installed, and no locked version may have a known vulnerability.
audit: $(STAMP)
	$(BIN)/python scripts/lock_requirements.py --check
	$(BIN)/python scripts/audit_requirements.py --strict

## Pin the newest releases pyproject's ranges allow into requirements.lock (so that every pin can
## be audited); after changing pyproject's dependencies, and whenever `make audit` asks.
lock:
	$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
	$(BIN)/python scripts/lock_requirements.py
	touch $(STAMP)

# Tests in parallel (pytest-xdist, see pyproject), then those that must run alone.
unit: $(STAMP)
	$(BIN)/python -m pytest -m "not serial"
	$(BIN)/python -m pytest -m serial -n 0

bench: $(STAMP)
	$(BIN)/python -m bench

## Bring the 15 languages' catalogues up to the code (then translate what is new).
messages: $(STAMP)
	$(BIN)/python -m omotenashi.i18n.catalogues

## Regenerate the Python SDK's generated client from the API (commit sdk/python afterwards).
sdk: $(STAMP)
	$(BIN)/python scripts/generate_sdk.py

doctor: $(STAMP)
	$(BIN)/omotenashi doctor

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
