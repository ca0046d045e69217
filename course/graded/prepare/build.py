"""Build or update an nbgrader course directory from the bank: config, source notebooks, keys."""

from __future__ import annotations

import json
import pprint
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ...bank import Bank
from ...bank.model import Module
from ...typography import french
from .answers import answers_file_name
from .keys import KEYS_DIR, order_seed, read_keys, write_keys
from ...formation import write_template
from .public import neutral_key, public_form

ANSWER_STUB = "Rédigez votre réponse ici."
# Under each written question's statement: how to type in the answer cell below it. That cell is Markdown (what
# nbgrader grades by hand), which JupyterLab shows rendered, as plain text, until it is opened.
HOW_TO_WRITE = (f"> **Pour répondre :** double-cliquez sur la phrase « {ANSWER_STUB} » juste en dessous (ou "
                "cliquez dessus, puis appuyez sur Entrée) : elle s'ouvre dans un cadre de saisie. Remplacez-la par "
                "votre réponse, appuyez sur Maj+Entrée pour l'afficher, puis enregistrez (Ctrl+S). Votre formateur "
                "ou formatrice corrige et commente cette réponse.")
_WRITING_HINT = "Les réponses rédigées se tapent au clavier : la marche à suivre est sous chaque énoncé. "
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class ReleasedQuestionChanged(RuntimeError):
    """A question of an already released assignment changed in the bank."""


@dataclass
class BuildReport:
    assignments: list[str] = field(default_factory=list)
    changed_after_release: dict[str, list[str]] = field(default_factory=dict)
    config_written: bool = False


def assignment_id(module: Module) -> str:
    return f"quiz-{module.number}"


