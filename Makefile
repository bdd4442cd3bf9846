# udavtal – see README.md. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
# Python 3.12+ (Django 6.1): pyenv selects it through .python-version; fall back to python3.12.
PYTHON ?= $(shell (pyenv which python3 2>/dev/null) || command -v python3.12 || command -v python3)
TEST_DATABASE_URL ?= postgres://udavtal:udavtal@127.0.0.1:5432/udavtal
PYTEST_ARGS ?= -n 2

.PHONY: help venv run test lint fmt demo migrate bench messages

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12+ behövs (pyenv install 3.12)")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q '.[dev]'
	@touch $@

venv: $(VENV)/.installed ## Create the virtual environment with every dependency

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: venv ## Set up and run the application with demo data on SQLite at http://127.0.0.1:8000
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo_data
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

test: venv ## Set up and run the whole test suite on PostgreSQL
	bin/setup-system
	$(MAKE) node_modules/.installed
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest $(PYTEST_ARGS)

lint: venv ## ruff format --check, ruff check, makemigrations --check
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

fmt: venv ## Format code and templates
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

demo: venv ## Load demo data into the configured database
	DEBUG=true $(PY) manage.py load_demo_data

migrate: venv ## Apply migrations to the configured database
	DEBUG=true $(PY) manage.py migrate --noinput

BENCH_DATABASE_URL ?= postgres://udavtal:udavtal@127.0.0.1:5432/udavtal_bench
# The database task backend, as in production: a large XLSX export is queued, not written in the request.
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) TESTING=true DEBUG=false OTP_REQUIRED_FOR_MINISTRY=false TASKS_BACKEND=database
BENCH_SCALE ?= national

bench: venv ## Benchmark: national data, page speed and deadline load test into docs/benchmarks.md (empties BENCH_DATABASE_URL)
	$(BENCH_ENV) $(PY) manage.py migrate --noinput
	$(BENCH_ENV) $(PY) manage.py flush --no-input
	$(BENCH_ENV) $(PY) manage.py load_reference_data
	$(BENCH_ENV) $(PY) manage.py generate_bench_data --scale $(BENCH_SCALE)
	$(BENCH_ENV) $(PY) bench/pages.py --requests 20 --write docs/benchmarks.md
	$(BENCH_ENV) $(PY) bench/load_test.py --users 50 --write docs/benchmarks.md
	$(BENCH_ENV) $(PY) bench/import_values.py
	$(BENCH_ENV) $(PY) bench/annual_report.py --districts 40 --write-docs
