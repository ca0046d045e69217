"""Where the course's folders are: the repository root by default, or $COURSE_ROOT."""

from __future__ import annotations

import os
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
    return course_root() / "notebooks"
