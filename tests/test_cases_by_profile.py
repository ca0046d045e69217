"""Module 5's cases written for one profession or one country: the learner's own come first, the others stay one
click away, and the feedback of a case gives the learner's own rules."""

from __future__ import annotations

import re
import textwrap

import pytest

import course.show as show
from conftest import VALID_MODULE
from course.learner.store import LearnerStore


def scenario_for(item_id: str, professions: list[str], countries: list[str]) -> str:
    """The valid module's scenario, under another id, written for these professions and countries."""
    scenario = VALID_MODULE[VALID_MODULE.index("  - id: essai-scenario"):]
    scenario = scenario.replace("id: essai-scenario", f"id: {item_id}").replace(
        "title: Une demande d'ami", f"title: Cas {item_id}")
    tags = ""
    if professions:
        tags += f"    professions: [{', '.join(professions)}]\n"
    if countries:
        tags += f"    pays: [{', '.join(countries)}]\n"
    return scenario.replace("    kind: scenario\n", "    kind: scenario\n" + tags, 1)


CASES = {"cas-infirmier": (["infirmier"], ["france"]), "cas-pharmacien": (["pharmacien"], ["france"]),
         "cas-kine": (["kinesitherapeute"], ["france"]), "cas-maroc-medecin": (["medecin"], ["maroc"]),
         "cas-maroc-pharmacien": (["pharmacien"], ["maroc"])}


@pytest.fixture
def cases_module(write_module, learner_folder):
    items = "".join(scenario_for(item_id, *tags) for item_id, tags in CASES.items())
    write_module('module: "09"\ntitle: Cas\nitems:\n' + items)
    show._bank.cache_clear()
    yield
    show._bank.cache_clear()


def order_shown(widget) -> tuple[list[str], list[str]]:
    """The cases shown at once, and those folded under « Voir ces cas »."""
    shown = [child.scenario.id for child in widget.children if hasattr(child, "scenario")]
    folds = [child for child in widget.children if hasattr(child, "flip")]
    folded = []
    for fold in folds:
        fold.flip()
        folded += [child.scenario.id for child in fold.content.children]
    return shown, folded


@pytest.mark.parametrize("profession, country, first, shown_count", [
    ("infirmier", "france", "cas-infirmier", 3),  # their own, then the other French cases
    ("pharmacien", "france", "cas-pharmacien", 4),  # French cases and the Moroccan pharmacist's
    ("kinesitherapeute", "france", "cas-kine", 3),
    ("pharmacien", "maroc", "cas-maroc-pharmacien", 3),
    ("medecin", "maroc", "cas-maroc-medecin", 2),
])
def test_the_learner_own_cases_come_first_and_the_others_stay_one_click_away(cases_module, profession, country,
                                                                            first, shown_count):
    LearnerStore().set_profile(profession, country)
    shown, folded = order_shown(show.cases_widget("09"))
    assert shown[0] == first and len(shown) == shown_count
    assert sorted(shown + folded) == sorted(CASES)  # nothing is lost, whatever the profile


def test_without_a_profile_every_case_is_shown_and_the_learner_is_told_how_to_get_theirs_first(cases_module):
    widget = show.cases_widget("09")
    shown, folded = order_shown(widget)
    assert shown == list(CASES) and folded == []
    assert "page d’accueil" in widget.children[1].value


def test_a_case_answered_before_comes_back_at_its_ending(cases_module):
    LearnerStore().set_profile("infirmier", "france")
    first = show.cases_widget("09").children[2]
    for choice in ("refuser", "rediriger"):
        first.value = [choice]
        first.choose()
    again = show.cases_widget("09").children[2]
    assert again.scenario.id == "cas-infirmier" and again.finished


# On the course's own bank: each profession and country the home page names gets cases of its own, first.
PROFILES = [("infirmier", "france"), ("pharmacien", "france"), ("kinesitherapeute", "france"), ("medecin", "maroc"),
            ("pharmacien", "maroc")]


@pytest.mark.parametrize("profession, country", PROFILES)
def test_in_module_5_each_profile_named_on_the_home_page_sees_a_case_of_its_own_first(learner_folder, profession,
                                                                                      country):
    show._bank.cache_clear()
    LearnerStore().set_profile(profession, country)
    widget = show.cases_widget("05")
    first = next(child for child in widget.children if hasattr(child, "scenario"))
    tags = first.scenario.tags
    assert profession in tags.professions or country in tags.countries
    if country == "maroc":
        assert "maroc" in tags.countries
    else:
        assert profession in tags.professions


def test_a_moroccan_learner_reads_the_moroccan_rules_in_the_feedback_of_a_moroccan_case(learner_folder):
    show._bank.cache_clear()
    LearnerStore().set_profile("pharmacien", "maroc")
    case = next(child for child in show.cases_widget("05").children if hasattr(child, "scenario"))
    assert case.scenario.tags.rules, "un cas marocain doit nommer ses thèmes de règles (regles:)"
    while not case.finished:  # any path: the rules come with the ending
        case.value = [case.options[0]["id"]]
        case.choose()
    text = re.sub(r"\s+", " ", case.feedback)
    assert "Maroc" in text or "marocain" in text
