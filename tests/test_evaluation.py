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
              text: La bonne
              correct: true
              feedback: Juste.
            - id: mauvais
              text: La mauvaise
              feedback: Faux.
          explanation: Explication.
          references:
            - source: csp
        """), "  ")


def evaluation_module(number: str, kind: str, prefix: str, prompts=("A ?", "B ?", "C ?")) -> str:
    items = [question(f"{prefix}-1", "o1", prompts[0]), question(f"{prefix}-2", "o2", prompts[1]),
             question(f"{prefix}-3", "o2", prompts[2])]
    return f'module: "{number}"\ntitle: Test\nevaluation: {kind}\nitems:\n' + "".join(items)


@pytest.fixture
def tests_bank(write_module, course_copy, learner_folder):
    (course_copy / "quizzes" / "parcours").mkdir()
    (course_copy / "quizzes" / "parcours" / "objectifs.yml").write_text(OBJECTIVES, encoding="utf-8")
    write_module(evaluation_module("00", "positionnement", "pre", ("Pré A ?", "Pré B ?", "Pré C ?")), "00_pre.yml")
    write_module(evaluation_module("07", "final", "post", ("Post A ?", "Post B ?", "Post C ?")), "07_post.yml")
    return course_copy


def take(kind: str, answers: dict):
    from course.show import evaluation_widget

    widget = evaluation_widget(kind)
    questions = [box.children[1] for box in widget.body.children[1:-1]]
    for shown in questions:
        item_id = shown.question.id
        if item_id in answers:
            shown.answer = answers[item_id]
            shown.validate()
        assert "Juste" not in shown.feedback.value and "Faux" not in shown.feedback.value  # no key before the end
    widget.body.children[-1].click()  # Terminer le test
    return widget


def test_results_per_objective_are_kept_and_the_final_test_shows_both(tests_bank):
    from course.learner.store import LearnerStore

    take("positionnement", {"pre-1": "mauvais", "pre-2": "bon"})  # pre-3 left unanswered: 0 point
    assert LearnerStore().load()["tests"]["positionnement"]["objectifs"] == {"o1": [0.0, 1], "o2": [1.0, 2]}
    widget = take("final", {"post-1": "bon", "post-2": "bon", "post-3": "bon"})
    assert LearnerStore().load()["tests"]["final"]["objectifs"] == {"o1": [1.0, 1], "o2": [2.0, 2]}
    results = widget.body.children[0].value
    # o1: 0 % then 100 %; o2: 50 % then 100 %.
    assert "<th>O1</th><td>Choisir une plateforme.</td><td>0 %</td><td>100 %</td>" in results.replace("\u00a0", " ")
    assert "<th>O2</th><td>Protéger le secret.</td><td>50 %</td><td>100 %</td>" in results.replace("\u00a0", " ")
    assert results.count('<img src="data:image/png;base64,') == 1
    corrections = widget.body.children[1:-1]
    assert "Juste" in corrections[0].children[1].feedback.value  # the correction, once the test is over


def test_a_finished_test_shows_its_results_when_reopened(tests_bank):
    from course.show import evaluation_widget

    take("positionnement", {"pre-1": "bon"})
    reopened = evaluation_widget("positionnement")
    assert "Votre test de positionnement" in reopened.body.children[0].value


def test_a_final_test_reusing_a_positioning_prompt_is_refused(tests_bank, write_module):
    from course.bank import BankError, load_bank

    write_module(evaluation_module("07", "final", "post", ("Pré A ?", "Post B ?", "Post C ?")), "07_post.yml")
    with pytest.raises(BankError, match="reprend l'énoncé de « pre-1 »"):
        load_bank()


def test_each_test_must_cover_every_objective(tests_bank, write_module):
    from course.bank import BankError, load_bank

    write_module(evaluation_module("07", "final", "post", ("Post A ?", "Post B ?", "Post C ?")).replace("objectif: o1",
                                                                                                   "objectif: o2"),
                 "07_post.yml")
    with pytest.raises(BankError, match="aucune question du test « final » ne porte sur l'objectif « o1 »"):
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
