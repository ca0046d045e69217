"""A learner who restarts the kernel, reloads the page or comes back another day and runs the module again
finds the answers validated earlier, with their feedback and in the quiz score (read from the learner's file)."""

from __future__ import annotations

import pytest

import course.show as show
from course.learner.activity import last_answers


@pytest.fixture
def module(write_module, course_copy, learner_folder):
    write_module()
    show._bank.cache_clear()
    yield
    show._bank.cache_clear()


def test_a_validated_answer_is_shown_again_by_a_new_kernel(module):
    first = show.question_widget("essai-single")
    first.value = ["b"]
    first.validate()
    again = show.question_widget("essai-single")  # what a re-run builds from the learner's file
    assert again.value == ["b"] and again.disabled and "Réponse incorrecte." in again.feedback


def test_a_quiz_counts_the_answers_brought_back_and_retry_takes_them_back(module):
    quiz = show.quiz_widget("09")
    single = next(question for question in quiz.questions if question.question.id == "essai-single")
    single.value = ["a"]
    single.validate()
    rerun = show.quiz_widget("09")
    assert "Score du quiz\u00a0: 1 / 3" in rerun.total.value and "1 question validée" in rerun.total.value
    next(question for question in rerun.questions if question.question.id == "essai-single").retry()
    assert show.quiz_widget("09").scores == {}


def test_a_finished_scenario_comes_back_at_its_ending(module):
    scenario = show.question_widget("essai-scenario")
    for choice in ("refuser", "rediriger"):
        scenario.value = [choice]
        scenario.choose()
    again = show.question_widget("essai-scenario")
    assert again.finished and "Score du parcours\u00a0: 4 / 4" in again.feedback


def test_hand_edited_events_are_skipped():
    events = [{"quoi": "reponse", "question": "q", "reponse": "a"}, "pas un événement", {"quoi": "reponse"},
              {"quoi": "reponse", "question": ["q"], "reponse": "b"}, {"quoi": "reessai", "question": "r"}]
    assert last_answers(events) == {"q": "a"}


def test_a_quiz_counts_a_scenario_brought_back_only_once_it_is_finished(module):
    def scenario_of(quiz):
        return next(question for question in quiz.questions if getattr(question, "scenario", None))

    def quiz():
        return show.quiz_widget("09", ["essai-single", "essai-scenario"])

    first = scenario_of(quiz())
    first.value = ["refuser"]
    first.choose()
    halfway = quiz()  # a path left halfway is not a validated answer: it starts afresh, and counts nothing
    assert scenario_of(halfway).path == [] and halfway.scores == {} and "0 question validée" in halfway.total.value
    for choice in ("refuser", "rediriger"):
        scenario_of(halfway).value = [choice]
        scenario_of(halfway).choose()
    finished = quiz()
    assert scenario_of(finished).finished and finished.scores["essai-scenario"].earned == 3
    assert "Score du quiz\u00a0: 3 / 4" in finished.total.value


@pytest.mark.parametrize("answer", ["esanum", ["esanum", "esanum"], ["inconnue"], [["esanum"]], {"a": 1}])
def test_an_answer_edited_beyond_reading_is_neither_shown_nor_counted(module, answer):
    from course.learner.store import LearnerStore

    LearnerStore().record("09", "reponse", question="essai-multiple", reponse=answer, score=2, sur=2)
    quiz = show.quiz_widget("09")
    multiple = next(question for question in quiz.questions if question.question.id == "essai-multiple")
    assert multiple.value == [] and multiple.feedback == "" and not multiple.disabled
    assert quiz.scores == {} and "0 question validée" in quiz.total.value
