"""`make site` (`python -m course.site`): the whole build, from the repository to one folder (_site/ by default)
that any static web server can publish.

Steps, each in its module: the site's notebooks (notebooks.py) and the pages they link to (pages.py); the course's
wheel and the wheels it needs (wheels.py); Pyodide self-hosted with its lock (pyodide.py); then `jupyter lite
build`, always from scratch in a temporary folder (an incremental JupyterLite build silently loses pyodideUrl and
the kernel then asks a CDN), the entry page sent to the home page, JupyterLab's page given its scripts
(PAGE_SCRIPTS, lms.js among them: the link to an LMS), and checks of what came out. The JupyterLite settings start
from config/ beside this file (jupyter_lite_config.json, jupyter-lite.json) and from the learner's own JupyterLab
settings (course/learner/lab_config/): the site is in French, without Jupyter news and without the tools a
learner's JupyterLab hides, as in `make cours`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..learner.lab import LAB_CONFIG
from ..paths import PACKAGE_DIR
from ..typography import french
from . import MissingFile
from .notebooks import HOME, write_site_notebooks
from .pages import broken_links, write_site_pages
from .pyodide import PRELOADED, npm_pyodide, self_host
from .wheels import COURSE_NEEDS, course_dependency_wheels, course_wheel, kernel_wheels, stage_package

REPO = PACKAGE_DIR.parent
CONFIG = Path(__file__).resolve().with_name("config")
LABEXTENSIONS = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
#: The JupyterLab extensions the site needs (widgets, anywidget, the kernel): only these, so that nothing of the
#: build environment's other extensions (nbgrader's instructor tools…) reaches learners.
EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension", "anywidget"]
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
#: The scripts JupyterLab's page loads, in this order, each saying at its top what it does: the wait for JupyterLab's
#: application that the others share, the course's link to an LMS that launches it as a SCORM package (silent
#: without one), the side panel closed on a phone.
PAGE_SCRIPTS = [Path(__file__).resolve().with_name(name) for name in ("jupyterapp.js", "lms.js", "narrow.js")]
HOME_URL = f"lab/index.html?path={HOME}"


def build(repo: Path = REPO, output: Path | None = None, cache: Path | None = None, say=print) -> Path:
    """Build the site into output (default repo/_site), the downloaded wheels kept in cache."""
    output = Path(output or repo / "_site").resolve()
    cache = Path(cache or repo / "build" / "site-cache").resolve()
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    npm = npm_pyodide(repo / "node_modules", PYODIDE_VERSION)
    with tempfile.TemporaryDirectory(prefix="cours-site-") as temporary:
        work = Path(temporary)
        lite = work / "lite"
        notebooks = write_site_notebooks(repo / "notebooks", lite / "files")
        pages = write_site_pages(repo / "docs", lite / "files")
        check_links(lite / "files")
        say(f"{len(notebooks)} notebooks, {len(pages)} pages de documentation, noyau Pyodide")
        copy_extensions(lite / "labextensions")
        package = stage_package(repo, work / "staging")
        write_prebuilt(package)
        course = course_wheel(package, project_version(repo), work / "wheels")
        extra = {**kernel_wheels(LABEXTENSIONS / "@jupyterlite/pyodide-kernel-extension"),
                 **course_dependency_wheels(cache / "wheels"), "course": (course, COURSE_NEEDS)}
        lock = self_host(npm, lite / "static" / "pyodide", extra, cache / "wheels")
        say(f"Pyodide {PYODIDE_VERSION}\u00a0: {len(lock['packages'])} roues préchargées")
        write_settings(lite)
        jupyter_lite_build(lite, work / "site", cache / "jupyter-lite-build.log")
        open_on_home(work / "site")
        link_page_scripts(work / "site")
        check_site(work / "site")
        shutil.rmtree(output, ignore_errors=True)
        shutil.move(str(work / "site"), output)
    return output


def check_links(files: Path) -> None:
    """A link of the site's notebooks or pages that leads nowhere stops the build: the learner would click it."""
    broken = broken_links(files)
    if broken:
        raise RuntimeError("Liens sans destination dans le site\u00a0: " + "\u00a0; ".join(broken))


def copy_extensions(dest: Path) -> None:
    for name in EXTENSIONS:
        source = LABEXTENSIONS / name
        if not (source / "package.json").is_file():
            raise MissingFile(f"Fichier introuvable\u00a0: {source}/package.json (extension JupyterLab {name}) — "
                              "lancez « make setup ».")
        shutil.copytree(source, dest / name)


def write_prebuilt(package: Path) -> None:
    """The bank, the sources and the charts, prepared for the browser (no PyYAML, pandas nor matplotlib there)."""
    from .. import prebuilt

    prebuilt.write(package / "prebuilt_data")


def project_version(repo: Path) -> str:
    return re.search(r'^version = "([^"]+)"', (repo / "pyproject.toml").read_text(), re.M).group(1)


def write_settings(lite: Path) -> None:
    """jupyter_lite_config.json and jupyter-lite.json from config/, overrides.json from the learner's settings and
    config/overrides.json."""
    shutil.copy2(CONFIG / "jupyter_lite_config.json", lite / "jupyter_lite_config.json")
    config = json.loads((CONFIG / "jupyter-lite.json").read_text(encoding="utf-8"))
    data = config["jupyter-config-data"]
    data["litePluginSettings"][KERNEL_PLUGIN]["loadPyodideOptions"]["packages"] = PRELOADED
    page = json.loads((LAB_CONFIG / "labconfig" / "page_config.json").read_text())
    data["disabledExtensions"] = sorted(name for name, off in page["disabledExtensions"].items() if off)
    (lite / "jupyter-lite.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    (lite / "overrides.json").write_text(json.dumps(learner_settings(), ensure_ascii=False, indent=2),
                                         encoding="utf-8")


