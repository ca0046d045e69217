"""nbgrader preprocessors that the course's nbgrader_config.py adds to nbgrader's own steps."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_solution
from traitlets import Unicode

from ..prepare.build import ANSWER_STUB
from ..prepare.keys import read_keys

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
            # A written answer whose cell the learner turned into code (one key press) is still their answer:
            # kept as text in the subject's Markdown cell. Code never goes the other way.
            if learner is not None and (learner.cell_type == cell.cell_type or cell.cell_type == "markdown"):
                cell.source = learner.source
            cells.append(cell)
        if len(nb.cells) != len(template.cells):
            self.log.warning("%s : la copie compte %d cellules et le sujet %d ; seules les réponses sont gardées",
                             info["student"], len(nb.cells), len(template.cells))
        nb.cells = cells
        return nb, resources


ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h3", "h4"}


def inert(markdown_text: str, css_class: str = "cours-reponse-redigee") -> str:
    """A learner's Markdown as HTML that cannot run anything: rendered by mistune, then cleaned by nh3 (scripts,
    event handlers, styles, javascript: links and unknown tags removed). Made inert again, it stays the same."""
    import mistune
    import nh3

    cleaned = nh3.clean(mistune.html(markdown_text), tags=ALLOWED_TAGS, attributes={"a": {"href"}},
                        url_schemes={"http", "https", "mailto"})
    # One HTML block, with no blank line: no renderer reads any part of it as Markdown again.
    lines = [line for line in cleaned.splitlines() if line.strip()]
    return f'<div class="{css_class}">\n' + "\n".join(lines) + "\n</div>"


class MakeAnswersInert(NbGraderPreprocessor):
    """At autograde, every written answer becomes inert HTML: the grader reads it in formgrader, the learner in
    the feedback, both in a Jupyter page whose scripts could reach the keys and the gradebook."""

    text_stub = Unicode(ANSWER_STUB, help="The released text of an answer cell (ClearSolutions.text_stub).").tag(
        config=True)

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            # An untouched answer cell stays as released: nbgrader scores it 0 without a grader.
            if is_solution(cell) and cell.cell_type == "markdown" and cell.source.strip() != self.text_stub.strip():
                cell.source = inert(cell.source)
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
