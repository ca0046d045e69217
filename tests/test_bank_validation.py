"""An instructor who edits the bank gets every mistake back with its file, line and field, in French."""

from __future__ import annotations

import pytest

from conftest import VALID_MODULE
from course.bank import BankError, load_bank
from course.bank.model import ChoiceQuestion, Scenario


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing fragment."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[occurrence - 1]


def issues_of(course_copy) -> list:
    with pytest.raises(BankError) as caught:
        load_bank(course_copy / "quizzes", course_copy / "data" / "sources.csv")
    return caught.value.issues


def test_a_valid_module_loads_into_the_model(write_module, course_copy):
    write_module()
    bank = load_bank(course_copy / "quizzes", course_copy / "data" / "sources.csv")
    single, multiple, scenario = bank.module("09").items
    assert isinstance(single, ChoiceQuestion) and single.correct_ids == {"a"}
    assert multiple.points == 2 and multiple.correct_ids == {"esanum", "medpics"}
    assert isinstance(scenario, Scenario) and scenario.best_path_score == 4
    assert single.references[0].where == "partie « Réseaux professionnels »"


def test_the_real_bank_is_valid():
    bank = load_bank()
    assert bank.items, "the course bank should not be empty"


@pytest.mark.parametrize("old, new, field, fragment, message", [
    ("    kind: single\n", "    kind: single\n    difficulty: 2\n",
     "items[0].difficulty", "difficulty: 2", "clé inconnue « difficulty »"),
    ("        feedback: Il sert surtout à partager des moments éphémères.\n", "",
     "items[0].options[1]", "- id: b", "champ obligatoire manquant : « feedback »"),
    ("    explanation: LinkedIn est orienté vers la carrière.\n", "",
     "items[0]", "id: essai-single", "« explanation »"),
    ("  - id: essai-multiple", "  - id: essai-single", "items[1].id", "id: essai-single#2",
     "identifiant « essai-single » déjà utilisé"),
    ("      - source: seed-000", "      - source: seed-999", "items[1].references[0].source",
     "source: seed-999", "source « seed-999 » inconnue"),
    ("        text: LinkedIn\n        correct: true\n", "        text: LinkedIn\n",
     "items[0].options", "options:", "aucune option n'est marquée"),
    ("        text: Snapchat\n", "        text: Snapchat\n        correct: true\n",
     "items[0].options", "options:", "une seule attendue"),
    ("            next: fin-sure", "            next: nulle-part", "items[2].steps[1].choices[1].next",
     "next: nulle-part", "« nulle-part » ne désigne aucune étape"),
    ("    points: 2\n", "    points: deux\n", "items[1].points", "points: deux", "nombre entier"),
    ("    kind: single\n", "    kind: vrai-faux\n", "items[0].kind", "kind: vrai-faux",
     "valeur « vrai-faux » inconnue"),
    ("  - id: essai-single", "  - id: Essai Single", "items[0].id", "id: Essai Single",
     "identifiant « Essai Single » invalide"),
    ("    start: debut", "    start: ailleurs", "items[2].start", "start: ailleurs",
     "l'étape de départ « ailleurs » n'existe pas"),
])
def test_each_mistake_is_reported_with_file_line_and_field(write_module, course_copy, old, new, field,
                                                            fragment, message):
    assert old in VALID_MODULE
    text = VALID_MODULE.replace(old, new, 1)
    path = write_module(text)
    [issue] = issues_of(course_copy)
    assert issue.file == path
    assert issue.field == field
    fragment, _, occurrence = fragment.partition("#")
    assert issue.line == line_of(text, fragment, int(occurrence or 1))
    assert message in issue.message
    rendered = str(issue)
    assert "09_essai.yml" in rendered and f"ligne {issue.line}" in rendered and f"« {field} »" in rendered


def unreachable_step_text() -> str:
    # 'suite' is only reached from 'debut'; send both choices of debut straight to endings.
    return VALID_MODULE.replace("            score: 0\n            next: suite",
                                "            score: 0\n            next: fin-risquee").replace(
        "            score: 2\n            next: suite", "            score: 2\n            next: fin-sure")


def test_an_unreachable_step_is_reported(write_module, course_copy):
    text = unreachable_step_text()
    write_module(text)
    [issue] = issues_of(course_copy)
    assert "l'étape « suite » n'est atteignable par aucun choix" in issue.message
    assert issue.line == line_of(text, "- id: suite")


def test_a_loop_with_no_ending_is_reported(write_module, course_copy):
    # Every choice after the first step goes back to 'debut': no way out.
    text = (VALID_MODULE.replace("next: fin-risquee", "next: debut").replace("next: fin-sure", "next: debut")
            .replace("next: fin-rattrapee", "next: debut"))
    write_module(text)
    messages = [issue.message for issue in issues_of(course_copy)]
    assert any("boucle sans fin" in message and "« debut »" in message for message in messages)
    assert any("la fin « fin-sure » n'est atteignable" in message for message in messages)


def test_a_loop_that_could_still_end_is_refused_too(write_module, course_copy):
    text = VALID_MODULE.replace("next: fin-risquee", "next: debut")
    write_module(text)
    messages = [issue.message for issue in issues_of(course_copy)]
    assert "le scénario boucle (debut → apres-ami → debut) : un parcours doit toujours avancer" in messages


