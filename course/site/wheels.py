"""The Python wheels the site serves to the browser, besides Pyodide's core.

- The course's pure-Python dependencies (ipywidgets, anywidget…) at the versions installed in the build
  environment: the JupyterLab extensions copied into the site come from that same environment, so the browser's
  Python side and its page side match, as they do in `make cours`.
- The wheels the Pyodide kernel brings with it (piplite, the ipykernel stub…), from its JupyterLab extension.
- The course itself, zipped from a staging copy of the package (learner side only: no course/graded/, no
  course/site/), with the data the build prepared for the browser (course.prebuilt).

Wheels from PyPI are downloaded once into a cache folder; a later build with the cache filled needs no network.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import re
import shutil
import subprocess
import sys
import zipfile
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
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
               "--python-version", PYTHON_IN_THE_BROWSER, "--platform", "any", "--implementation", "py",
               "--dest", str(cache), f"{name}=={version}"]
    done = subprocess.run(command, capture_output=True, text=True)
    if found := cached_wheel(name, version, cache):
        return found
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


def course_wheel(package: Path, version: str, dest: Path) -> Path:
    """The staged package zipped as a wheel (py3-none-any), whose metadata names only what it needs in the
    browser. A wheel is a zip with a .dist-info folder: no build backend, no network, nothing written in the
    repository."""
    dist_info = f"course-{version}.dist-info"
    files = {path.relative_to(package.parent).as_posix(): path.read_bytes()
             for path in sorted(package.rglob("*")) if path.is_file()}
    files[f"{dist_info}/METADATA"] = "\n".join(
        ["Metadata-Version: 2.1", "Name: course", f"Version: {version}",
         "Summary: Le cours, côté apprenant, pour le navigateur (site JupyterLite)",
         *(f"Requires-Dist: {name}" for name in COURSE_NEEDS), ""]).encode()
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: course.site\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{dist_info}/top_level.txt"] = b"course\n"
    record = [f"{name},sha256={_digest(data)},{len(data)}" for name, data in files.items()]
    files[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()
    dest.mkdir(parents=True, exist_ok=True)
    wheel = dest / f"course-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return wheel


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
