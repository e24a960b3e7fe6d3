# The project's commands. `make setup` once on a fresh Debian machine (as root), then the rest.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup system-packages venv test test-sqlite test-postgres lint contracts demo bench bench-quick

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

# Everything on SQLite, then the server and end-to-end tests again on PostgreSQL.
test: lint contracts test-sqlite test-postgres

test-sqlite:
	$(PY) -m pytest

test-postgres:
	scripts/with-postgres $(PY) -m pytest tests/server tests/e2e

demo:
	scripts/demo

bench:
	$(PY) -m bench.store_bench
	$(PY) -m bench.sync_bench
	$(PY) -m bench.room_index_bench
	scripts/with-postgres $(PY) -m bench.server_load
	$(PY) -m bench.crash_harness --target ours --trials 1000
	$(PY) -m bench.power_cut --cuts 1000

bench-quick:
	$(PY) -m bench.store_bench --quick
	$(PY) -m bench.sync_bench --quick
	$(PY) -m bench.room_index_bench --quick
	$(PY) -m bench.power_cut --cuts 100
	scripts/with-postgres $(PY) -m bench.server_load --quick
