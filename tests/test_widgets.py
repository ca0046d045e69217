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
    widget.validate()
    assert "Choisissez une réponse" in widget.feedback
    assert not widget.disabled and widget.focus["target"] == "options"


def test_a_wrong_then_right_single_answer(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-single"), sources)
    widget.value = ["b"]
    widget.validate()
    assert "Réponse incorrecte." in widget.feedback
    assert "moments éphémères" in widget.feedback          # the chosen option's own feedback
    assert "LinkedIn est orienté vers la carrière" in widget.feedback  # the explanation
    assert "profilmedecin.fr, 13 mars 2019" in widget.feedback        # the source, with its date
    assert widget.disabled and widget.secondary_label == "Réessayer" and widget.marks == {"b": "faux"}
    assert widget.focus["target"] == "feedback"
    widget.retry()
    assert widget.value == [] and widget.feedback == "" and not widget.disabled and widget.marks == {}
    widget.value = ["a"]
    widget.validate()
    assert "Bonne réponse." in widget.feedback and "Score\u00a0: 1 / 1" in widget.feedback


def test_a_partly_right_multiple_answer_says_what_is_missing(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-multiple"), sources)
    widget.value = ["esanum"]
    widget.validate()
    assert "Réponse partiellement correcte." in widget.feedback
    assert "Score\u00a0: 1 / 2" in widget.feedback
    assert "Il manquait 1 bonne réponse." in widget.feedback
    assert "Partage d'images cliniques" not in widget.feedback  # unchosen option's feedback stays hidden


def test_option_labels_are_real_labels_with_french_spacing(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-multiple"), sources)
    assert [option["label"] for option in widget.options] == ["Esanum", "MedPics", "Pinterest"]
    prompt = ChoiceQuestionWidget(bank.item("essai-single"), sources).prompt
    assert "«\u00a0carrière\u00a0»\u00a0?" in prompt
    assert {"cours-question", "cours-question--single"} <= set(
        ChoiceQuestionWidget(bank.item("essai-single"), sources)._dom_classes)


def test_a_quiz_adds_up_its_questions(bank, sources):
    quiz = QuizWidget([bank.item("essai-single"), bank.item("essai-multiple")], sources)
    assert "Score du quiz\u00a0: 0 / 3" in quiz.total.value
    single, multiple = quiz.questions
    single.value = ["a"]
    single.validate()
    multiple.value = ["esanum"]
    multiple.validate()
    assert "Score du quiz\u00a0: 2 / 3" in quiz.total.value and "2 questions validées sur 2" in quiz.total.value
    single.retry()
    assert "Score du quiz\u00a0: 1 / 3" in quiz.total.value


def test_walking_a_scenario_to_its_best_ending(bank, sources):
    widget = ScenarioWidget(bank.item("essai-scenario"), sources)
    assert "Que faites-vous" in widget.prompt
    assert [option["label"] for option in widget.options] == ["J'accepte.", "Je refuse poliment."]
    widget.value = ["refuser"]
    widget.choose()
    assert "Vous gardez la bonne distance." in widget.history  # the consequence of the choice
    assert "Elle vous écrit en message privé." in widget.prompt and widget.focus["target"] == "consequence"
    widget.value = ["rediriger"]
    widget.choose()
    assert widget.finished
    assert "Vous avez protégé la relation de soin." in widget.feedback
    assert "Score du parcours\u00a0: 4 / 4" in widget.feedback
    assert "Déontologie médicale sur le web" in widget.feedback  # sources at the end
    assert widget.kind == "none" and widget.primary_label == "" and widget.focus["target"] == "feedback"


def test_a_poor_path_scores_less_and_can_be_restarted(bank, sources):
    widget = ScenarioWidget(bank.item("essai-scenario"), sources)
    for choice in ("accepter", "repondre"):
        widget.value = [choice]
        widget.choose()
    assert "Score du parcours\u00a0: 0 / 4" in widget.feedback
    assert widget.feedback.count("Score") == 1  # one score per scenario, the path's
    widget.restart()
    assert widget.path == [] and "Que faites-vous" in widget.prompt and widget.history == ""


def test_graded_mode_records_the_answer_and_never_says_right_or_wrong(bank, sources):
    recorded = {}
    widget = ChoiceQuestionWidget(bank.item("essai-single"), sources, show_feedback=False,
                                  on_answer=recorded.__setitem__)
    widget.value = ["b"]
    widget.validate()
    assert recorded == {"essai-single": "b"}
    assert "Réponse enregistrée." in widget.feedback
    assert "incorrecte" not in widget.feedback and "moments éphémères" not in widget.feedback
    scenario = ScenarioWidget(bank.item("essai-scenario"), sources, show_feedback=False,
                              on_answer=recorded.__setitem__)
    scenario.value = ["accepter"]
    scenario.choose()
    assert recorded["essai-scenario"] == ["accepter"]
    assert "Votre vie privée" not in scenario.history


def test_an_answer_recorded_earlier_comes_back_with_its_feedback(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-single"), sources, initial_answer="b")
    assert widget.value == ["b"] and widget.disabled and "Réponse incorrecte." in widget.feedback
    scenario = ScenarioWidget(bank.item("essai-scenario"), sources, initial_answer=["refuser", "rediriger"])
    assert scenario.finished and "Score du parcours\u00a0: 4 / 4" in scenario.feedback


def test_the_verdict_has_an_icon_and_words_and_the_partial_credit_rule_is_said(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-multiple"), sources)
    widget.value = ["esanum"]
    widget.validate()
    assert "cours-verdict-icone" in widget.feedback and "◐" in widget.feedback
    assert "Barème des questions à plusieurs réponses" in widget.feedback
    widget.retry()
    widget.value = [option.id for option in bank.item("essai-multiple").options if option.correct]
    widget.validate()
    assert "✔" in widget.feedback and "Barème" not in widget.feedback  # said where points were lost only


def test_the_browser_buttons_reach_the_kernel(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-single"), sources)
    widget.value = ["a"]
    widget._button_pressed(widget, {"action": "primary"}, [])
    assert "Bonne réponse." in widget.feedback
    widget._button_pressed(widget, {"action": "secondary"}, [])
    assert widget.feedback == "" and widget.value == []
    widget._button_pressed(widget, {"action": "anything else"}, [])
    assert widget.feedback == ""


def test_valider_judges_the_choice_the_learner_saw_ticked_not_a_late_value(bank, sources):
    widget = ChoiceQuestionWidget(bank.item("essai-single"), sources)
    widget.value = ["b"]  # the kernel still holds an earlier choice…
    widget._button_pressed(widget, {"action": "primary", "value": ["a"]}, [])  # …the click carries the one on screen
    assert widget.value == ["a"] and "Bonne réponse." in widget.feedback
    widget.retry()
    widget.value = ["a"]
    widget._button_pressed(widget, {"action": "primary", "value": ["inconnue"]}, [])  # not an option: ignored
    assert widget.value == ["a"] and "Bonne réponse." in widget.feedback
