"""Pyodide self-hosted in the site, from the npm package `pyodide` (node_modules/pyodide, `npm install`).

Pyodide's npm package holds the interpreter and its lock file (pyodide-lock.json), not the wheels the lock lists.
The site's lock lists exactly what the browser loads when the kernel starts, each wheel beside it with its sha256
(Chromium refuses a wheel whose hash differs from the lock's, with no word about the hash):
- from the lock, the kernel's own needs (micropip, IPython, jedi and what they need), downloaded from PyPI at the
  lock's versions: PyPI's wheels have other hashes than Pyodide's repacked ones, so the lock is rewritten;
- added to it, the kernel extension's wheels, the course's dependencies and the course itself, all preloaded while
  Pyodide starts (jupyter-lite.json's loadPyodideOptions.packages): a notebook needs no install cell.
Every other entry is dropped: `import pandas` in the browser then says the module does not exist, instead of
asking the site for a file it does not have.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from . import MissingFile
from .wheels import fetch, normalized

#: What the kernel loads as Pyodide starts, in this order (their needs come with them).
PRELOADED = ["micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "ipython", "jedi", "ipywidgets",
             "anywidget", "course"]
#: Files of the npm package a browser never asks for.
NOT_SERVED = (".map", ".d.ts", ".html", ".md")


def npm_pyodide(node_modules: Path, expected_version: str) -> Path:
    """node_modules/pyodide, checked: there, and the version the kernel was built for."""
    folder = node_modules / "pyodide"
    for name in ("pyodide.mjs", "pyodide-lock.json", "pyodide.asm.wasm", "python_stdlib.zip", "package.json"):
        if not (folder / name).is_file():
            raise MissingFile(f"Fichier introuvable\u00a0: node_modules/pyodide/{name} — lancez « npm install » "
                              "(make setup le fait).")
    version = json.loads((folder / "package.json").read_text())["version"]
    if version != expected_version:
        raise MissingFile(f"node_modules/pyodide est en version {version}, le noyau Pyodide de JupyterLite attend "
                          f"la {expected_version} (package.json)\u00a0: lancez « npm install ».")
    return folder


def self_host(npm_folder: Path, dest: Path, extra_wheels: dict[str, tuple[Path, list[str]]], cache: Path) -> dict:
    """Pyodide's core files in dest, with a lock listing PRELOADED and their needs, every wheel beside it.
    extra_wheels: name -> (wheel, needs), added to the lock. Returns the lock written."""
    dest.mkdir(parents=True, exist_ok=True)
    for source in sorted(npm_folder.iterdir()):
        if source.is_file() and not source.name.endswith(NOT_SERVED):
            shutil.copy2(source, dest / source.name)
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    packages = lock["packages"]
    for name, (wheel, needs) in extra_wheels.items():
        packages[name] = {"name": name, "version": wheel.name.split("-")[1], "file_name": wheel.name,
                          "install_dir": "site", "sha256": "", "package_type": "package",
                          "imports": [name.replace("-", "_")], "depends": needs, "unvendored_tests": False}
    kept = needed(packages, PRELOADED)
    for name in kept:
        entry = packages[name]
        wheel = extra_wheels[name][0] if name in extra_wheels else fetch(entry["name"], entry["version"], cache)
        shutil.copy2(wheel, dest / wheel.name)
        entry["file_name"] = wheel.name
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock["packages"] = {name: packages[name] for name in kept}
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, separators=(",", ":")))
    return lock


def needed(packages: dict, names: list[str]) -> list[str]:
    """names and everything they need, by the lock's `depends`, sorted."""
    seen, todo = set(), [normalized(name) for name in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in packages:
            raise MissingFile(f"« {name} » n’est pas dans pyodide-lock.json (node_modules/pyodide)\u00a0: "
                              "la version de Pyodide ne correspond pas à celle du noyau — lancez « npm install ».")
        seen.add(name)
        todo += [normalized(need) for need in packages[name]["depends"]]
    return sorted(seen)
