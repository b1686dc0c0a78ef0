# Integra: the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# pytest-xdist workers for make test / test-postgres: one more than the 2 cores, as the browser tests, Java and
# the database leave a worker waiting (docs/performance.md, "Test suite speed"); PYTEST_WORKERS=0: one process.
PYTEST_WORKERS ?= 3
PYTEST := $(VENV)/bin/pytest -n $(PYTEST_WORKERS)

.PHONY: run test test-postgres lint check messages worker clean

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PIP) install -q -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@scripts/ensure-system-packages  # Java first: without it vnu-jar's install script downloads its own
	npm ci --no-audit --no-fund --silent
	@touch $@

## run: set up and serve Integra with demo data on SQLite at http://127.0.0.1:8000
run: $(VENV)/.runtime
	@scripts/ensure-system-packages
	@mkdir -p var
	@test -f .env || { echo "DEBUG=1" > .env; echo "created .env with DEBUG=1 (local development)"; }
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py demo_logins
	@echo "Starting the task worker and the web server on http://127.0.0.1:8000 (Ctrl+C stops both)"
	@trap 'kill 0' EXIT; DEBUG=1 $(PY) manage.py db_worker & DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

## worker: run the background task worker (production: one or more of these next to the web processes)
worker: $(VENV)/.runtime
	$(PY) manage.py db_worker

## test: set up and run the whole test suite in parallel (SQLite; DATABASE_URL=postgres://… for PostgreSQL;
##       PYTEST_ARGS=integra/forum for one app, PYTEST_WORKERS=0 for one process)
test: $(VENV)/.dev node_modules/.installed
	@scripts/ensure-chromium
	@scripts/ensure-system-packages
	$(PYTEST) $(PYTEST_ARGS)

## test-postgres: the same suite against the PostgreSQL server on 127.0.0.1:5432
test-postgres: $(VENV)/.dev node_modules/.installed
	@scripts/ensure-chromium
	@scripts/ensure-system-packages
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/integra} $(PYTEST) $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

## messages: refresh the gettext catalogues after changing visible strings, then compile them
messages: $(VENV)/.runtime
	for lang in bg en ar fa ru uk tr; do DEBUG=1 $(PY) manage.py makemessages -l $$lang --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete; done
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules var
