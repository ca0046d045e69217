"""A learner selects, clicks Valider and reads feedback; driven on the widget objects, no browser."""

from __future__ import annotations

import pytest

from course.bank import load_bank
from course.sources import load_sources
from course.widgets import ChoiceQuestionWidget, QuizWidget, ScenarioWidget


@pytest.fixture
def bank(write_module, course_copy):
    write_module()
    return load_bank(course_copy / "quizzes", course_copy / "data" / "sources.csv")


@pytest.fixture
def sources(course_copy):
    return load_sources(course_copy / "data" / "sources.csv")


def test_validating_without_a_choice_asks_for_one(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-single"), sources)
    widget.validate_button.click()
    assert "Choisissez une réponse" in widget.feedback.value
    assert not widget.radio.disabled


def test_a_wrong_then_right_single_answer(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-single"), sources)
    widget.radio.value = "b"
    widget.validate_button.click()
    assert "Réponse incorrecte." in widget.feedback.value
    assert "moments éphémères" in widget.feedback.value          # the chosen option's own feedback
    assert "LinkedIn est orienté vers la carrière" in widget.feedback.value  # the explanation
    assert "profilmedecin.fr (13 mars 2019)" in widget.feedback.value        # the source, with its date
    assert widget.radio.disabled and widget.retry_button.layout.display == ""
    widget.retry_button.click()
    assert widget.radio.value is None and widget.feedback.value == "" and not widget.radio.disabled
    widget.radio.value = "a"
    widget.validate_button.click()
    assert "Bonne réponse." in widget.feedback.value and "Score\u00a0: 1 / 1" in widget.feedback.value


def test_a_partly_right_multiple_answer_says_what_is_missing(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-multiple"), sources)
    widget.checkboxes["esanum"].value = True
    widget.validate_button.click()
    assert "Réponse partiellement correcte." in widget.feedback.value
    assert "Score\u00a0: 1 / 2" in widget.feedback.value
    assert "Il manquait 1 bonne réponse." in widget.feedback.value
    assert "Partage d'images cliniques" not in widget.feedback.value  # unchosen option's feedback stays hidden


def test_option_labels_are_real_labels_with_french_spacing(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-multiple"), sources)
    assert [box.description for box in widget.checkboxes.values()] == ["Esanum", "MedPics", "Pinterest"]
    prompt = ChoiceQuestionWidget(bank.item("essai-single"), sources).children[0].value
    assert "«\u00a0carrière\u00a0»\u00a0?" in prompt
    assert {"cours-question", "cours-question--single"} <= set(
        ChoiceQuestionWidget(bank.item("essai-single"), sources)._dom_classes)


def test_a_quiz_adds_up_its_questions(bank, sources):
    quiz = QuizWidget([bank.item("essai-single"), bank.item("essai-multiple")], sources)
    assert "Score du quiz\u00a0: 0 / 3" in quiz.total.value
    single, multiple = quiz.questions
    single.radio.value = "a"
    single.validate_button.click()
    multiple.checkboxes["esanum"].value = True
    multiple.validate_button.click()
    assert "Score du quiz\u00a0: 2 / 3" in quiz.total.value and "2 questions validées sur 2" in quiz.total.value
    single.retry_button.click()
    assert "Score du quiz\u00a0: 1 / 3" in quiz.total.value


def test_walking_a_scenario_to_its_best_ending(bank, sources):
    widget = ScenarioWidget(bank.item("essai-scenario"), sources)
    assert "Que faites-vous" in widget.step_text.value
    assert [label for label, _ in widget.choices.options] == ["J'accepte.", "Je refuse poliment."]
    widget.choices.value = "refuser"
    widget.validate_button.click()
    assert "Vous gardez la bonne distance." in widget.history.value  # the consequence of the choice
    assert "Elle vous écrit en message privé." in widget.step_text.value
    widget.choices.value = "rediriger"
    widget.validate_button.click()
    assert widget.finished
    assert "Vous avez protégé la relation de soin." in widget.step_text.value
    assert "Score du parcours\u00a0: 4 / 4" in widget.step_text.value
    assert "Déontologie médicale sur le web" in widget.step_text.value  # sources at the end
    assert widget.choices.layout.display == "none"


def test_a_poor_path_scores_less_and_can_be_restarted(bank, sources):
    widget = ScenarioWidget(bank.item("essai-scenario"), sources)
    for choice in ("accepter", "repondre"):
        widget.choices.value = choice
        widget.validate_button.click()
    assert "Score du parcours\u00a0: 0 / 4" in widget.step_text.value
    widget.restart_button.click()
    assert widget.path == [] and "Que faites-vous" in widget.step_text.value and widget.history.value == ""


def test_graded_mode_records_the_answer_and_never_says_right_or_wrong(bank, sources):
    recorded = {}
    widget = ChoiceQuestionWidget(bank.item("essai-single"), sources, show_feedback=False,
                                  on_answer=recorded.__setitem__)
    widget.radio.value = "b"
    widget.validate_button.click()
    assert recorded == {"essai-single": "b"}
    assert "Réponse enregistrée." in widget.feedback.value
    assert "incorrecte" not in widget.feedback.value and "moments éphémères" not in widget.feedback.value
    scenario = ScenarioWidget(bank.item("essai-scenario"), sources, show_feedback=False,
                              on_answer=recorded.__setitem__)
    scenario.choices.value = "accepter"
    scenario.validate_button.click()
    assert recorded["essai-scenario"] == ["accepter"]
    assert "Votre vie privée" not in scenario.history.value
