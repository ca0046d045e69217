"""What the feedback page says of each question: the statement, the learner's own answer in words, the explanation.

One record per graded question, put on its graded cell (metadata « cours_retour ») for the page's template. A record
holds only what a learner may read once graded: the statement, the texts of the options they ticked (or, for a
scenario, each step and the choice they made there), the explanation and its sources, and their written answer made
inert. Never which option is right, an option's or a choice's feedback, a scenario's endings nor a rubric: the
record is built field by field from the key, never copied from it. Fields ending in _html are safe HTML; the others
are plain text, escaped by the template."""

from __future__ import annotations

from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbgrader.api import Gradebook
from nbgrader.utils import is_grade
from traitlets import Unicode

from ....typography import french
from ...mark.preprocessors import inert
from ...prepare.answers import UNREADABLE, answers_file_name, read_document
from ...prepare.build import ANSWER_STUB
from ...prepare.keys import KEYS_ENV, MissingKey, key_file, read_keys

RECORD = "cours_retour"  # cell metadata read by the template
NO_ANSWER = "Aucune réponse enregistrée pour cette question."
UNREADABLE_ANSWER = french("Votre réponse enregistrée n'a pas pu être lue : elle n'a rapporté aucun point.")
NOTHING_TICKED = "Vous n'avez coché aucune case."
NOT_WRITTEN = "Vous n'avez pas rédigé de réponse."
UNFINISHED = french("Le scénario s'est arrêté ici : les étapes suivantes n'ont pas été jouées.")


def _markdown(text: str) -> str:
    from ....widgets.text import markdown

    return markdown(text)


def _plain(text: str) -> str:
    return french(" ".join(text.split()))


def _sources_html(key: dict) -> str:
    """The explanation's sources as the self-paced questions show them ('' if the course's list is not here)."""
    from ....bank.serialize import item_from_data
    from ....sources import load_sources, references_html

    try:
        sources = load_sources()
    except OSError:
        return ""
    return references_html(item_from_data(key, module="").references, sources, None)


def _choices(key: dict, answer: object) -> tuple[list[str], str]:
    """The texts of the options a learner chose, and why there are none ('' when there are)."""
    texts = {option["id"]: _plain(option["text"]) for option in key["options"]}
    chosen = [answer] if key["kind"] == "single" and isinstance(answer, str) else answer
    if not isinstance(chosen, list) or not all(isinstance(option, str) and option in texts for option in chosen):
        return [], UNREADABLE_ANSWER
    if not chosen:
        return [], NOTHING_TICKED
    # In the order the learner read them, whatever the order of the clicks.
    return [text for option, text in texts.items() if option in chosen], ""


def _path(key: dict, answer: object) -> tuple[list[dict], str]:
    """Each step the learner went through, with the choice they made there; and a remark ('' if none)."""
    if not isinstance(answer, list) or not answer:
        return [], UNREADABLE_ANSWER if answer != [] else NO_ANSWER
    steps = {step["id"]: step for step in key["steps"]}
    node, taken = key["start"], []
    for choice_id in answer:
        step = steps.get(node)
        choice = next((c for c in step["choices"] if c["id"] == choice_id), None) if step else None
        if choice is None:
            return taken, UNREADABLE_ANSWER
        taken.append({"etape_html": _markdown(step["text"]), "choix": _plain(choice["text"])})
        node = choice["next"]
    return taken, UNFINISHED if node in steps else ""


def closed_question(number: int, key: dict, answer: object) -> dict:
    """The record of a clicked question (single, multiple or scenario) answered with answer (None: no answer)."""
    record = {"numero": number, "type": key["kind"], "titre": _plain(key.get("title", "")),
              "enonce_html": _markdown(key["prompt"]), "reponses": [], "parcours": [], "remarque": "",
              "explication_html": _markdown(key["explanation"]), "sources_html": _sources_html(key)}
    if answer is None:
        record["remarque"] = NO_ANSWER
    elif answer == UNREADABLE:
        record["remarque"] = UNREADABLE_ANSWER
    elif key["kind"] == "scenario":
        record["parcours"], record["remarque"] = _path(key, answer)
    else:
        record["reponses"], record["remarque"] = _choices(key, answer)
    return record


def written_question(number: int, key: dict, source: str, waiting: bool) -> dict:
    """The record of a written answer: its text, inert (it already is, since autograde's MakeAnswersInert; made
    so again here, whatever produced the notebook); waiting: no grader has scored it yet."""
    import nh3

    written = source.strip() and source.strip() != ANSWER_STUB and nh3.clean(source, tags=set()).strip()
    return {"numero": number, "type": "open", "titre": "", "enonce_html": _markdown(key["prompt"]),
            "texte_html": inert(source) if written else "", "remarque": "" if written else NOT_WRITTEN,
            "en_attente": bool(written and waiting)}


class DescribeAnswers(Preprocessor):
    """At generate_feedback: a record on each graded cell of what the page says of its question (see above),
    from the instructor's key, the learner's answers file beside the autograded notebook, and the gradebook.
    FeedbackPage registers it itself, before nbgrader's steps (GenerateFeedback.preprocessors), none of which it
    needs: the points and the grader's comment, which GetGrades puts on the cells, are read by the template."""

    keys_directory = Unicode("", help="The course's keys folder; by default $COURS_CLES, which the course's "
                                      "nbgrader_config.py sets.").tag(config=True)

    def preprocess(self, nb, resources):
        import os

        info = resources["nbgrader"]
        keys_directory = Path(self.keys_directory or os.environ.get(KEYS_ENV, ""))
        keys = read_keys(keys_directory, info["assignment"])
        if not keys and any(is_grade(cell) for cell in nb.cells):
            raise MissingKey(f"{info['student']} : retour impossible sans les clés du devoir "
                             f"({key_file(keys_directory, info['assignment'])} introuvable) ; lancez nbgrader "
                             "depuis le dossier du cours, avec son nbgrader_config.py")
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        answers_file = folder / answers_file_name(info["notebook"])
        document, problem = read_document(answers_file)
        answers = document.get("answers", {})
        page = {"titre": _title(nb) or info["assignment"], "probleme": "", "en_attente": False}
        if problem and answers_file.exists():
            page["probleme"] = french(f"Votre fichier de réponses n'a pas pu être lu ({problem}) : aucune de vos "
                                      "réponses cliquées n'a pu compter.")
        number = 0
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if not is_grade(cell) or grade_id not in keys:
                continue
            number += 1
            key = keys[grade_id]
            if key["kind"] == "open":
                cell.metadata[RECORD] = written_question(number, key, cell.source, self._waiting(grade_id, info))
                page["en_attente"] |= cell.metadata[RECORD]["en_attente"]
            else:
                cell.metadata[RECORD] = closed_question(number, key, answers.get(grade_id))
        resources[RECORD] = page
        return nb, resources

    def _waiting(self, grade_id: str, info: dict) -> bool:
        with Gradebook(info["db_url"]) as gradebook:
            grade = gradebook.find_grade(grade_id, info["notebook"], info["assignment"], info["student"])
            return bool(grade.needs_manual_grade)


def _title(nb) -> str:
    """The assignment's title: the first heading of its instructions cell, as the learner read it."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("grade_id") == "consignes":
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            return first.lstrip("#").strip() if first.startswith("#") else ""
    return ""
