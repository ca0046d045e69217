"""Charts plot the table's own values, say what each bar measures and when, and name their sources."""

from __future__ import annotations

import pytest

from course.charts import CHARTS, amount, build_chart, date_label
from course.sources import load_sources
from course.stats import load_events, load_figures
from course.typography import french

BAR_CHARTS = sorted(set(CHARTS) - {"chronologie"})


@pytest.mark.parametrize("name", BAR_CHARTS)
def test_bar_charts_plot_the_table_values(name):
    chart = build_chart(name)
    figures = load_figures()
    assert chart.values, "a chart must plot something"
    for row_id, value in chart.values.items():
        assert figures.loc[row_id, "value"] == value
    labels = " ".join(text.get_text() for axis in chart.figure.axes for text in axis.texts)
    for row_id, value in chart.values.items():
        assert amount(value, figures.loc[row_id, "unit"]) in labels  # each bar carries its own value


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_names_its_sources_and_has_an_alt_text(name):
    chart = build_chart(name)
    sources = load_sources()
    table = load_events() if name == "chronologie" else load_figures()
    for source_id in {table.loc[row_id, "source"] for row_id in chart.values}:
        assert french(sources[source_id].title) in chart.caption
    assert chart.caption.startswith("Source")
    assert chart.alt and len(chart.alt) < 400
    assert 'alt="' in chart.to_html() and "<figcaption>" in chart.to_html()


def test_world_chart_says_what_each_bar_counts_and_when():
    chart = build_chart("plateformes_monde")
    labels = [text.get_text() for text in chart.figure.axes[0].get_legend().get_texts()]
    assert "portée publicitaire" in labels and "membres inscrits" in labels
    assert "visiteurs mensuels déclarés par X, non audités" in labels
    bar_labels = " ".join(text.get_text() for text in chart.figure.axes[0].texts)
    assert "3,07\u00a0milliards — 31 déc. 2023" in bar_labels
    assert "ne pas comparer" in chart.figure._suptitle.get_text()


def test_morocco_chart_flags_the_unverified_figures():
    chart = build_chart("maroc")
    hatched = [patch for patch in chart.figure.axes[0].patches if patch.get_hatch()]
    assert len(hatched) == 2  # the article's 59 % and 84 %
    assert "84\u00a0%" in " ".join(text.get_text() for text in chart.figure.axes[0].texts)


def test_france_chart_keeps_shares_and_counts_on_separate_axes():
    chart = build_chart("france")
    assert len(chart.figure.axes) == 2
    assert "%" in chart.figure.axes[0].get_title() and "millions" in chart.figure.axes[1].get_title()


def test_timeline_places_every_event_at_its_date():
    chart = build_chart("chronologie")
    events = load_events()
    import matplotlib.dates as mdates

    points = sorted(float(mdates.date2num(line.get_xdata()[0])) for line in chart.figure.axes[0].lines
                    if line.get_marker() == "o")
    assert points == sorted(float(value) for value in mdates.date2num(events["when"]))


def test_audiences_chart_says_when_the_counts_were_taken():
    chart = build_chart("audiences_2019")
    assert "13 mars 2019" in chart.caption and "profilmedecin.fr" in chart.caption
    labels = [text.get_text() for text in chart.figure.axes[0].get_legend().get_texts()]
    assert "Twitter (X depuis juillet 2023)" in labels  # a 2019 figure is not an X figure


def test_french_number_and_date_formats():
    assert amount(3.07e9) == "3,07\u00a0milliards" and amount(1.59e9) == "1,59\u00a0milliard"
    assert amount(946e6) == "946\u00a0millions" and amount(12800) == "12\u202f800"
    assert amount(59.3, "%") == "59,3\u00a0%" and amount(84, "%") == "84\u00a0%"
    assert date_label("2023-12-31") == "31 déc. 2023" and date_label("2025-09") == "sept. 2025"


def test_an_unknown_chart_is_a_clear_error():
    with pytest.raises(KeyError, match="Aucun graphique « inconnu »"):
        build_chart("inconnu")
