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

NODE_STAMP := node_modules/.installed

.PHONY: cours test setup

setup: $(STAMP)

# axe-core, for the accessibility tests; skipped (and said so by the tests) where npm is missing.
$(NODE_STAMP): package.json
	@if command -v npm >/dev/null; then npm install --no-package-lock --no-audit --no-fund --silent && touch $(NODE_STAMP); \
	else echo "npm absent : les tests d'accessibilité seront ignorés."; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

cours: $(STAMP)
	$(BIN)/jupyter lab notebooks/00_accueil.ipynb $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP) $(NODE_STAMP)
	@[ -x /usr/bin/chromium ] || echo "Chromium absent (/usr/bin/chromium) : les tests navigateur seront ignorés."
	@[ -e /usr/share/hunspell/fr_FR.dic ] || echo "hunspell-fr absent : la vérification orthographique sera ignorée."
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || echo "PostgreSQL absent : les tests du carnet de notes sur serveur seront ignorés."
	$(BIN)/python -m pytest $(PYTEST_ARGS)
