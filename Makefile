# The two commands of the README. Each does all of its own set-up on a machine that has only
# Python 3.11+ and pip: a private copy of uv in .tools/, then the locked environment in .venv/.
UV_VERSION := 0.13.8
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
BIN := .venv/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

.PHONY: up test env lint types unit e2e schemas

up: env
	$(BIN)/vrs up

test: env lint types
	$(BIN)/pytest

env: $(UV)
	$(UV) sync --frozen --all-packages

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

lint: env
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: env
	$(BIN)/mypy

unit: env
	$(BIN)/pytest -m "not e2e"

e2e: env
	$(BIN)/pytest -m e2e

schemas: env
	$(BIN)/python -m vrs_contracts.generate
