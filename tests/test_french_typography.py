"""What a learner reads follows French typography: no ordinary space before ; : ! ? » or after «."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from course.typography import french
from learner_text import (FRENCH_NOTEBOOKS, FRENCH_PAGES, adapter_notices, bank_file_strings, french_bank_files,
                          markdown_cells, page_prose)

_CODE_OR_URL = re.compile(r"`[^`]*`|https?://\S+|\]\([^)]*\)|<[^>]+>")
_BAD_SPACE = re.compile(r"[ \t][;:!?»]|«[ \t]")
_MISSING_SPACE = re.compile(r"[^\s\u00a0\u202f][;!?»]|[^\s\u00a0\u202f:/]:(?=\s)|«[^\s\u00a0\u202f]")


def typography_problems(text: str) -> list[str]:
    text = _CODE_OR_URL.sub(" ", text)
    found = []
    for pattern, what in ((_BAD_SPACE, "espace ordinaire"), (_MISSING_SPACE, "espace manquante")):
        for match in pattern.finditer(text):
            start = max(0, match.start() - 25)
            found.append(f"{what} : …{text[start:match.end() + 5]}…")
    return found


def test_the_checker_catches_both_kinds_of_mistake():
    assert typography_problems("Attention : danger !")  # ordinary spaces
    assert typography_problems("Attention\u00a0: danger!")  # missing space before !
    assert typography_problems("«oui\u00a0»")
    assert not typography_problems(french("Attention : « danger » ! Voir https://a.fr/b?c=d et `x: 1`."))


@pytest.mark.parametrize("path", french_bank_files(), ids=lambda path: path.name)
def test_bank_text(path):
    problems = [problem for text in bank_file_strings(path)
                for problem in typography_problems(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", FRENCH_NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_text(path):
    problems = [problem for source in markdown_cells(path) for problem in typography_problems(source)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", FRENCH_PAGES, ids=lambda path: path.name)
def test_page_text(path):
    problems = typography_problems(page_prose(path))
    assert not problems, "\n".join(problems)


def test_the_lms_adapter_notices():
    notices = adapter_notices()
    assert set(notices) == {"NOT_RECORDED", "NOT_TRACKED", "TRACKED"}  # the reading finds them all
    problems = [problem for text in notices.values() for problem in typography_problems(text)]
    assert not problems, "\n".join(problems)


def test_numbers_are_written_the_french_way_by_one_helper():
    from course.typography import decimal, short

    assert (decimal(2.5), decimal(87.236, 0), decimal(None), decimal(None, missing="—")) == ("2,50", "87", "", "—")
    assert (short(0.5), short(2.0), short(1.256), short(6)) == ("0,5", "2", "1,26", "6")
