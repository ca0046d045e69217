"""A course module is saved without the learner's outputs, through Jupyter Server's own contents manager and the
pre-save hook of the learner's JupyterLab configuration, which `make cours`, the hub and the Kubernetes values all
use; an nbgrader assignment is left as is."""

from __future__ import annotations

import json
import re

import nbformat
import yaml
from jupyter_server.services.contents.filemanager import FileContentsManager
from nbclient import NotebookClient

from conftest import REPO

from course.learner.lab import LAB_CONFIG
from course.learner.saving import PRE_SAVE_HOOK


def save_through_jupyter(root, name: str, notebook) -> dict:
    manager = FileContentsManager(root_dir=str(root), pre_save_hook=PRE_SAVE_HOOK)
    manager.save({"type": "notebook", "format": "json", "content": json.loads(nbformat.writes(notebook))}, name)
    return json.loads((root / name).read_text(encoding="utf-8"))


def test_a_module_run_by_a_learner_is_saved_as_shipped(tmp_path, learner_folder):
    shipped = nbformat.read(REPO / "notebooks" / "00_accueil.ipynb", as_version=4)
    ran = nbformat.read(REPO / "notebooks" / "00_accueil.ipynb", as_version=4)
    NotebookClient(ran, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(REPO / "notebooks")}},
                   store_widget_state=True).execute()
    assert any(cell.get("outputs") for cell in ran.cells)  # the run displayed the profile, progress, data panel
    saved = save_through_jupyter(tmp_path, "00_accueil.ipynb", ran)
    code = [cell for cell in saved["cells"] if cell["cell_type"] == "code"]
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)
    assert "widgets" not in saved["metadata"]
    assert [nbformat.from_dict(cell).source for cell in nbformat.reads(json.dumps(saved), as_version=4).cells] == [
        cell.source for cell in shipped.cells]


def test_an_nbgrader_assignment_keeps_its_outputs(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from course.graded import grade, show_graded", metadata={"nbgrader": {"grade_id": "import"}},
        execution_count=1, outputs=[nbformat.v4.new_output("stream", text="ok")])])
    saved = save_through_jupyter(tmp_path, "quiz-06.ipynb", notebook)
    assert saved["cells"][0]["outputs"] and saved["cells"][0]["execution_count"] == 1


def test_the_learner_lab_sets_the_hook_and_every_deployment_uses_it():
    """One place: the learner's JupyterLab configuration, which `make cours`, the hub and the Kubernetes values
    all use (tests/browser/test_learner_lab.py saves a module through it in a real JupyterLab)."""
    server = json.loads((LAB_CONFIG / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert server["ContentsManager"]["pre_save_hook"] == PRE_SAVE_HOOK
    assert "python -m course.learner.lab" in (REPO / "Makefile").read_text()
    assert re.search(r"\blab\.config_path\(", (REPO / "deploy" / "hub" / "jupyterhub_config.py").read_text())
    values = yaml.safe_load((REPO / "deploy" / "z2jh" / "config.yaml").read_text())
    in_image = "/opt/cours/" + LAB_CONFIG.relative_to(REPO).as_posix()
    assert values["singleuser"]["extraEnv"]["JUPYTER_CONFIG_PATH"] == in_image
