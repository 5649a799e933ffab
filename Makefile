# The two commands of the README: `make demo` and `make test`. Each does the whole
# set-up on a fresh machine (virtual environment, install, migrate) before its work.
PYTHON_BOOT := $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# One test process per core (pytest-xdist); each gets its own test database.
PYTEST_WORKERS ?= auto

.PHONY: demo test setup migrate serve bench bench-load clean reliability audit

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

setup: $(VENV)/.installed

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: migrate
	scripts/ensure-chromium
	scripts/ensure-print-deps
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: setup
	$(PY) bench/rules_bench.py

# Load benchmark on PostgreSQL (issue 9): a generated county of PEOPLE behind granian, wrk on loopback
# (100,000 people: 17 minutes and 7 GB the first time; --reuse keeps the database for the next run).
PEOPLE ?= 100000
bench-load: setup
	scripts/ensure-postgres
	scripts/tune-postgres
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/load_bench.py --people $(PEOPLE) --reuse

# Reliability on PostgreSQL (root: it restarts the cluster): no success lost when the database restarts
# under load, then a dump of that database restored into a fresh one and compared table by table.
RELIABILITY_DATABASE_URL ?= postgres://chaiqin:chaiqin@127.0.0.1:5432/chaiqin_reliability
reliability: setup
	scripts/ensure-postgres
	$(PY) bench/restart_under_load.py --database-url $(RELIABILITY_DATABASE_URL) --keep
	scripts/check-restore $(RELIABILITY_DATABASE_URL)

# Known vulnerabilities in the installed dependencies (pip-audit); see scripts/audit.py for an unreachable service.
audit: setup
	$(PY) scripts/audit.py

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
