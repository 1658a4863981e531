# Flyway Academy — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.12 or newer: the first of python3.13 / python3.12 on PATH that runs,
# then any pyenv-installed 3.13 / 3.12 (its shims fail when no version is selected).
PYTHON ?= $(shell for p in python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3); do \
	$$p -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: help run dev test lint format bench loadtest migrate demo worker messages clean

# The address being served is the public base URL, so that QR codes, e-mails and
# credentials made while serving point at it (HOST=… PORT=… change all three).
run dev demo: export PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
run dev demo: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run dev: export DJANGO_ALLOWED_HOSTS ?= $(HOST)

help:
	@echo "make run    set up this machine and serve the portal with demo data on http://$(HOST):$(PORT)"
	@echo "            (gunicorn and the task worker, as in production, on SQLite)"
	@echo "make dev    the same with Django's autoreloading development server"
	@echo "make test   set up and run the whole test suite"
	@echo "make lint   ruff check, ruff format --check, makemigrations --check, the import layers"
	@echo "make bench  run the benchmarks under bench/"
	@echo "make loadtest  locust against gunicorn on PostgreSQL and Redis (USERS=200 DURATION=5m SIZE=L)"

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed: install python3.13 or python3.12."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_data

# Served the way production serves: gunicorn's threaded workers with DEBUG off,
# and the task worker beside them; all stop together on Ctrl-C.
run: demo
	@echo "Serving Flyway Academy on http://$(HOST):$(PORT)/ — demo log-ins are in README.md"
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py task_worker --interval 1 & \
	DJANGO_DEBUG=false $(VENV)/bin/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) portal.wsgi

# For working on the code: the development server reloads on every change.
dev: demo
	@echo "Serving Flyway Academy (development server) on http://$(HOST):$(PORT)/"
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py task_worker --interval 1 & \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: venv
	$(PY) manage.py task_worker

test: venv
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: venv
	$(PY) bench/run.py

# The load test of issue 15: its own database and Redis db, see ops/loadtest.sh.
loadtest: venv
	ops/loadtest.sh

LOCALES := -l zh_Hans -l ja -l ko -l mn -l ru
MESSAGES_IGNORE := --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' --ignore='bench/*' --ignore='docs/*'

# Update the catalogues from the source, then compile them (the .mo files are committed).
messages: venv
	$(PY) manage.py makemessages $(LOCALES) --no-obsolete --no-wrap $(MESSAGES_IGNORE)
	$(PY) manage.py makemessages $(LOCALES) --no-obsolete --no-wrap -d djangojs $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages $(LOCALES) --ignore='.venv/*'

clean:
	rm -rf $(VENV) var
