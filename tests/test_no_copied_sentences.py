"""The course restates its sources in its own words: no run of eight words is copied from a source article.

Quotations between guillemets (titles, a figure quoted to be corrected) and the pointers to a source's
sections (`where:` in the bank, the « Sources » list of a notebook) are citations, not prose: they are left out."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import REPO
from course.bank.load import bank_files
from learner_text import bank_file_strings

SEEDS = sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
RUN = 8


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.findall(r"[\w']+", text)


def runs(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[index:index + RUN]) for index in range(len(tokens) - RUN + 1)}


_QUOTED = re.compile(r"«[^»]{0,400}»|“[^”]{0,400}”")


def course_texts() -> dict[str, str]:
    texts = {path.name: "\n".join(bank_file_strings(path, frozenset({"where"})))
             for path in bank_files(REPO / "quizzes")}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        texts[path.name] = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells
                                     if not cell.source.lstrip().startswith("## Sources"))
    return {name: _QUOTED.sub(" ", text) for name, text in texts.items()}


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    if not SEEDS:
        pytest.skip("articles sources absents (../shared/seeds) : vérification ignorée")
    return set().union(*(runs(path.read_text(encoding="utf-8")) for path in SEEDS))


def test_the_check_finds_a_copied_run(seed_runs):
    copied = " ".join(next(iter(seed_runs)))
    assert runs(f"Comme le dit l'article : {copied}.") & seed_runs


@pytest.mark.parametrize("name", sorted(course_texts()))
def test_no_sentence_is_copied_from_the_sources(name, seed_runs):
    copied = runs(course_texts()[name]) & seed_runs
    assert not copied, f"{len(copied)} passage(s) copié(s), par exemple : « {' '.join(sorted(copied)[0])} »"
