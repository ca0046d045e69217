"""Where the course's folders are: the repository root by default, or $COURSE_ROOT; and where a learner works
(their own copy of the modules, ~/cours-reseaux-sociaux by default, or $COURS_DOSSIER_APPRENANT)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def course_root() -> Path:
    """The folder holding quizzes/, data/ and notebooks/.

    $COURSE_ROOT wins (tests and instructors use it to point at a copy); otherwise
    the repository this package was installed from in editable mode.
    """
    env = os.environ.get("COURSE_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def quizzes_dir() -> Path:
    return course_root() / "quizzes"


def data_dir() -> Path:
    return course_root() / "data"


def notebooks_dir() -> Path:
    """The modules' folder: notebooks/ of the course; in the browser site, the folder of the running notebook."""
    return Path.cwd() if in_browser() else course_root() / "notebooks"


BROWSER_DRIVE = Path("/drive")  # the browser site's files (JupyterLite), kept in the browser's storage


def in_browser() -> bool:
    """The kernel runs in the browser (Pyodide, the JupyterLite site): its files live in BROWSER_DRIVE."""
    return sys.platform == "emscripten"


LEARNER_FOLDER_VARIABLE = "COURS_DOSSIER_APPRENANT"
LEARNER_FOLDER_NAME = "cours-reseaux-sociaux"  # in the learner's home folder


def learner_folder() -> Path:
    """The learner's own folder: their copy of the modules (notebooks/, docs/), which they edit and run, and
    their data (mes-donnees/). $COURS_DOSSIER_APPRENANT wins; otherwise ~/cours-reseaux-sociaux, the folder that
    also holds a learner's data on a shared server (course/learner/store.py)."""
    env = os.environ.get(LEARNER_FOLDER_VARIABLE)
    return Path(env).expanduser().resolve() if env else Path.home() / LEARNER_FOLDER_NAME
