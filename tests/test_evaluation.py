"""The positioning and final tests: different questions on the same objectives, results per objective kept
in the learner's file, and the final test shows where the learner started and where they ended."""

from __future__ import annotations

import textwrap

import pytest

OBJECTIVES = textwrap.dedent("""\
    objectifs:
      - id: o1
        texte: Choisir une plateforme.
        modules: ["01"]
      - id: o2
        texte: Protéger le secret.
        modules: ["04"]
    """)


def question(item_id: str, objective: str, prompt: str) -> str:
    return textwrap.indent(textwrap.dedent(f"""\
        - id: {item_id}
          kind: single
          objectif: {objective}
          prompt: {prompt}
          options:
            - id: bon
              text: La bonne ({item_id})
              correct: true
              feedback: Juste.
            - id: mauvais
              text: La mauvaise ({item_id})
              feedback: Faux.
          explanation: Explication.
          references:
            - source: csp
        """), "  ")


def evaluation_module(number: str, kind: str, prefix: str, prompts=("A ?", "B ?", "C ?", "D ?", "E ?", "F ?")) -> str:
    """Three questions per objective (the least that measures one): prefix-1..3 on o1, prefix-4..6 on o2."""
    items = [question(f"{prefix}-{n}", "o1" if n <= 3 else "o2", prompt) for n, prompt in enumerate(prompts, start=1)]
    return f'module: "{number}"\ntitle: Test\nevaluation: {kind}\nitems:\n' + "".join(items)


@pytest.fixture
def tests_bank(write_module, course_copy, learner_folder):
    (course_copy / "quizzes" / "parcours").mkdir()
    (course_copy / "quizzes" / "parcours" / "objectifs.yml").write_text(OBJECTIVES, encoding="utf-8")
    write_module(evaluation_module("00", "positionnement", "pre", tuple(f"Pré {letter} ?" for letter in "ABCDEF")), "00_pre.yml")
    write_module(evaluation_module("07", "final", "post", tuple(f"Post {letter} ?" for letter in "ABCDEF")), "07_post.yml")
    return course_copy


def take(kind: str, answers: dict):
    from course.show import evaluation_widget

    widget = evaluation_widget(kind)
    for shown in widget.questions:
        item_id = shown.question.id
        if item_id in answers:
            shown.answer = answers[item_id]
            shown.validate()
        assert "Juste" not in shown.feedback and "Faux" not in shown.feedback  # no key before the end
    widget.finish_button.click()  # Terminer le test
    return widget


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_results_per_objective_are_kept_and_the_final_test_shows_both(tests_bank):
    from course.learner.store import LearnerStore

    take("positionnement", {"pre-1": "mauvais", "pre-4": "bon"})  # the others left unanswered: 0 point
    assert LearnerStore().load()["tests"]["positionnement"]["objectifs"] == {"o1": [0.0, 3], "o2": [1.0, 3]}
    widget = take("final", {f"post-{n}": "bon" for n in range(1, 7)})
    assert LearnerStore().load()["tests"]["final"]["objectifs"] == {"o1": [3.0, 3], "o2": [3.0, 3]}
    results = plain(widget.results.value)
    assert "Votre test final : 6 / 6 points.</strong> Au test de positionnement : 1 / 6 points." in results
    # One summary per objective, visible without unfolding: o1 0 % then 100 %; o2 33 % then 100 %.
    o1, o2 = (plain(fold.summary.value) for fold in widget.folds)
    assert "Objectif 1 — Choisir une plateforme" in o1
    assert "3 / 3 points (100 %) ; au test de positionnement : 0 %" in o1
    assert "Objectif 2 — Protéger le secret" in o2 and "(100 %) ; au test de positionnement : 33 %" in o2
    assert "Toutes vos réponses sont justes." in o1
    chart = [child for child in widget.body.children if "<img src=" in getattr(child, "value", "")]
    assert len(chart) == 1  # before and after, side by side


