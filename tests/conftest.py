"""Shared fixtures: a small valid bank written to a temporary folder, and helpers to break it."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

from scheduling import pytest_xdist_make_scheduler  # noqa: F401  (a hook: pytest finds it here)

REPO = Path(__file__).resolve().parent.parent

# The learner's own file ("mes données") is written by every quiz widget: during the tests it goes to a
# throwaway folder, never into the repository. Set here, before any kernel or JupyterLab is started.
os.environ["COURS_MES_DONNEES"] = tempfile.mkdtemp(prefix="cours-mes-donnees-")


@pytest.fixture(autouse=True)
def kernel_records_again():
    """Each test starts as a fresh kernel would: recording on, even if an earlier test erased the data."""
    yield
    from course.learner import activity

    activity._state["stopped"] = False


@pytest.fixture
def learner_folder(tmp_path, monkeypatch) -> Path:
    """A fresh, empty "mes données" folder for one test."""
    folder = tmp_path / "mes-donnees"
    monkeypatch.setenv("COURS_MES_DONNEES", str(folder))
    return folder

# A small module in the bank's format: one question of each auto-graded kind.
VALID_MODULE = textwrap.dedent("""\
    module: "09"
    title: Module d'essai
    items:
      - id: essai-single
        kind: single
        prompt: Quel réseau est le plus « carrière » ?
        options:
          - id: a
            text: LinkedIn
            correct: true
            feedback: Il met en avant le parcours professionnel.
          - id: b
            text: Snapchat
            feedback: Il sert surtout à partager des moments éphémères.
        explanation: LinkedIn est orienté vers la carrière.
        references:
          - source: seed-001
            where: partie « Réseaux professionnels »
      - id: essai-multiple
        kind: multiple
        points: 2
        prompt: Lesquels sont des réseaux pour professionnels de santé ?
        options:
          - id: esanum
            text: Esanum
            correct: true
            feedback: Réseau de médecins.
          - id: medpics
            text: MedPics
            correct: true
            feedback: Partage d'images cliniques.
          - id: pinterest
            text: Pinterest
            feedback: Réseau généraliste centré sur l'image.
        explanation: Esanum et MedPics visent les soignants.
        references:
          - source: seed-000
      - id: essai-scenario
        kind: scenario
        title: Une demande d'ami
        prompt: Une patiente vous demande en ami.
        points: 3
        start: debut
        steps:
          - id: debut
            text: Que faites-vous ?
            choices:
              - id: accepter
                text: J'accepte.
                feedback: Votre vie privée se mêle au soin.
                score: 0
                next: apres-ami
              - id: refuser
                text: Je refuse poliment.
                feedback: Vous gardez la bonne distance.
                score: 2
                next: suite
          - id: suite
            text: Elle vous écrit en message privé.
            choices:
              - id: repondre
                text: Je réponds sur le fond.
                feedback: Un avis sans examen est risqué.
                score: 0
                next: fin-risquee
              - id: rediriger
                text: Je propose une consultation.
                feedback: C'est le bon cadre.
                score: 2
                next: fin-sure
          - id: apres-ami
            text: Devenue votre « amie », elle vous écrit en message privé.
            choices:
              - id: repondre
                text: Je réponds sur le fond.
                feedback: Un avis sans examen est risqué.
                score: 0
                next: fin-risquee
              - id: rediriger
                text: Je propose une consultation.
                feedback: C'est le bon cadre, même si l'amitié en ligne demeure.
                score: 2
                next: fin-rattrapee
        endings:
          - id: fin-risquee
            text: Vous avez pris un risque.
          - id: fin-sure
            text: Vous avez protégé la relation de soin.
          - id: fin-rattrapee
            text: La consultation protège le soin, mais votre vie privée reste ouverte à votre patiente.
        explanation: Le cadre de la consultation protège les deux parties.
        references:
          - source: cnom-livre-blanc-2011
    """)


@pytest.fixture
def course_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ with an empty quizzes/ folder, set as COURSE_ROOT."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "quizzes").mkdir()
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    return tmp_path


@pytest.fixture
def write_module(course_copy):
    """Write a module file (default: the valid one) and return its path."""

    def write(text: str = VALID_MODULE, name: str = "09_essai.yml") -> Path:
        path = course_copy / "quizzes" / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def pytest_terminal_summary(terminalreporter):
    """One French line at the end when the browser tests could not run for want of Chromium, with the command that
    installs it (pytest's own list of skip reasons says it once per test module)."""
    skipped = [report for report in terminalreporter.stats.get("skipped", [])
               if "Chromium absent" in str(getattr(report, "longrepr", ""))]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} tests navigateur ignorés : Chromium absent. Pour les lancer : "
                                    "sudo apt-get install chromium, puis make test.")


@pytest.fixture(scope="session")
def scorm_packages(tmp_path_factory) -> dict[str, Path]:
    """Both SCORM packages of the real course, built once per session as `make scorm` does (python -m course.scorm,
    which builds the site first): {"1.2": zip, "2004": zip}."""
    if not (REPO / "node_modules" / "pyodide" / "pyodide.mjs").exists():
        pytest.skip("Pyodide absent (node_modules/pyodide) : « npm install » dans le dépôt ; paquets SCORM ignorés")
    pytest.importorskip("jupyterlite_core", reason="jupyterlite-core absent : « make setup » ; paquets SCORM ignorés")
    import time

    from course.scorm.package import main

    output = tmp_path_factory.mktemp("scorm")
    start = time.monotonic()
    assert main(["--sortie", str(output)]) == 0
    print(f"\n[mesure] site et paquets SCORM : {time.monotonic() - start:.1f} s")
    return {version: output / f"cours-reseaux-sociaux-sante-{suffix}.zip"
            for version, suffix in (("1.2", "scorm12"), ("2004", "scorm2004"))}
