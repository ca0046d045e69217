"""Charts plot the table's own values, and their caption names the source and its date."""

from __future__ import annotations

import pytest

from course.charts import CHARTS, build_chart
from course.stats import load_figures


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_plots_the_table_values_and_names_its_sources(name):
    chart = build_chart(name)
    figures = load_figures()
    assert chart.values, "a chart must plot something"
    for figure_id, value in chart.values.items():
        assert figures.loc[figure_id, "value"] == value
    drawn = sorted(patch.get_width() for patch in chart.figure.axes[0].patches if patch.get_width() > 0)
    assert drawn == sorted(chart.values.values())
    assert chart.caption.startswith("Source")
    assert chart.alt and len(chart.alt.split(".")) <= 3
    assert 'alt="' in chart.to_html() and "<figcaption>" in chart.to_html()


def test_audiences_chart_says_when_the_counts_were_taken():
    chart = build_chart("audiences_2019")
    assert "13 mars 2019" in chart.caption and "profilmedecin.fr" in chart.caption
    assert "13 mars 2019" in chart.figure.axes[0].get_xlabel()
    labels = [text.get_text() for text in chart.figure.axes[0].get_legend().get_texts()]
    assert "Twitter (X depuis juillet 2023)" in labels  # a 2019 figure is not an X figure


def test_numbers_are_written_the_french_way():
    chart = build_chart("audiences_2019")
    bar_labels = [text.get_text() for text in chart.figure.axes[0].texts]
    assert "21\u202f900" in bar_labels


def test_an_unknown_chart_is_a_clear_error():
    with pytest.raises(KeyError, match="Aucun graphique « inconnu »"):
        build_chart("inconnu")