def test_the_corrections_are_folded_by_objective_and_unfold_on_demand(tests_bank):
    widget = take("positionnement", {"pre-1": "mauvais", "pre-2": "bon", "pre-4": "bon"})
    o1, o2 = widget.folds
    assert "1 / 3 points (33 %). À revoir : questions 1 et 3." in plain(o1.summary.value)
    assert "À revoir : questions 5 et 6." in plain(o2.summary.value)
    assert not any(fold.unfolded or fold.built for fold in widget.folds)  # short: nothing unfolded, nothing built
    assert o1.toggle.description == "Voir la correction (3 questions)"
    o1.toggle.click()
    assert o1.unfolded and not o2.unfolded and o1.toggle.description == "Masquer la correction"
    texts, first, second, third = o1.corrections.children
    assert "Choisir une plateforme" in texts.value
    assert "Question 1 : correction" in first.children[0].value and "Faux" in first.children[1].feedback
    assert "Juste" in second.children[1].feedback  # the correction, once the test is over
    # Left unanswered: the right option is marked and explained, and nothing is ticked for the learner.
    unanswered = third.children[1]
    assert "Sans réponse." in unanswered.feedback and "Score : 0 / 1" in plain(unanswered.feedback)
    assert "La bonne (pre-3)" in unanswered.feedback and "Juste." in unanswered.feedback
    assert "La mauvaise (pre-3)" not in unanswered.feedback
    assert unanswered.marks == {"bon": "attendue"} and unanswered.value == [] and unanswered.disabled
    o1.toggle.click()
    assert not o1.unfolded and o1.toggle.description == "Voir la correction (3 questions)"


def test_the_positioning_results_have_no_chart_to_compare_yet(tests_bank):
    widget = take("positionnement", {})
    assert not any('<img' in getattr(child, "value", "") for child in widget.body.children)
    assert "0 / 6 points" in plain(widget.results.value)


def test_a_finished_test_shows_its_results_when_reopened(tests_bank):
    from course.show import evaluation_widget

    take("positionnement", {"pre-1": "bon"})
    reopened = evaluation_widget("positionnement")
    assert "Votre test de positionnement" in reopened.results.value
    assert "1 / 3 points (33 %). À revoir : questions 2 et 3." in plain(reopened.folds[0].summary.value)


def test_a_result_edited_by_hand_is_left_out_not_a_crash(tests_bank):
    from course.learner.store import LearnerStore
    from course.show import evaluation_widget

    take("final", {"post-1": "bon"})
    LearnerStore().update(lambda data: data["tests"].__setitem__("positionnement", {"objectifs": "illisible"}))
    reopened = evaluation_widget("final")
    assert "Au test de positionnement" not in reopened.results.value


def test_the_test_notebooks_announce_as_many_questions_as_the_bank_holds():
    import nbformat

    from conftest import REPO
    from course.bank import load_bank

    counts = {module.evaluation: len(module.items) for module in load_bank().modules if module.evaluation}
    for name, kind in (("test_de_positionnement.ipynb", "positionnement"), ("test_final.ipynb", "final")):
        text = "\n".join(cell.source for cell in nbformat.read(REPO / "notebooks" / name, as_version=4).cells)
        assert f"{counts[kind]} questions" in text, name


def test_a_final_test_reusing_a_positioning_prompt_is_refused(tests_bank, write_module):
    from course.bank import BankError, load_bank

    write_module(evaluation_module("07", "final", "post", ("Pré A ?", *(f"Post {x} ?" for x in "BCDEF"))), "07_post.yml")
    with pytest.raises(BankError, match="reprend l'énoncé de « pre-1 »"):
        load_bank()


def test_each_test_must_measure_every_objective_with_three_questions(tests_bank, write_module):
    from course.bank import BankError, load_bank

    post = evaluation_module("07", "final", "post", tuple(f"Post {letter} ?" for letter in "ABCDEF"))
    write_module(post.replace("objectif: o1", "objectif: o2", 1), "07_post.yml")  # o1 keeps two questions only
    with pytest.raises(BankError, match="le test « final » n'a que 2 question.s. sur l'objectif « o1 » .au moins 3"):
        load_bank()


def test_the_course_tests_cover_every_objective_with_different_but_equivalent_questions():
    from collections import Counter

    from course.bank import load_bank

    bank = load_bank()
    tests = {module.evaluation: module for module in bank.modules if module.evaluation}
    pre, post = tests["positionnement"].items, tests["final"].items
    objectives = {objective.id for objective in bank.pathway.objectives}
    assert objectives and {item.tags.objective for item in pre} == objectives == {item.tags.objective for item in post}
    # Equivalent: the same number of questions, kinds and points for each objective.
    shape = lambda items: Counter((item.tags.objective, item.kind, item.points) for item in items)  # noqa: E731
    assert shape(pre) == shape(post)
    # Different: no shared id, prompt or option text, and no question of the modules reused.
    assert not {item.id for item in pre} & {item.id for item in post}
    assert not {item.prompt for item in pre} & {item.prompt for item in post}
    options = lambda items: {option.text for item in items for option in item.options}  # noqa: E731
    assert not options(pre) & options(post)
    others = [item for module in bank.modules if not module.evaluation for item in module.items]
    assert not ({item.prompt for item in pre} | {item.prompt for item in post}) & {getattr(item, "prompt", "")
                                                                                    for item in others}