def learner_settings() -> dict:
    """The learner JupyterLab's setting overrides (French, no news…), without menu items of nbgrader's tools, and
    the site's own (config/overrides.json: closing a notebook stops its Python, each one a heavy browser worker)."""
    settings = json.loads((LAB_CONFIG / "labconfig" / "default_setting_overrides.json").read_text(encoding="utf-8"))
    menus = settings.get("@jupyterlab/mainmenu-extension:plugin", {}).get("menus", [])
    for menu in menus:
        menu["items"] = [item for item in menu["items"] if not item.get("command", "").startswith("nbgrader:")]
    menus[:] = [menu for menu in menus if menu["items"]]
    if "@jupyterlab/mainmenu-extension:plugin" in settings and not menus:
        del settings["@jupyterlab/mainmenu-extension:plugin"]
    return {**settings, **json.loads((CONFIG / "overrides.json").read_text(encoding="utf-8"))}


def jupyter_lite_build(lite: Path, output: Path, log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite), "--output-dir", str(output)]
    with log.open("w") as out:
        done = subprocess.run(command, cwd=lite, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode:
        raise RuntimeError(f"« jupyter lite build » a échoué (journal : {log}) :\n{log.read_text()[-3000:]}")


def open_on_home(site: Path) -> None:
    """The site's address opens the course home page (by a relative address, so that the site works from any folder
    of any server: an LMS serves a SCORM package under a path of its own). The root index.html keeps its
    jupyter-config-data (each page of the site reads it); its script that would open the file browser instead goes
    to the home page."""
    index = site / "index.html"
    text, count = re.subn(r"<script type=\"module\">\s*await import\('\./config-utils\.js'\);\s*</script>",
                          f'<script>location.replace("{HOME_URL}");</script>', index.read_text(encoding="utf-8"))
    if count != 1:
        raise RuntimeError(f"{index} : script de démarrage de JupyterLite introuvable (version de jupyterlite-core ?)")
    index.write_text(text.replace("<html>", '<html lang="fr">', 1), encoding="utf-8")


def link_page_scripts(site: Path) -> None:
    """JupyterLab's page loads PAGE_SCRIPTS (copied to the site's root): classic scripts in the page's head, by a
    relative address, so that the site works from any folder (an LMS serves a SCORM package under a path of its
    own)."""
    tags = ""
    for script in PAGE_SCRIPTS:
        shutil.copy2(script, site / script.name)
        tags += f'<script src="../{script.name}"></script>\n'
    page = site / "lab" / "index.html"
    text, count = re.subn(r"</head>", tags + "</head>", page.read_text(encoding="utf-8"), count=1)
    if count != 1:
        raise RuntimeError(f"{page} : balise </head> introuvable (version de jupyterlite-core ?)")
    page.write_text(text, encoding="utf-8")


def check_site(site: Path) -> None:
    """What JupyterLite would otherwise get wrong silently: Pyodide from the site itself, every preloaded wheel
    there with the lock's hash, the French interface, no extension beyond EXTENSIONS."""
    data = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = data["litePluginSettings"][KERNEL_PLUGIN]
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.mjs":  # else the kernel asks a CDN, and never starts
        raise RuntimeError(f"jupyter-lite.json : Pyodide ne vient pas du site lui-même ({kernel.get('pyodideUrl')})")
    folder = site / "static" / "pyodide"
    for entry in json.loads((folder / "pyodide-lock.json").read_text())["packages"].values():
        wheel = folder / entry["file_name"]
        if not wheel.is_file() or hashlib.sha256(wheel.read_bytes()).hexdigest() != entry["sha256"]:
            raise RuntimeError(f"{wheel} : absent ou empreinte différente de pyodide-lock.json")
    if not (site / "api" / "translations" / "fr_FR.json").is_file():
        raise MissingFile("Fichier introuvable\u00a0: api/translations/fr_FR.json (interface en français) — "
                          "installez jupyterlab-language-pack-fr-FR (« make setup »).")
    found = sorted({ext["name"] for ext in data.get("federated_extensions", [])})
    if found != sorted(EXTENSIONS):
        raise RuntimeError(f"extensions JupyterLab inattendues dans le site : {found}")


def size_on_disk(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.site",
                                     description="Construit le site du cours (JupyterLite, hors ligne) : make site.")
    parser.add_argument("--sortie", type=Path, help="dossier du site (par défaut : _site/ dans le dépôt)")
    parser.add_argument("--cache", type=Path, help="roues téléchargées (par défaut : build/site-cache/)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        site = build(output=args.sortie, cache=args.cache)
    except MissingFile as missing:
        print(missing, file=sys.stderr)
        return 2
    megabytes = size_on_disk(site) / 1e6
    print(french(f"Site construit en {time.monotonic() - start:.0f}\u00a0s dans {site} ({megabytes:.0f}\u00a0Mo). "
          "Pour l’essayer : « make site-serve », puis ouvrez http://127.0.0.1:8000/"))
    return 0
