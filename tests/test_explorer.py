"""The statistics explorer: choosing a platform and a measure updates the chart and the sources."""

from __future__ import annotations

from course.explorer import StatisticsExplorer
from course.stats import load_figures


def test_choosing_a_platform_and_a_measure_updates_chart_and_sources():
    explorer = StatisticsExplorer()
    assert explorer.platform.value == "Facebook" and explorer.unit.value == "personnes"
    facebook = load_figures().query("platform == 'Facebook' and unit == 'personnes'")
    assert explorer.current.values == dict(zip(facebook["id"], facebook["value"]))
    assert "Meta" in explorer.sources.value and "<img" in explorer.chart.value
    explorer.platform.value = "Instagram"
    figures = load_figures()
    instagram = figures[(figures["platform"] == "Instagram") & (figures["unit"] == explorer.unit.value)]
    assert set(explorer.current.values) == set(instagram["id"])
    assert explorer.sources.value.count("<li>") == len(instagram)  # one source line per plotted figure


def test_units_are_never_mixed_on_one_chart():
    explorer = StatisticsExplorer()
    explorer.platform.value = "toutes"
    for unit in explorer.unit.options:
        explorer.unit.value = unit
        units = set(load_figures().loc[list(explorer.current.values), "unit"])
        assert units == {unit}


def test_the_measure_list_follows_the_platform():
    explorer = StatisticsExplorer()
    explorer.platform.value = "X (ex-Twitter)"
    assert set(explorer.unit.options) == set(load_figures().query("platform == 'X (ex-Twitter)'")["unit"])
    assert "caractères" in explorer.unit.options
