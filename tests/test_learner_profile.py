"""The learner's profession and country choose what they see: items for other profiles are left out, and the
feedback cites the rule of their own profession and country, or says plainly it is the doctors' only."""

from __future__ import annotations

import textwrap

import pytest

RULES = textwrap.dedent("""\
    themes:
      - id: secret
        titre: Secret professionnel
        regles:
          - professions: [medecin]
            pays: [france]
            texte: Le secret couvre tout ce que le médecin a appris (art. R.4127-4 du CSP).
            references:
              - source: csp
                article: R.4127-4
            statut: vérifié
          - professions: [infirmier]
            pays: [france]
            texte: Le secret s’impose à tout infirmier (art. R.4312-5 du CSP).
            references:
              - source: csp
                article: R.4312-5
            statut: vérifié
    """)

TAGGED = textwrap.dedent("""\
    module: "08"
    title: Module étiqueté
    items:
      - id: pour-tous
        kind: single
        regles: [secret]
        prompt: Une photo de patient peut-elle être publiée sans son accord ?
        options:
          - id: non
            text: Non
            correct: true
            feedback: Le secret s’y oppose.
          - id: oui
            text: Oui
            feedback: C’est une violation du secret.
        explanation: Le secret couvre aussi les images.
        references:
          - source: csp
      - id: pour-pharmaciens-marocains
        kind: single
        professions: [pharmacien]
        pays: [maroc]
        prompt: Question pour les pharmaciens au Maroc.
        options:
          - id: a
            text: A
            correct: true
            feedback: Oui.
          - id: b
            text: B
            feedback: Non.
        explanation: Explication.
        references:
          - source: csp
    """)


@pytest.fixture
def tagged_bank(write_module, course_copy, learner_folder):
    (course_copy / "quizzes" / "parcours").mkdir()
    (course_copy / "quizzes" / "parcours" / "regles.yml").write_text(RULES, encoding="utf-8")
    write_module(TAGGED, "08_etiquete.yml")
    from course.learner.store import LearnerStore

    return LearnerStore()


def answer_first_question(quiz, option: str) -> str:
    question = quiz.questions[0]
    question.answer = option
    question.validate()
    return question.feedback


def test_a_nurse_sees_the_items_for_everyone_and_her_own_rule(tagged_bank):
    from course.show import quiz_widget

    tagged_bank.set_profile("infirmier", "france")
    quiz = quiz_widget("08")
    assert [item.id for item in quiz.items] == ["pour-tous"]
    feedback = answer_first_question(quiz, "non")
    assert "R.4312-5" in feedback and "Pour vous (infirmier·e, France)" in feedback
    assert "R.4127-4" not in feedback


def test_a_moroccan_pharmacist_also_sees_the_item_tagged_for_them(tagged_bank):
    from course.show import quiz_widget

    tagged_bank.set_profile("pharmacien", "maroc")
    assert [item.id for item in quiz_widget("08").items] == ["pour-tous", "pour-pharmaciens-marocains"]


def test_a_physiotherapist_is_told_plainly_that_the_rule_shown_is_the_doctors_only(tagged_bank):
    from course.show import quiz_widget

    tagged_bank.set_profile("kinesitherapeute", "france")
    feedback = answer_first_question(quiz_widget("08"), "non")
    assert "R.4127-4" in feedback and "ne s’applique pas à votre profession" in feedback
    assert "R.4312-5" not in feedback


def test_without_a_profile_every_item_and_every_rule_is_shown(tagged_bank):
    from course.show import quiz_widget

    quiz = quiz_widget("08")
    assert len(quiz.items) == 2
    feedback = answer_first_question(quiz, "non")
    assert "R.4127-4" in feedback and "R.4312-5" in feedback and "page d’accueil" in feedback


def test_the_profile_can_change_at_any_time_and_the_next_feedback_follows_it(tagged_bank):
    from course.show import quiz_widget

    tagged_bank.set_profile("infirmier", "france")
    quiz = quiz_widget("08")
    tagged_bank.set_profile("medecin", "france")
    feedback = answer_first_question(quiz, "non")
    assert "R.4127-4" in feedback and "Pour vous (médecin, France)" in feedback


def test_a_question_for_another_profile_says_who_it_is_for_instead_of_showing(tagged_bank):
    from course.show import question_widget

    tagged_bank.set_profile("medecin", "france")
    shown = question_widget("pour-pharmaciens-marocains")
    assert "pharmacien·ne (Maroc)" in shown.value and "page d’accueil" in shown.value


def test_each_validated_answer_is_recorded_with_its_score_in_the_learner_file(tagged_bank):
    from course.show import quiz_widget

    answer_first_question(quiz_widget("08"), "oui")
    [event] = [e for e in tagged_bank.load()["activite"] if e["quoi"] == "reponse"]
    assert (event["module"], event["question"], event["reponse"], event["score"], event["sur"]) == \
        ("08", "pour-tous", "oui", 0.0, 1)


def test_an_unknown_rule_theme_or_objective_is_a_located_error(tagged_bank, write_module):
    from course.bank import BankError, load_bank

    write_module(TAGGED.replace("regles: [secret]", "regles: [inconnu]"), "08_etiquete.yml")
    with pytest.raises(BankError) as error:
        load_bank()
    assert "08_etiquete.yml, ligne 6" in str(error.value) and "thème de règles « inconnu » inconnu" in str(error.value)
