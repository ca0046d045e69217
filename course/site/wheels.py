"""The Python wheels the site serves to the browser, besides Pyodide's core.

- The course's pure-Python dependencies (ipywidgets, anywidget…) at the versions installed in the build
  environment: the JupyterLab extensions copied into the site come from that same environment, so the browser's
  Python side and its page side match, as they do in `make cours`.
- The wheels the Pyodide kernel brings with it (piplite, the ipykernel stub…), from its JupyterLab extension.
- The course itself, built by setuptools from a staging copy of the package (learner side only: no
  course/graded/, no course/site/), with the data the build prepared for the browser (course.prebuilt).

Wheels from PyPI are downloaded once into a cache folder; a later build with the cache filled needs no network.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import MissingFile

#: What the course needs in the browser beyond the kernel, and what each needs (names as in Pyodide's lock).
#: widgetsnbextension is the kernel extension's stub: the real one only carries the classic Notebook's files.
COURSE_DEPENDENCIES = {
    "comm": [],
    "jupyterlab-widgets": [],
    "ipywidgets": ["comm", "ipython", "traitlets", "widgetsnbextension", "jupyterlab-widgets"],
    "psygnal": [],
    "anywidget": ["ipywidgets", "psygnal", "typing-extensions"],
    "mistune": [],
}
#: The course's own imports in the browser (its declared dependencies, jupyterlab, pandas…, are not installed).
COURSE_NEEDS = ["ipywidgets", "anywidget", "mistune"]
#: The wheels of jupyterlite-pyodide-kernel's extension, and what each needs.
KERNEL_WHEELS = {
    "piplite": ["micropip"],
    "pyodide-kernel": ["comm", "ipython"],
    "ipykernel": ["pyodide-kernel"],
    "widgetsnbextension": [],
}
#: Left out of the browser's copy of the package: the instructor's tools and this build.
NOT_FOR_THE_BROWSER = ("graded", "site")
PYTHON_IN_THE_BROWSER = "3.14"


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_name_and_version(wheel: Path) -> tuple[str, str]:
    name, version = wheel.name.split("-")[:2]
    return normalized(name), version


def cached_wheel(name: str, version: str, cache: Path) -> Path | None:
    for wheel in sorted(cache.glob("*.whl")):
        if wheel_name_and_version(wheel) == (normalized(name), version):
            return wheel
    return None


def fetch(name: str, version: str, cache: Path) -> Path:
    """The pure-Python wheel name==version: from the cache, or else downloaded from PyPI into it."""
    cache.mkdir(parents=True, exist_ok=True)
    if found := cached_wheel(name, version, cache):
        return found
    with tempfile.TemporaryDirectory(dir=cache, prefix=".telechargement-") as download:
        # Into a folder of its own, then moved in whole: another build reading the cache never sees half a wheel.
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                   "--python-version", PYTHON_IN_THE_BROWSER, "--platform", "any", "--implementation", "py",
                   "--dest", download, f"{name}=={version}"]
        done = subprocess.run(command, capture_output=True, text=True)
        if found := cached_wheel(name, version, Path(download)):
            return found.replace(cache / found.name)
    raise MissingFile(
        f"Fichier introuvable\u00a0: la roue (wheel) {name} {version} pour Python {PYTHON_IN_THE_BROWSER}, "
        f"ni dans {cache} ni sur PyPI. Vérifiez l’accès à PyPI, ou copiez-y le fichier "
        f"{normalized(name).replace('-', '_')}-{version}-py3-none-any.whl "
        f"(« pip download --no-deps {name}=={version} --python-version {PYTHON_IN_THE_BROWSER} "
        f"--platform any --only-binary=:all: -d {cache} »).\n{done.stderr.strip()[-600:]}")


def course_dependency_wheels(cache: Path) -> dict[str, tuple[Path, list[str]]]:
    """Each of COURSE_DEPENDENCIES at the version installed here, with what it needs."""
    wheels = {}
    for name, needs in COURSE_DEPENDENCIES.items():
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            raise MissingFile(f"Paquet Python absent de l’environnement de construction\u00a0: {name} — "
                              "lancez « make setup ».") from None
        wheels[name] = (fetch(name, version, cache), needs)
    return wheels


def kernel_wheels(kernel_extension: Path) -> dict[str, tuple[Path, list[str]]]:
    """The wheels jupyterlite-pyodide-kernel's extension ships (static/pypi/), with what each needs."""
    folder = kernel_extension / "static" / "pypi"
    wheels = {}
    for name, needs in KERNEL_WHEELS.items():
        found = [wheel for wheel in sorted(folder.glob("*.whl")) if wheel_name_and_version(wheel)[0] == name]
        if name == "widgetsnbextension":  # the stub that satisfies ipywidgets 8 (~=4.0)
            found = [wheel for wheel in found if wheel_name_and_version(wheel)[1].startswith("4.")]
        if not found:
            raise MissingFile(f"Fichier introuvable\u00a0: {folder}/{name}-*.whl — réinstallez "
                              "jupyterlite-pyodide-kernel (« make setup »).")
        wheels[name] = (found[-1], needs)
    return wheels


def stage_package(repo: Path, staging: Path) -> Path:
    """A copy of the course package for the browser, under staging/course."""
    package = staging / "course"
    shutil.copytree(repo / "course", package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in NOT_FOR_THE_BROWSER:
        shutil.rmtree(package / name, ignore_errors=True)
    return package


#: The browser's course package, built by setuptools like any wheel. Its metadata names only what it needs in the
#: browser (the repository's pyproject.toml also asks for jupyterlab, pandas…, which Pyodide has not).
STAGED_PROJECT = """\
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "course"
version = "{version}"
description = "Le cours, côté apprenant, pour le navigateur (site JupyterLite)"
dependencies = {dependencies}

[tool.setuptools.packages.find]
include = ["course*"]

[tool.setuptools.package-data]
course = ["**/*.json", "**/*.js", "**/*.css", "**/*.csv", "**/*.svg"]
"""


def course_wheel(package: Path, version: str, dest: Path) -> Path:
    """The staged package built as a wheel (py3-none-any) with setuptools, offline (no build isolation). Its
    version carries a digest of its files, so that a republished site never meets a browser's cached copy of an
    older wheel under the same name (Pyodide would refuse it: its hash would not match the lock)."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    version = f"{version}+{digest.hexdigest()[:12]}"
    project = package.parent
    (project / "pyproject.toml").write_text(
        STAGED_PROJECT.format(version=version, dependencies=json.dumps(COURSE_NEEDS)), encoding="utf-8")
    dest.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(dest), str(project)], capture_output=True, text=True)
    built = sorted(dest.glob("course-*.whl"))
    if done.returncode or not built:
        raise MissingFile(f"La roue du cours n’a pas pu être construite (setuptools ≥ 77 est-il installé ? "
                          f"lancez « make setup »).\n{done.stderr.strip()[-600:]}")
    return built[-1]
