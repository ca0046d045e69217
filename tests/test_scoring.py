"""One scoring rule per kind; hand-edited answers never score more than a click could."""

from __future__ import annotations

import pytest

from course.bank import load_bank
from course.scoring import score_item


@pytest.fixture
def items(write_module, course_copy):
    write_module()
    bank = load_bank(course_copy / "quizzes", course_copy / "data" / "sources.csv")
    return bank.items


@pytest.mark.parametrize("answer, fraction", [("a", 1.0), ("b", 0.0), (None, 0.0)])
def test_single_choice_is_all_or_nothing(items, answer, fraction):
    assert score_item(items["essai-single"], answer).fraction == fraction


@pytest.mark.parametrize("answer, earned", [
    (["esanum", "medpics"], 2.0),            # both right options
    (["esanum"], 1.0),                       # half of the right options
    (["esanum", "pinterest"], 0.0),          # one right, one wrong: they cancel out
    (["esanum", "medpics", "pinterest"], 1.0),
    (["pinterest"], 0.0),                    # never below zero
    (None, 0.0),
])
def test_multiple_choice_gives_partial_credit(items, answer, earned):
    assert score_item(items["essai-multiple"], answer).earned == earned


@pytest.mark.parametrize("path, earned", [
    (["refuser", "rediriger"], 3.0),   # best path: 4 / 4 of 3 points
    (["accepter", "rediriger"], 1.5),  # 2 / 4
    (["accepter", "repondre"], 0.0),
    (["refuser"], 1.5),                # unfinished: counts the choices made
])
def test_a_scenario_path_scores_its_sum_over_the_best_path(items, path, earned):
    assert score_item(items["essai-scenario"], path).earned == earned


@pytest.mark.parametrize("item_id, answer", [
    ("essai-single", "z"),                      # unknown option
    ("essai-single", ["a"]),                    # wrong type
    ("essai-single", 1),
    ("essai-multiple", "esanum"),               # a string where a list is expected
    ("essai-multiple", ["esanum", "esanum"]),   # the same option twice to double its credit
    ("essai-multiple", ["esanum", "medpics", "inconnue"]),
    ("essai-scenario", ["rediriger", "refuser"]),  # choices that are not on the path
    ("essai-scenario", ["refuser", "rediriger", "rediriger"]),  # going on past the ending
    ("essai-scenario", {"path": ["refuser"]}),
])
def test_an_edited_answer_scores_zero_with_a_reason(items, item_id, answer):
    score = score_item(items[item_id], answer)
    assert score.earned == 0.0
    assert score.problem


def test_open_questions_are_not_auto_graded(items):
    from course.bank.model import Criterion, OpenQuestion

    question = OpenQuestion("essai-ouverte", "09", "Rédigez.", (Criterion(2, "ton"),), "x", ())
    assert question.points == 2
    with pytest.raises(ValueError, match="se corrige à la main"):
        score_item(question, "texte")
