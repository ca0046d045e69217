"""Every learner notebook runs top to bottom in a fresh kernel, and none is committed with outputs."""

from __future__ import annotations

import subprocess

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def tracked_notebooks() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=REPO, capture_output=True, text=True)
    return [line for line in listed.stdout.splitlines() if line] if listed.returncode == 0 else []


def test_the_course_has_its_home_and_first_module():
    names = {path.name for path in NOTEBOOKS}
    assert {"00_accueil.ipynb", "01_plateformes.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [output for cell in notebook.cells for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert not errors


STORED = sorted(set(NOTEBOOKS) | {REPO / name for name in tracked_notebooks()})


@pytest.mark.parametrize("path", STORED, ids=lambda path: str(path.relative_to(REPO)))
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [index for index, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    assert not dirty, f"cellules avec sorties : {dirty}"
    assert notebook.metadata["kernelspec"]["name"] == "python3"  # no « Select kernel » dialog


# The numbered modules (the home page, the tests and the questionnaire are not modules).
MODULES = [path for path in NOTEBOOKS if path.name[:2].isdigit() and path.name != "00_accueil.ipynb"]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_module_follows_the_course_structure(path):
    headings = [line.lstrip("#").strip() for cell in nbformat.read(path, as_version=4).cells
                if cell.cell_type == "markdown" for line in cell.source.splitlines() if line.startswith("#")]
    expected = ["Questions", "Objectifs", "Durée estimée", "Points clés", "Sources"]
    positions = [next((i for i, h in enumerate(headings) if h.startswith(name)), None) for name in expected]
    assert None not in positions, f"rubriques manquantes : {[n for n, p in zip(expected, positions) if p is None]}"
    assert positions == sorted(positions), "les rubriques doivent suivre l'ordre du modèle de module"


def test_home_links_to_every_module_that_exists():
    home = nbformat.read(REPO / "notebooks" / "00_accueil.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in home.cells if cell.cell_type == "markdown")
    for path in NOTEBOOKS:
        if path.name != "00_accueil.ipynb":
            assert f"]({path.name})" in text, f"la page d'accueil ne renvoie pas vers {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_links_between_notebooks_lead_somewhere(path):
    import re

    text = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown")
    targets = re.findall(r"\]\(([^)#\s]+\.ipynb)", text)
    broken = [target for target in targets if not (path.parent / target).exists()]
    assert not broken, f"liens cassés : {broken}"


def path_of_the_home_page() -> list[str]:
    """The notebooks of « Votre parcours », in the order of its table."""
    import re

    home = nbformat.read(REPO / "notebooks" / "00_accueil.ipynb", as_version=4)
    table = next(cell.source for cell in home.cells if cell.source.startswith("## Votre parcours"))
    return re.findall(r"^\| \[[^]]+\]\(([^)]+\.ipynb)\)", table, flags=re.M)


def test_every_step_ends_on_the_next_step_of_the_path_and_the_way_home():
    steps = path_of_the_home_page()
    assert steps[0] == "test_de_positionnement.ipynb" and steps[-1] == "questionnaire_de_satisfaction.ipynb"
    for step, following in zip(steps, steps[1:]):
        last = [cell.source for cell in nbformat.read(REPO / "notebooks" / step, as_version=4).cells
                if cell.cell_type == "markdown"][-1]
        assert f"]({following})" in last, f"{step} ne se termine pas sur l'étape suivante, {following}"
        if step[:2].isdigit():
            assert "](00_accueil.ipynb)" in last, f"{step} ne se termine pas sur le retour à l'accueil"