def test_a_yaml_syntax_error_names_its_line(write_module, course_copy):
    text = VALID_MODULE.replace("    prompt: Quel réseau", "    prompt: [Quel réseau", 1)
    write_module(text)
    [issue] = issues_of(course_copy)
    assert "YAML illisible" in issue.message and issue.line is not None


def test_a_duplicate_key_is_not_silently_overwritten(write_module, course_copy):
    text = VALID_MODULE.replace("    kind: single\n", "    kind: single\n    kind: multiple\n", 1)
    write_module(text)
    [issue] = issues_of(course_copy)
    assert "clé en double" in issue.message and issue.line == line_of(text, "kind: multiple")


def test_ids_must_be_unique_across_files(write_module, course_copy):
    write_module()
    write_module(VALID_MODULE.replace('module: "09"', 'module: "08"'), name="08_autre.yml")
    issues = issues_of(course_copy)
    assert len(issues) == 3
    assert all("déjà utilisé (08_autre.yml, ligne" in issue.message for issue in issues)


def test_every_issue_of_a_file_is_reported_at_once(write_module, course_copy):
    text = VALID_MODULE.replace("source: seed-000", "source: inconnue").replace(
        "source: cnom-livre-blanc-2011", "source: inconnue-2")
    write_module(text)
    assert len(issues_of(course_copy)) == 2


# What would break or trivialise a module is refused, with its file and line.
@pytest.mark.parametrize("old, new, fragment, message", [
    ("        text: Snapchat\n", "        text: \"   \"\n", 'text: "   "', "le texte est vide"),
    ("        text: Snapchat\n", "        text: linkedin\n", "text: linkedin", "même texte que l'option n° 1"),
    ("        text: Pinterest\n", "        text: Pinterest\n        correct: true\n", "options:#2",
     "toutes les options sont correctes"),
])
def test_what_would_break_or_give_away_a_question_is_refused(write_module, course_copy, old, new, fragment, message):
    text = VALID_MODULE.replace(old, new, 1)
    write_module(text)
    issues = [issue for issue in issues_of(course_copy) if message in issue.message]
    assert issues, [str(issue) for issue in issues_of(course_copy)]
    name, _, occurrence = fragment.partition("#")
    assert issues[0].line == line_of(text, name, int(occurrence or 1))


def test_a_yaml_alias_bomb_is_refused_at_once(write_module, course_copy):
    import time

    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10))
    write_module(bomb + VALID_MODULE)
    start = time.monotonic()
    [issue] = issues_of(course_copy)
    assert "renvois YAML" in issue.message and issue.line == 2
    assert time.monotonic() - start < 5


def test_a_notebook_showing_a_question_the_bank_lacks_fails_the_check(write_module, course_copy):
    import subprocess
    import sys

    import nbformat

    write_module()
    (course_copy / "notebooks").mkdir()
    cells = [nbformat.v4.new_markdown_cell("# Module"),
             nbformat.v4.new_code_cell('from course import show_question, show_quiz\nshow_question("essai-single")'),
             nbformat.v4.new_code_cell('show_quiz("09", ["essai-single", "essai-disparue"])')]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), course_copy / "notebooks" / "09_essai.ipynb")
    result = subprocess.run([sys.executable, "-m", "course", "verifier", "--dossier", str(course_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert ("09_essai.ipynb, cellule 3, ligne 1\u00a0: la question «\u00a0essai-disparue\u00a0» n'existe pas"
            in result.stderr)


MUTATIONS = ["delete", "duplicate", "blank", "retype", "truncate", "all-correct", "nest", "alias"]


def mutate(text: str, kind: str, rng) -> str:
    lines = text.splitlines(keepends=True)
    index = rng.randrange(len(lines))
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "blank" and ":" in lines[index]:
        key = lines[index].split(":")[0]
        lines[index] = f'{key}: " "\n'
    elif kind == "retype" and ":" in lines[index]:
        key = lines[index].split(":")[0]
        lines[index] = f"{key}: {rng.choice(['[]', '{}', '12', 'true', 'null', '-1', '[[[[1]]]]'])}\n"
    elif kind == "truncate":
        return text[:rng.randrange(len(text))]
    elif kind == "all-correct":
        return text.replace("        feedback:", "        correct: true\n        feedback:", rng.randrange(1, 4))
    elif kind == "nest":
        return text + "extra: " + "[" * 5000 + "]" * 5000 + "\n"
    elif kind == "alias":
        return "x: &x [a, b]\n" + "".join(f"y{n}: *x\n" for n in range(rng.randrange(1, 20))) + text
    return "".join(lines)


@pytest.mark.parametrize("seed", range(200))
def test_any_mutation_of_a_module_loads_or_gets_located_french_errors(write_module, course_copy, seed):
    import random

    rng = random.Random(seed)
    write_module(mutate(VALID_MODULE, MUTATIONS[seed % len(MUTATIONS)], rng))
    try:
        load_bank(course_copy / "quizzes", course_copy / "data" / "sources.csv")
    except BankError as error:
        assert error.issues and all(issue.file.name == "09_essai.yml" and issue.message for issue in error.issues)
