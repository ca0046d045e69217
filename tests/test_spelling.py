"""All learner-facing French text passes a real French dictionary, with a short project word list
(tests/mots-du-projet.txt) for names and terms. The checker is Debian's hunspell with hunspell-fr where installed,
otherwise spylls with npm's dictionary-fr (tests/spelling.py); where both run (CI), they must agree."""

from __future__ import annotations

import functools
import re

import pytest

import spelling
from conftest import REPO
from learner_text import (FRENCH_NOTEBOOKS, FRENCH_PAGES, adapter_notices, bank_file_strings, french_bank_files,
                          markdown_cells, page_prose)

IDENTIFIERS = frozenset({"id", "kind", "next", "start", "source", "regles", "professions", "pays", "objectif",
                         "evaluation"})  # not prose
_NOT_PROSE = re.compile(
    r"`[^`]*`|https?://\S+|\]\([^)]*\)|<[^>]+>|\[[a-z0-9, -]+\](?!\()"  # code, URLs, link targets, tags, [source-ids]
    r"|\b[A-Z]?\.? ?\d[\d.\-]*(?:e|er|re|es|ᵉ)?\b|@\w[\w.]*|#\w+|\b[\w.-]+\.(?:fr|com|org|ma)\b"  # articles, handles, sites
    r"|\b[A-Z]-\d+/\d+"  # case numbers (C-339/15)
    r"|-{2,}")  # Markdown table rules

# Text that tells the two checkers apart if they find or judge words differently: typographic apostrophes and
# elisions, capitals, abbreviations, numbers, hyphens, ligatures, URLs, addresses and paths, and misspellings.
TRICKY_TEXT = """\
Le secret profesionnel protège les patiants ; l’Ordre des médecins, qu’il s’agisse d’Instagram ou d’ex-Twitter.
M. Dupont, Mme Durand, etc. ; c’est-à-dire aujourd’hui : 1,5 % des 2-3 cas, le 1er janvier, 12.4, 3-- et 1..2.
L’ORDRE DES MÉDECINS, L'ÉTHIQUE, CNOM, What’s, Hepatoweb, la sécu, un rézo socio, un médecain, EX-TWITTER.
https://www.example.org/page-web écrire à nom@exemple.fr ou voir /usr/share/doc, C:\\Documents\\fichier
œuvre, cœur, ﬁchier, peut-être, Peut-Être, arc-en-ciel, anti-vaccin, e-réputation, re-publier, -t-il, ’ECG.
"""


@functools.cache
def learner_texts() -> dict[str, str]:
    texts = {}
    for path in french_bank_files():
        texts[str(path.relative_to(REPO))] = "\n".join(bank_file_strings(path, IDENTIFIERS))
    for path in FRENCH_NOTEBOOKS:
        texts[str(path.relative_to(REPO))] = "\n".join(markdown_cells(path))
    for path in FRENCH_PAGES:
        texts[str(path.relative_to(REPO))] = page_prose(path)
    texts["course/site/lms.js"] = "\n".join(adapter_notices().values())
    return texts


def unknown_words(text: str, backend: str | None = None) -> list[str]:
    return spelling.unknown_words(_NOT_PROSE.sub(" ", text), backend)


@pytest.fixture(scope="module", autouse=True)
def requires_a_checker():
    if not spelling.available_backends():
        pytest.skip("vérification orthographique ignorée, faute de dictionnaire\u00a0: "
                    + "\u00a0; ".join(spelling.why_unavailable(backend) for backend in spelling.BACKENDS))


@pytest.mark.parametrize("backend", spelling.available_backends() or [None])
def test_the_checker_finds_a_misspelling(backend):
    assert unknown_words("Le secret profesionnel protège les patients.", backend) == ["profesionnel"]


@pytest.mark.parametrize("name", sorted(learner_texts()))
def test_spelling(name):
    unknown = unknown_words(learner_texts()[name])
    assert not unknown, (f"mots inconnus du dictionnaire (corrigez-les ou ajoutez-les à {spelling.WORDS.name})"
                         f"\u00a0: {unknown}")


def test_both_checkers_give_the_same_verdicts():
    """hunspell-fr (CI, a developer with root) and spylls with dictionary-fr (elsewhere) accept and reject the same
    words: on the whole course, and on text made to tell them apart."""
    for backend in spelling.BACKENDS:
        if not spelling.available(backend):
            pytest.skip(f"{spelling.why_unavailable(backend)}\u00a0: comparaison des deux vérificateurs ignorée")
    course = "\n".join(learner_texts().values())
    assert unknown_words(course, "spylls") == unknown_words(course, "hunspell")
    tricky = spelling.unknown_words(TRICKY_TEXT, "hunspell")
    assert {"profesionnel", "patiants", "médecain"} <= set(tricky)
    assert spelling.unknown_words(TRICKY_TEXT, "spylls") == tricky
