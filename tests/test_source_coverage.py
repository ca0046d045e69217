"""Every fact of the five source articles is taught somewhere, or left out on purpose with a reason.

data/couverture.csv lists the points of each source article; a taught point names where it is taught
(bank item ids, or notebooks) and a keyword that must appear there. Removing the fact from that place
makes this test fail."""

from __future__ import annotations

import csv
import functools
import re

import pytest

from conftest import REPO
from course.bank import load_bank
from course.bank.serialize import item_to_data
from learner_text import markdown_cells, strings

TABLE = REPO / "data" / "couverture.csv"
SEEDS = {f"seed-00{number}" for number in range(5)}


def rows() -> list[dict]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def normalise(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text.replace("’", "'")).lower()


@functools.cache
def place_text(place: str) -> str | None:
    """The text a learner reads at a place: a bank item (all its texts) or a notebook (markdown)."""
    if place.endswith(".ipynb"):
        path = REPO / "notebooks" / place
        if not path.exists():
            return None
        return normalise("\n".join(markdown_cells(path)))
    item = _bank().items.get(place)
    return normalise("\n".join(strings(item_to_data(item)))) if item else None


@functools.cache
def _bank():
    return load_bank()


def test_the_table_covers_each_source_article():
    counts = {seed: 0 for seed in SEEDS}
    for row in rows():
        assert row["source"] in SEEDS, f"source inconnue : {row['source']}"
        counts[row["source"]] += 1
    assert all(count >= 8 for count in counts.values()), counts


@pytest.mark.parametrize("row", rows(), ids=lambda row: f"{row['source']}:{row['point'][:40]}")
def test_each_point_is_taught_where_the_table_says_or_left_out_with_a_reason(row):
    if row["status"] == "écarté":
        assert row["reason"].strip(), "un point écarté doit dire pourquoi"
        return
    assert row["status"] == "enseigné", f"statut inconnu : {row['status']}"
    places = [place.strip() for place in row["where"].split(";") if place.strip()]
    assert places, "un point enseigné doit dire où"
    for place in places:
        text = place_text(place)
        assert text is not None, f"« {place} » n'existe pas (ni question de la banque, ni notebook)"
        assert normalise(row["keyword"]) in text, f"« {row['keyword']} » n'apparaît pas dans {place}"
