# The two commands of the README. Both set everything up first and can be run again safely.
#   make cours : install, then open JupyterLab on the course home page
#   make test  : install (with test tools), then run the whole test suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_ARGS ?=
# Tools that the course's libraries call by name (nbgrader runs `alembic`) come from the environment.
export PATH := $(abspath $(BIN)):$(PATH)
# JupyterLab refuses to run as root without this flag (containers, CI).
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: cours test setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

cours: $(STAMP)
	$(BIN)/jupyter lab notebooks/00_accueil.ipynb $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)
