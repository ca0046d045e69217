"""A course module is saved without its outputs. What a learner's run displays (profile, progress, answers,
feedback) lives in their own data file only: a saved notebook keeps no copy of it (« Effacer mes données »
leaves nothing behind there), carries no widget that would be « model not found » once reopened, and stays as
the course shipped it. Deployed as Jupyter Server's pre-save hook (PRE_SAVE_HOOK) by `make cours` and the hub."""

from __future__ import annotations

PRE_SAVE_HOOK = "course.learner.saving.strip_learner_outputs"


def is_course_module(cells: list) -> bool:
    """A notebook of the course for learners: it imports the course, and is no nbgrader assignment (those keep
    what nbgrader expects)."""
    uses_course = any(cell.get("cell_type") == "code" and "from course import" in _text(cell.get("source"))
                      for cell in cells)
    return uses_course and not any("nbgrader" in cell.get("metadata", {}) for cell in cells)


def strip_learner_outputs(model: dict, path: str = "", contents_manager=None, **kwargs) -> None:
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    notebook = model["content"]
    cells = notebook.get("cells", [])
    if not is_course_module(cells):
        return
    for cell in cells:
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    notebook.get("metadata", {}).pop("widgets", None)


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")
