"""The course never teaches one of the common mistakes listed in ../shared/reference/deontologie.md (section 7).

A wrong option of a question may state a mistake (that is what it is there for); everything the course says
as true must not: prompts, explanations, feedback, right options, scenario steps and endings, the modules'
paragraphs, list items and table rows, the learner and instructor pages. A passage that names a mistake must
carry its correction with it (a table « ce que disent les articles / ce qui est vrai aujourd'hui » does)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from course.bank import load_bank
from course.bank.model import ChoiceQuestion, Scenario
from learner_text import FRENCH_NOTEBOOKS, FRENCH_PAGES, markdown_cells, page_prose


@dataclass(frozen=True)
class Mistake:
    number: int  # in deontologie.md, section 7
    says: str  # a passage that matches this names the mistake's subject...
    unless: str  # ...and must carry this correction (or caveat) in the same passage

    def made_in(self, passage: str) -> bool:
        return bool(re.search(self.says, passage, re.I)) and not re.search(self.unless, passage, re.I)


MISTAKES = [
    Mistake(1, r"(toute|la) publicité (est|reste|demeure) (totalement |toujours )?interdite",
            r"supprimée|c’est l’inverse|n’est plus|depuis le 25 décembre 2020"),
    Mistake(2, r"R\.\s?4127-19-2", r"accès partiel|R\.\s?4127-19-1"),
    Mistake(3, r"R\.\s?4127-13\b[^.]{0,80}(procédés? nouveaux|insuffisamment éprouvé)", r"R\.\s?4127-14"),
    Mistake(4, r"loi Bertrand", r"entreprises|laboratoire publie|L\.\s?1453-1|rien à voir"),
    Mistake(8, r"R\.\s?4235-(22|30|57|58|59)\b", r"1995|ancien code|abrog|à vérifier"),
    Mistake(9, r"(e-réputation|réputation numérique)[^|]{0,120}septembre 2018|septembre 2018[^|]{0,120}"
               r"(e-réputation|réputation numérique)", r"10 octobre 2018|à tort|indique que"),
    Mistake(12, r"charte[^.|]{0,80}2025[^.|]{0,120}(obligatoire|contraignante|s’impose)",
            r"non contraignante|volontaire|n’est pas obligatoire|sans être obligatoire"),
    Mistake(14, r"diffamation[^.|]{0,120}\b(un|1) an\b|\b(un|1) an\b[^.|]{0,120}diffamation",
            r"65-3|discrimin|origine|trois mois"),
    Mistake(16, r"(réforme|modifi\w+)[^.|]{0,60}2024[^.|]{0,80}R\.\s?4127-(13|19)\b", r"aucun (texte|décret)"),
]


def taught_by_the_bank() -> list[tuple[str, str]]:
    """(where, text) of what the bank says as true: never a wrong option's own words."""
    passages = []
    for item in load_bank(with_graded=True).items.values():
        texts = [item.prompt, getattr(item, "explanation", "")]
        texts += [reference.where or "" for reference in getattr(item, "references", ())]
        if isinstance(item, ChoiceQuestion):
            texts += [option.feedback for option in item.options]
            texts += [option.text for option in item.options if option.correct]
        if isinstance(item, Scenario):
            texts += [item.title] + [step.text for step in item.steps] + [ending.text for ending in item.endings]
            texts += [choice.feedback for step in item.steps for choice in step.choices]
        passages += [(item.id, text) for text in texts if text]
    return passages


def passages_of_a_page(text: str) -> list[str]:
    """Paragraphs, list items and table rows: the unit in which a myth and its correction sit together."""
    return [part for block in re.split(r"\n\s*\n", text) for part in re.split(r"\n(?=\s*(?:[-*|]|\d+\.)\s)", block)]


def taught_by_the_pages() -> list[tuple[str, str]]:
    passages = [(path.name, part) for path in FRENCH_NOTEBOOKS for cell in markdown_cells(path)
                for part in passages_of_a_page(cell)]
    return passages + [(path.name, part) for path in FRENCH_PAGES for part in passages_of_a_page(page_prose(path))]


def found(passages: list[tuple[str, str]]) -> list[str]:
    spaced = [(where, " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())) for where, text in passages]
    return [f"erreur n° {mistake.number} dans {where} : {text[:240]}"
            for where, text in spaced for mistake in MISTAKES if mistake.made_in(text)]


@pytest.mark.parametrize("passage, number", [
    ("Depuis 2020, la communication des médecins sur les réseaux relève de l’article R.4127-19-2 CSP.", 2),
    ("La loi Bertrand oblige le médecin à déclarer ses liens à l’antenne.", 4),
    ("Le guide de l’Ordre sur l’e-réputation, publié en septembre 2018, recommande une veille mensuelle.", 9),
    ("Contre une diffamation, vous avez un an pour agir.", 14),
    ("La charte du CNOM de janvier 2025 est obligatoire pour tout médecin créateur de contenu.", 12),
    ("Toute publicité est interdite aux médecins.", 1),
])
def test_the_checker_finds_each_mistake_said_as_true(passage, number):
    assert [line.split(" ")[2] for line in found([("essai", passage)])] == [str(number)]


def test_the_checker_lets_a_mistake_pass_with_its_correction():
    corrected = ("Un article de 2019 date à tort de septembre 2018 le guide de l’Ordre sur l’e-réputation, publié le "
                 "10 octobre 2018.")
    assert found([("essai", corrected)]) == []


def test_the_bank_never_teaches_a_common_mistake():
    assert not (problems := found(taught_by_the_bank())), "\n".join(problems)


def test_the_modules_and_pages_never_teach_a_common_mistake():
    assert not (problems := found(taught_by_the_pages())), "\n".join(problems)
