"""The statistics explorer: choosing a platform and a measure updates the chart and the sources, and every view
reads well for a learner (French ticks, readable and separate labels, no internal ids, provenance folded)."""

from __future__ import annotations

import re

import pytest

from course import charts
from course.explorer import StatisticsExplorer
from course.stats import load_figures
from test_charts import (badly_agreed, css_pixels_per_point, drawn_texts, insider_words, overlapping, too_small,
                         unfrench_ticks, visible_html)


def values(dropdown) -> list[str]:
    return [value for _label, value in dropdown.options]


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
    shown = re.sub(r"<details.*</details>", "", explorer.sources.value, flags=re.S)
    assert shown.count("<li>") == len(instagram)  # one source line per plotted figure
    for row_id in instagram["id"]:  # and each figure's full provenance one click away
        assert f"<code>{row_id}</code>" in re.search(r"<details.*</details>", explorer.sources.value, re.S).group()


@pytest.fixture(scope="module")
def every_measure():
    """Every measure of « toutes les plateformes », as the explorer shows it (drawn once for the module; PNGs at
    one pixel per CSS pixel, twice as fast: sizes in CSS pixels do not change)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "PIXEL_RATIO", 1)
        yield _every_measure()


def _every_measure():
    explorer = StatisticsExplorer()
    explorer.platform.value = "toutes"
    views = []
    for unit in values(explorer.unit):
        explorer.unit.value = unit
        texts = drawn_texts(explorer.current.figure)
        views.append((unit, explorer.current, explorer.chart.value, explorer.sources.value, texts))
    return views


def test_units_are_never_mixed_on_one_chart(every_measure):
    figures = load_figures()
    assert {unit for unit, *_rest in every_measure} == set(figures["unit"])
    for unit, chart, _page, _sources, _texts in every_measure:
        assert set(figures.loc[list(chart.values), "unit"]) == {unit}


def test_every_view_is_readable_at_100_percent_with_french_ticks(every_measure):
    for unit, chart, page, _sources, texts in every_measure:
        assert css_pixels_per_point(page)[0] <= 800, unit
        assert not too_small(texts, page), (unit, too_small(texts, page))
        assert not overlapping(texts), (unit, overlapping(texts))
        assert not unfrench_ticks(chart.figure), (unit, unfrench_ticks(chart.figure))


def test_what_a_learner_sees_has_no_internal_ids_and_proper_french(every_measure):
    for unit, chart, page, sources, texts in every_measure:
        shown = [chart.caption, chart.alt, visible_html(page), visible_html(sources),
                 " ".join(text.get_text() for text in texts)]
        for text in shown:
            assert not insider_words(text), (unit, insider_words(text))
            assert "'" not in text, unit
        assert not badly_agreed(chart.alt), chart.alt
        assert "<details" in sources and "Provenance détaillée des chiffres" in sources


def test_the_alt_text_agrees_with_the_number_of_figures():
    explorer = StatisticsExplorer()
    explorer.platform.value = "LinkedIn"
    assert "un seul chiffre" in explorer.current.alt
    explorer.platform.value = "Facebook"
    assert f"{len(explorer.current.values)} chiffres" in explorer.current.alt


def test_the_measure_list_follows_the_platform():
    explorer = StatisticsExplorer()
    explorer.platform.value = "X (ex-Twitter)"
    assert set(values(explorer.unit)) == set(load_figures().query("platform == 'X (ex-Twitter)'")["unit"])
    assert "caractères" in values(explorer.unit)
    assert all("'" not in label for label, _value in explorer.unit.options)  # « année d’études »


def test_a_figure_of_untraced_origin_is_never_drawn(every_measure):
    figures = load_figures()
    untraced = set(figures[figures["note"].map(charts.unverified_origin)]["id"])
    assert "part-marocains-reseaux-2021" in untraced  # the article's « 59 % des Marocains inscrits »
    assert not charts.unverified_origin("« plus de » 12 800 ; instantané au 13 mars 2019 ; nombre actuel non vérifié")
    for unit, chart, _page, sources, _texts in every_measure:
        assert not untraced & set(chart.values), unit
        assert not any(f"<code>{row_id}</code>" in sources for row_id in untraced), unit
