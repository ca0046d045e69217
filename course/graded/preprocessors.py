"""nbgrader preprocessors that the course's nbgrader_config.py adds to nbgrader's own steps."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_solution
from traitlets import Unicode

from .keys import read_keys

GRADER_NOTE = "cours_note_correcteur"


class KeepOnlyAnswers(NbGraderPreprocessor):
    """At autograde, rebuild the submission from the instructor's source notebook and keep only the
    learner's answer cells. Added, edited, renamed or deleted cells can then neither run nor score:
    the learner's answers file and written answers are all that counts."""

    source_directory = Unicode("", help="The course's source/ folder (absolute path).").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        template_path = Path(self.source_directory) / info["assignment"] / f"{info['notebook']}.ipynb"
        template = nbformat.read(template_path, as_version=4)
        answers = {}
        for cell in nb.cells:
            if is_solution(cell):
                answers.setdefault(cell.metadata["nbgrader"].get("grade_id"), cell)
        cells = []
        for cell in template.cells:
            cell = copy.deepcopy(cell)
            learner = answers.get(cell.metadata.get("nbgrader", {}).get("grade_id")) if is_solution(cell) else None
            if learner is not None and learner.cell_type == cell.cell_type:
                cell.source = learner.source
            cells.append(cell)
        if len(nb.cells) != len(template.cells):
            self.log.warning("%s : la copie compte %d cellules et le sujet %d ; seules les réponses sont gardées",
                             info["student"], len(nb.cells), len(template.cells))
        nb.cells = cells
        return nb, resources


class InsertRubrics(NbGraderPreprocessor):
    """After autograde, put each open question's rubric under the learner's answer, for the grader only."""

    keys_directory = Unicode("", help="The course's keys folder (absolute path).").tag(config=True)

    def preprocess(self, nb, resources):
        keys = read_keys(Path(self.keys_directory), resources["nbgrader"]["assignment"])
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            item = keys.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
            if is_solution(cell) and item and item["kind"] == "open":
                criteria = "\n".join(f"- **{c['points']} pt** — {c['text']}" for c in item["rubric"])
                note = nbformat.v4.new_markdown_cell(
                    f"**Grille de correction (visible du correcteur seulement)**\n\n{criteria}\n\n"
                    f"*Éléments attendus :* {item['explanation']}")
                note.metadata[GRADER_NOTE] = True
                cells.append(note)
        nb.cells = cells
        return nb, resources


class RemoveGraderNotes(NbGraderPreprocessor):
    """In generated feedback, drop what only the grader may see (rubrics)."""

    def preprocess(self, nb, resources):
        nb.cells = [cell for cell in nb.cells if not cell.metadata.get(GRADER_NOTE)]
        return nb, resources
