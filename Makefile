# Two commands do all set-up: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per core; TEST_JOBS=0 runs the suite in one process.
TEST_JOBS ?= 2
# V=2 shows everything (pip's output, the SQL that adds page translation columns).
V ?= 1
ifeq ($(V),2)
PIP := $(BIN)/pip
else
PIP := $(BIN)/pip --quiet --quiet
endif

.DEFAULT_GOAL := help
.PHONY: help install install-test messages makemessages run serve worker migrate demo test lint pytest check-deploy scale-check clean

help: ## List the targets, one line each
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

# The project is installed for its dependencies only (it runs from the checkout), so not
# in editable mode: setuptools' editable build warned on every fresh install.
$(BIN)/python:
	@echo "Creating the virtual environment in $(VENV)/"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing the dependencies (a few minutes the first time)"
	@$(PIP) install .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@echo "Installing the test tools"
	@$(PIP) install '.[test]'
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the project

install-test: $(VENV)/.installed-test ## Install the test tools, Chromium and poppler when missing
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v pdftoppm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

messages: install ## Compile the translation catalogs in locales/
	@echo "Compiling the translation catalogs"
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

makemessages: install ## Refresh locales/*/LC_MESSAGES/django.po from the code and templates
	$(MANAGE) makemessages --all --ignore=.venv --ignore=var --no-obsolete --add-location=file

migrate: messages ## Apply database migrations (V=2 shows each one and the SQL)
	@$(MANAGE) migrate --noinput -v $(V)

demo: migrate ## Load the demo content and create the admin account (keeps existing data)
	@$(MANAGE) load_demo -v $(V)
	@$(MANAGE) ensure_admin

run: demo ## Install, migrate, load demo content, then serve on HOST:PORT (default 127.0.0.1:8000) with the task worker
	@echo "Serving http://$(HOST):$(PORT)/ (admin at /admin/). Ctrl-C stops the server and the worker."
	@trap 'kill 0' EXIT INT TERM; \
	$(MANAGE) task_worker --backend queue --no-startup-delay & \
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install ## Run the background task worker alone
	$(MANAGE) task_worker --backend queue

TEMPLATE_DIRS := $(shell find pdo_site materials courses -type d -name templates)

lint: install-test ## ruff (lint and format), bandit, import contracts, template indentation, migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive pdo_site materials courses --exclude '*/migrations/*'
	PYTHONPATH=. $(BIN)/lint-imports --no-cache
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)
	$(MANAGE) makemigrations --check --dry-run

pytest: install-test messages ## Run the pytest suite only (pass ARGS="-k name" to select)
	$(BIN)/pytest -n $(TEST_JOBS) $(ARGS)

test: install-test messages lint ## Install test tools; run ruff, the migrations check and all tests
	$(BIN)/pytest -n $(TEST_JOBS) $(ARGS)

check-deploy: install ## Run Django's deployment checks with production settings
	DJANGO_SETTINGS_MODULE=pdo_site.settings.production SECRET_KEY=$${SECRET_KEY:-check-deploy-$$RANDOM-$$RANDOM-$$RANDOM-key-long-enough-for-django} \
	PDO_ENCRYPTION_KEYS=$${PDO_ENCRYPTION_KEYS:-check-deploy-$$RANDOM-$$RANDOM} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-pdo.example.org} $(MANAGE) check --deploy --fail-level WARNING

scale-check: install-test messages ## Two web processes, two task workers, PostgreSQL, Redis and S3 (moto) on loopback: PDFs, page cache, a killed worker
	@$(PIP) install '.[scale]'
	$(BIN)/python benchmarks/scale_check.py

clean: ## Remove the virtualenv, the SQLite database and generated files
	rm -rf $(VENV) db.sqlite3 var
	find locales -name '*.mo' -delete
