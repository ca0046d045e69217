"""Every figure in data/ names a known source; a bad row is reported with its line."""

from __future__ import annotations

import shutil

import pytest

from course.stats import StatsError, load_figures
from course.sources import load_sources


def test_every_figure_has_a_known_source_and_a_number():
    figures = load_figures()
    sources = load_sources()
    assert set(figures["source"]) <= set(sources)
    assert figures["value"].dtype == float


def test_every_source_has_a_parseable_date():
    for source in load_sources().values():
        assert source.date_label  # '2019-03-13' -> '13 mars 2019'
    assert load_sources()["seed-001"].date_label == "13 mars 2019"


@pytest.mark.parametrize("change, message", [
    (("seed-001,§ 2", "seed-404,§ 2"), "source « seed-404 » inconnue"),
    (("2019-03-13,seed-001,§ 2", "2019-03-13,,§ 2"), "colonne « source » vide"),
    (("12800,abonnés", "douze mille,abonnés"), "valeur « douze mille » non numérique"),
    (("12800,abonnés", "12800,fans"), "unité « fans » inconnue"),
    ((",2019-03-13,seed-001,§ 2", ",13/03/2019,seed-001,§ 2"), "date « 13/03/2019 » illisible"),
    ((",2019-03-13,seed-001,§ 2", ",2019-02-30,seed-001,§ 2"), "date « 2019-02-30 » illisible"),
    (("abonnes-kierzek-2019,", "abonnes-dupagne-2019,"), "identifiant « abonnes-dupagne-2019 » en double"),
])
def test_a_bad_row_is_named(tmp_path, change, message):
    shutil.copytree(__import__("conftest").REPO / "data", tmp_path / "data")
    table = tmp_path / "data" / "chiffres.csv"
    text = table.read_text(encoding="utf-8")
    assert change[0] in text
    table.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(StatsError, match=message) as caught:
        load_figures(table, tmp_path / "data" / "sources.csv")
    assert "chiffres.csv, ligne " in str(caught.value)
    if "double" not in message:
        assert "chiffres.csv, ligne 2 (« abonnes-dupagne-2019 »)" in str(caught.value)
