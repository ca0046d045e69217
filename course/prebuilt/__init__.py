"""The course as the browser site runs it: the bank, the sources and the charts prepared when the site is built
(`write`, in the full environment), read at run time with the standard library only (Pyodide has no PyYAML,
jsonschema, pandas or matplotlib).

`folder()` is the one place that decides where the learner's course comes from: the pre-built folder when there
is one (the site's wheel holds course/prebuilt_data/), the course's own files otherwise (quizzes/, data/)."""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_NAME = "prebuilt_data"  # inside the installed course package
FOLDER_VARIABLE = "COURSE_PREBUILT_DATA"  # another pre-built folder (tests)
BANK_FILE = "bank.json"
SOURCES_FILE = "sources.csv"
CHARTS_FILE = "charts.json"

__all__ = ["BANK_FILE", "CHARTS_FILE", "FOLDER_NAME", "FOLDER_VARIABLE", "SOURCES_FILE", "folder", "write"]


def folder() -> Path | None:
    """The pre-built folder when there is one: $COURSE_PREBUILT_DATA, else prebuilt_data/ beside the package's
    modules; None (read quizzes/ and data/) when neither holds a pre-built bank."""
    env = os.environ.get(FOLDER_VARIABLE)
    found = Path(env) if env else Path(__file__).resolve().parent.parent / FOLDER_NAME
    return found if (found / BANK_FILE).is_file() else None


def __getattr__(name):
    if name == "write":  # build time only
        from .build import write

        return write
    raise AttributeError(name)
