"""environment.yml (conda) and pyproject.toml (pip) must ask for the same packages and lower bounds, and the
installed environment starts nbgrader's commands without a needless grammar compiler."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml

from conftest import REPO


def _requirement(text: str) -> tuple[str, str]:
    name, bound = re.match(r"^([A-Za-z0-9_.\-]+)\s*(>=\s*[\w.]+)?", text.strip()).groups()
    return name.lower().replace("_", "-"), (bound or "").replace(" ", "")


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    texts = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(_requirement(text) for text in texts)


def conda_requirements() -> dict[str, str]:
    """Conda packages, plus what environment.yml has pip install (the course itself aside)."""
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    texts = [entry for entry in environment["dependencies"] if isinstance(entry, str)]
    texts += [text for entry in environment["dependencies"] if isinstance(entry, dict)
              for text in entry.get("pip", []) if text != "-e ."]
    return dict(_requirement(text) for text in texts if not text.startswith(("python", "pip")))


def test_conda_and_pip_declare_the_same_dependencies():
    assert conda_requirements() == pip_requirements()


def test_the_python_bounds_agree():
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    conda_python = next(entry for entry in environment["dependencies"]
                        if isinstance(entry, str) and entry.startswith("python"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert conda_python.replace("python", "") == project["requires-python"]


def test_the_course_is_installed_from_the_repo_in_conda_too():
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_block = next(entry for entry in environment["dependencies"] if isinstance(entry, dict))
    assert "-e ." in pip_block["pip"]


def test_reading_notebooks_does_not_compile_iri_grammars():
    """make setup removes rfc3987-syntax (see the Makefile): each nbgrader command would spend ~2 s compiling it."""
    loaded = subprocess.run([sys.executable, "-c", "import sys, nbformat, jupyter_events; "
                             "print(sorted(m for m in sys.modules if m.startswith(('rfc3987', 'lark'))))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
