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

.PHONY: demo test setup migrate serve serve-production bench bench-durability bench-import bench-load clean reliability audit cluster-drill

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	scripts/ensure-slapd  # python-ldap builds against OpenLDAP's headers; the tests start a real slapd
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

setup: $(VENV)/.installed

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	scripts/ensure-print-tools
	HOST=$(HOST) PORT=$(PORT) $(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: migrate
	scripts/ensure-chromium
	scripts/ensure-cluster-tools
	scripts/ensure-print-tools
	scripts/ensure-slapd
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: setup
	$(PY) bench/rules_bench.py

# The production start of docs/OPERATIONS.md: collectstatic, then granian (settings from .env).
WORKERS ?= 2
serve-production: setup
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) scripts/serve-production

# What SQLite's synchronous=FULL costs the punch and leave paths, against NORMAL (OPERATIONS §10).
bench-durability: setup
	$(PY) bench/sqlite_durability_bench.py
# Staff import of 10,000 rows (XLSX) on SQLite: dry run, import, re-import, update.
bench-import: setup
	$(PY) bench/import_bench.py

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

# Failover drill (root): etcd + Patroni (primary and synchronous standby) + HAProxy + two granian servers on
# loopback; the primary's PostgreSQL is killed under load. Last line: acknowledged writes, lost, half-written,
# how long writes were refused (docs/OPERATIONS.md §9).
cluster-drill: setup
	scripts/ensure-postgres
	scripts/ensure-cluster-tools
	$(PY) bench/cluster_drill.py

# Known vulnerabilities in the installed dependencies (pip-audit); see scripts/audit.py for an unreachable service.
audit: setup
	$(PY) scripts/audit.py

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
