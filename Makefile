# The project's commands. `make setup` once on a fresh Debian machine (as root), then the rest.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup system-packages venv test test-sqlite test-postgres lint contracts typecheck demo bench bench-quick

setup: system-packages venv

system-packages:
	scripts/install-system-packages

venv:
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[server,dev]'

lint:
	$(VENV)/bin/ruff check .

contracts:
	$(VENV)/bin/lint-imports

# mypy over the four packages (configured in pyproject.toml).
typecheck:
	$(VENV)/bin/mypy domain sync mobile server

# Everything on SQLite, then again on PostgreSQL what reaches the database (the tests
# marked `database`: tests/conftest.py). pytest-xdist spreads the test files over one
# worker a core (WORKERS=0: all in this process); a file stays on one worker, since its
# tests may share a server started once for the file.
WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(WORKERS) --dist loadfile

test: lint contracts typecheck test-sqlite test-postgres

# The UI tests run apart, a process per file (scripts/test-ui says why).
test-sqlite:
	$(PYTEST) --ignore=tests/mobile/ui
	PY=$(PY) scripts/test-ui

test-postgres:
	scripts/with-postgres $(PYTEST) -m database

demo:
	scripts/demo

bench:
	$(PY) -m bench.store_bench
	$(PY) -m bench.sync_bench
	$(PY) -m bench.room_index_bench
	scripts/with-postgres $(PY) -m bench.server_load
	scripts/with-postgres $(PY) -m bench.dashboard_load
	$(PY) -m bench.crash_harness --target ours --trials 1000
	$(PY) -m bench.power_cut --cuts 1000
	$(PY) -m bench.app_start
	$(PY) -m bench.list_view

bench-quick:
	$(PY) -m bench.store_bench --quick
	$(PY) -m bench.sync_bench --quick
	$(PY) -m bench.room_index_bench --quick
	$(PY) -m bench.power_cut --cuts 100
	$(PY) -m bench.app_start --quick
	scripts/with-postgres $(PY) -m bench.server_load --quick
	scripts/with-postgres $(PY) -m bench.dashboard_load --quick