def build_course(root: Path, bank: Bank, course_id: str, force: bool = False, db_url: str | None = None) -> BuildReport:
    """Write nbgrader_config.py (if absent), source/quiz-NN/quiz-NN.ipynb and cles/quiz-NN.json for every
    graded module (quizzes/notees/) and for the positioning and final tests, plus source/satisfaction/ for
    the satisfaction questionnaire. A released assignment whose questions changed is left alone unless force."""
    root = Path(root)
    report = BuildReport()
    root.mkdir(parents=True, exist_ok=True)
    # Private by construction: gradebook, submissions, autograded copies, feedback and reports all live below;
    # learners reach the course only through nbgrader's exchange, never through this folder.
    root.chmod(0o700)
    config = root / "nbgrader_config.py"
    if not config.exists():
        config.write_text(nbgrader_config(course_id, db_url), encoding="utf-8")
        report.config_written = True
    else:  # a course made before: its classes where they are now, collect safely, the French feedback page too
        update_moved_paths(config)
        if SAFE_COLLECT not in config.read_text(encoding="utf-8"):
            with config.open("a", encoding="utf-8") as settings:
                settings.write(f"\n# Ajouté par « cours nbgrader creer » : ramasser sans suivre de lien.\n{SAFE_COLLECT}\n")
        if FEEDBACK_PAGE not in config.read_text(encoding="utf-8"):
            with config.open("a", encoding="utf-8") as settings:
                settings.write("\n" + feedback_config())
    write_template(root)  # the organiser's details for attestations, to fill in
    plans = {}
    seed = order_seed(root / KEYS_DIR)
    for module in bank.modules:
        items = list(module.items)
        if not (module.graded or module.evaluation):
            continue
        name = assignment_id(module)
        keys = {item.id: neutral_key(item, seed) for item in items}
        old = read_keys(root / KEYS_DIR, name)
        changed = sorted(item_id for item_id in set(old) | set(keys) if old.get(item_id) != keys.get(item_id))
        if old and changed and (root / "release" / name).exists():
            report.changed_after_release[name] = changed
        plans[name] = (module, keys)
    if report.changed_after_release and not force:
        raise ReleasedQuestionChanged(changed_message(report.changed_after_release))
    for name, (module, keys) in plans.items():
        folder = root / "source" / name
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(quiz_notebook(module, keys, name), folder / f"{name}.ipynb")
        write_keys(root / KEYS_DIR, name, keys)
        (root / KEYS_DIR).chmod(0o700)  # on a shared server, no other account may read the keys
        report.assignments.append(name)
    if bank.pathway and bank.pathway.objectives:
        # The course objectives, for the cohort's pre/post report: the course folder needs no bank to read it.
        objectives = [{"id": o.id, "texte": o.text, "modules": list(o.modules)} for o in bank.pathway.objectives]
        (root / KEYS_DIR / OBJECTIVES_FILE).write_text(json.dumps(objectives, ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
    if bank.pathway and bank.pathway.satisfaction:
        folder = root / "source" / SATISFACTION
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(satisfaction_notebook(bank.pathway.satisfaction), folder / f"{SATISFACTION}.ipynb")
        report.assignments.append(SATISFACTION)
    return report


def changed_message(changed: dict[str, list[str]]) -> str:
    lines = [f"- {name} : {', '.join(ids)}" for name, ids in changed.items()]
    return french("\n".join([
        "Des questions ont changé dans la banque alors que le devoir est déjà distribué :", *lines,
        "Les apprenants qui ont déjà récupéré le devoir répondent à l'ancienne version ; la nouvelle clé les "
        "noterait sur des questions qu'ils n'ont pas vues. Rien n'a été modifié.",
        "Pour une nouvelle session, relancez avec --forcer, puis « nbgrader generate_assignment --force » "
        "et « nbgrader release_assignment --force ». Pour la session en cours, gardez l'ancienne version."]))


def _cell(kind: str, source: str, grade_id: str, *, grade=False, solution=False, locked=True, points=None):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    if locked:
        cell.metadata.update(deletable=False, editable=False)
    return cell


def _title(module: Module) -> str:
    if module.evaluation:
        return f"# {module.title}\n\nCe test n'entre pas dans une note : il mesure vos acquis, objectif par objectif."
    return f"# Évaluation notée — module {module.number} : {module.title}"


def quiz_notebook(module: Module, keys: dict[str, dict], name: str) -> nbformat.NotebookNode:
    answers = answers_file_name(name)
    total = sum(key.get("points", 1) if key["kind"] != "open" else sum(c["points"] for c in key["rubric"])
                for key in keys.values())
    has_open = any(key["kind"] == "open" for key in keys.values())
    intro = french(
        f"{_title(module)}\n\n"
        f"{len(keys)} questions, {total} points. Exécutez toutes les cellules (menu « Exécution » puis "
        "« Exécuter toutes les cellules »), puis répondez en cliquant : chaque clic sur « Valider » enregistre "
        f"votre réponse dans le fichier `{answers}`, à côté de ce notebook. Aucune correction n'est affichée "
        "avant la remise.\n\n"
        f"{_WRITING_HINT if has_open else ''}"
        "Enregistrez le notebook (Ctrl+S), puis remettez le devoir. Après la correction, vous recevrez un retour : "
        "pour chaque question, votre réponse, vos points et l'explication.")
    cells = [_cell("markdown", intro, "consignes"),
             _cell("code", "from course.graded import grade, show_graded", "import")]
    for number, (item_id, key) in enumerate(keys.items(), start=1):
        if key["kind"] == "open":
            cells.append(_cell("markdown", french(f"### Question {number} (réponse rédigée)\n\n{key['prompt']}\n\n"
                                                  f"{HOW_TO_WRITE}"), f"{item_id}-enonce"))
            cells.append(_cell("markdown", ANSWER_STUB, item_id, grade=True, solution=True, locked=False,
                               points=sum(c["points"] for c in key["rubric"])))
            continue
        shown = pprint.pformat(public_form(key), width=110, sort_dicts=False)
        cells.append(_cell("markdown", f"### Question {number}", f"{item_id}-titre"))
        cells.append(_cell("code", f"show_graded({shown}, {answers!r})", f"{item_id}-question"))
        cells.append(_cell("code", f"grade({item_id!r}, {answers!r})", item_id, grade=True,
                           points=key.get("points", 1)))
    cells.append(_cell("markdown", french("Terminé : enregistrez (Ctrl+S) puis remettez le devoir."), "fin"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update(kernelspec=KERNELSPEC, language_info={"name": "python"})
    return notebook


SATISFACTION = "satisfaction"
OBJECTIVES_FILE = "objectifs.json"


def satisfaction_notebook(questions) -> nbformat.NotebookNode:
    """The questionnaire as an assignment: answers (and, if the learner agrees, their profile and measured
    time per module) go to satisfaction.reponses.json; nothing in it is graded."""
    answers = answers_file_name(SATISFACTION)
    public = [{"id": question.id, "kind": question.kind, "texte": question.text} for question in questions]
    intro = french(
        "# Questionnaire de satisfaction\n\n"
        "Exécutez toutes les cellules, répondez, puis cliquez sur « Enregistrer mes réponses » : elles sont écrites "
        f"dans le fichier `{answers}`, à côté de ce notebook, et votre formateur ou formatrice les reçoit quand "
        "vous remettez ce devoir. Ce questionnaire n'est pas noté.\n\n"
        "Si vous cochez la case prévue, votre profil (profession, pays) et le temps passé dans chaque module, "
        "mesuré sur cette machine, sont joints à vos réponses : ils figureront sur votre attestation.")
    cells = [_cell("markdown", intro, "consignes"),
             _cell("code", "from course.graded.satisfaction import show_questionnaire", "import"),
             _cell("code", f"show_questionnaire({pprint.pformat(public, width=110, sort_dicts=False)}, {answers!r})",
                   "questionnaire"),
             _cell("markdown", french("Terminé : enregistrez (Ctrl+S) puis remettez le devoir."), "fin")]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update(kernelspec=KERNELSPEC, language_info={"name": "python"})
    return notebook


# nbgrader's extension point for collect: only the regular files a learner handed in, never a link or a device.
SAFE_COLLECT = 'c.ExchangeFactory.collect = "course.graded.mark.exchange.SafeCollect"'
# nbgrader's extension point for the feedback page: generate_feedback (command or formgrader) writes the course's.
FEEDBACK_PAGE = 'c.GenerateFeedback.exporter_class = "course.graded.report.feedback.FeedbackPage"'


# Where the modules that a course's own files name have been since course/graded/ was split into steps: a course made
# before names them in nbgrader_config.py (classes nbgrader loads) and rapport_de_cohorte.ipynb (the report's imports).
MOVED = re.compile(r"\bcourse([./])graded\1(exchange|preprocessors|feedback|instructor)\b")
STEP_OF_MOVED = {"exchange": "mark", "preprocessors": "mark", "feedback": "report", "instructor": "report"}


def update_moved_paths(path: Path) -> bool:
    """Rewrite, in a file of a course made before, each old path of a moved module as it is now; True if any."""
    text = path.read_text(encoding="utf-8")
    updated = MOVED.sub(lambda m: f"course{m[1]}graded{m[1]}{STEP_OF_MOVED[m[2]]}{m[1]}{m[2]}", text)
    if updated == text:
        return False
    path.write_text(updated, encoding="utf-8")
    return True


def feedback_config() -> str:
    """The lines of nbgrader_config.py that make the learner's feedback the course's French page."""
    return ("# Le retour de l'apprenant : une page en français, question par question (énoncé, réponse, points,\n"
            "# explication), sans code ni clé (course/graded/report/feedback/).\n"
            f"{FEEDBACK_PAGE}\n")


def nbgrader_config(course_id: str, db_url: str | None = None) -> str:
    # The gradebook: nbgrader's own setting. SQLite (gradebook.db in the course folder) unless a server is given.
    database = (f"c.CourseDirectory.db_url = {json.dumps(db_url)}  # carnet de notes sur un serveur PostgreSQL"
                if db_url else "# Carnet de notes : gradebook.db (SQLite) dans ce dossier. Pour PostgreSQL :\n"
                               "# c.CourseDirectory.db_url = \"postgresql+psycopg2://utilisateur@serveur/base\"")
    return f'''"""Configuration nbgrader du cours, écrite par « cours nbgrader creer ». Modifiable."""
import os

here = os.path.dirname(os.path.abspath(__file__))
c = get_config()  # noqa: F821 (provided by traitlets)

c.CourseDirectory.course_id = {json.dumps(course_id)}
c.CourseDirectory.root = here
{database}
# A submission brings only its notebook and its answers file: no Python file of the learner may be
# imported by the grading kernel.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.py", "*.pyw",
                            "*.pyz", "*.so", "*.pyd", "*.pth", "*.egg", "*.whl", "*.zip"]
c.ClearSolutions.text_stub = {json.dumps(ANSWER_STUB)}
{SAFE_COLLECT}
c.Execute.timeout = 30  # seconds per cell; a timed-out cell errors and scores 0
c.Execute.interrupt_on_timeout = True
c.Execute.shutdown_kernel = "immediate"

# Keys of the graded questions: read by the grading cells while nbgrader autogrades, never released.
os.environ["COURS_CLES"] = os.path.join(here, "{KEYS_DIR}")

c.KeepOnlyAnswers.source_directory = os.path.join(here, "source")
c.InsertRubrics.keys_directory = os.path.join(here, "{KEYS_DIR}")
c.Autograde.sanitize_preprocessors = [
    "course.graded.mark.preprocessors.KeepOnlyAnswers",
    "course.graded.mark.preprocessors.MakeAnswersInert",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "course.graded.mark.preprocessors.InsertRubrics",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.GenerateFeedback.preprocessors = [
    "course.graded.mark.preprocessors.RemoveGraderNotes",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
{feedback_config()}'''
