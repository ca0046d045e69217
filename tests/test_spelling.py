"""All learner-facing French text passes a real French dictionary (Debian's hunspell-fr),
with a short project word list (tests/mots-du-projet.txt) for names and terms."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from learner_text import FRENCH_NOTEBOOKS, FRENCH_PAGES, bank_file_strings, french_bank_files, markdown_cells, page_prose

WORDS = REPO / "tests" / "mots-du-projet.txt"
IDENTIFIERS = frozenset({"id", "kind", "next", "start", "source", "regles", "professions", "pays", "objectif",
                         "evaluation"})  # not prose
_NOT_PROSE = re.compile(
    r"`[^`]*`|https?://\S+|\]\([^)]*\)|<[^>]+>|\[[a-z0-9, -]+\](?!\()"  # code, URLs, link targets, tags, [source-ids]
    r"|\b[A-Z]?\.? ?\d[\d.\-]*(?:e|er|re|es|ᵉ)?\b|@\w[\w.]*|#\w+|\b[\w.-]+\.(?:fr|com|org|ma)\b"  # articles, handles, sites
    r"|\b[A-Z]-\d+/\d+"  # case numbers (C-339/15)
    r"|-{2,}")  # Markdown table rules


def learner_texts() -> dict[str, str]:
    texts = {}
    for path in french_bank_files():
        texts[str(path.relative_to(REPO))] = "\n".join(bank_file_strings(path, IDENTIFIERS))
    for path in FRENCH_NOTEBOOKS:
        texts[str(path.relative_to(REPO))] = "\n".join(markdown_cells(path))
    for path in FRENCH_PAGES:
        texts[str(path.relative_to(REPO))] = page_prose(path)
    return texts


def unknown_words(text: str) -> list[str]:
    prose = _NOT_PROSE.sub(" ", text)
    result = subprocess.run(["hunspell", "-d", "fr_FR", "-p", str(WORDS), "-l"], input=prose,
                            capture_output=True, text=True, check=True)
    return sorted(set(result.stdout.split()))


@pytest.fixture(scope="module", autouse=True)
def requires_hunspell_fr():
    if not shutil.which("hunspell") or not Path("/usr/share/hunspell/fr_FR.dic").exists():
        pytest.skip("hunspell-fr absent : vérification orthographique ignorée (apt-get install hunspell-fr)")


def test_the_checker_finds_a_misspelling():
    assert unknown_words("Le secret profesionnel protège les patients.") == ["profesionnel"]


@pytest.mark.parametrize("name", sorted(learner_texts()))
def test_spelling(name):
    unknown = unknown_words(learner_texts()[name])
    assert not unknown, f"mots inconnus du dictionnaire (corrigez-les ou ajoutez-les à {WORDS.name}) : {unknown}"
