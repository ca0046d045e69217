"""Charts plot the table's own values, say what each bar measures and when, name their sources in a short caption
with the full provenance one click away, and read well in a notebook at 100 % zoom."""

from __future__ import annotations

import base64
import functools
import html
import io
import itertools
import re

import matplotlib.dates as mdates
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from PIL import Image

from course.charts import CHARTS, amount, build_chart, date_label, quantity, source_name, sources_line, spread
from course.sources import load_sources
from course.typography import learner_text
from course.stats import load_events, load_figures

BAR_CHARTS = sorted(set(CHARTS) - {"chronologie"})
# JupyterLab's output column at 100 % zoom, measured in Chromium with the file browser open: 848 CSS pixels in a
# 1280-pixel window, 968 in a 1400-pixel one; 800 leaves a margin. A wider image is scaled down, its text with it.
NOTEBOOK_COLUMN = 800
SMALLEST_TEXT = 10  # CSS pixels
CAPTION_LIMIT = 220  # characters: two lines under the figure
# Words of the people who checked the figures, never of the learners'.
JARGON = ["confiance", "seconde vérification", "fiche de référence", "chiffre(s)"]
# Sites through which a figure was read (relays), named in the sources table, never in what a learner sees first.
RELAYS = ["whizbuddy", "iPhone in Canada", "Indian Express", "Insider Monkey", "Digital Information World",
          "xpilot", "adrenalead", "daily8", "egora", "storyboard18", "phonandroid", "lemediaplus", "challenge.ma",
          "thegulfobserver", "wenewstw", "allafrica", "freedombunker", "networkingplus"]


@pytest.fixture(scope="module")
def built():
    """Each chart and the HTML a learner receives, built once for the module (rendering takes a moment)."""
    return {name: (chart := build_chart(name), chart.to_html()) for name in CHARTS}


@pytest.fixture(scope="module")
def texts(built):
    """The texts a learner sees in each chart, drawn once."""
    return {name: drawn_texts(chart.figure) for name, (chart, _page) in built.items()}


# --- Helpers, also used by test_explorer.py --------------------------------------------------------------------

def drawn(figure):
    """The figure drawn by Agg, as in its PNG (a figure closed by pyplot has lost its Agg canvas)."""
    if not hasattr(figure.canvas, "get_renderer"):
        FigureCanvasAgg(figure)
    figure.canvas.draw()
    return figure


def drawn_texts(figure) -> list[Text]:
    """The texts a learner sees in a figure: visible, not empty, tick labels only where the axis shows them
    (the figure is drawn first)."""
    drawn(figure)
    shown = []
    for text in figure.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        shown.append(text)
    hidden = set()
    for axis in figure.axes:
        for scale in (axis.xaxis, axis.yaxis):
            low, high = sorted(scale.get_view_interval())
            for tick in scale.get_major_ticks():
                if not scale.get_visible() or not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden.update({tick.label1, tick.label2})
            if not scale.get_visible():
                hidden.update({scale.label, scale.get_offset_text()})
    return [text for text in shown if text not in hidden]


def css_pixels_per_point(page: str) -> tuple[int, float]:
    """(the figure's width in CSS pixels, CSS pixels per typographic point) as the notebook shows the image."""
    width = int(re.search(r'<img [^>]*width="(\d+)"', page).group(1))
    image = Image.open(io.BytesIO(base64.b64decode(re.search(r'base64,([^"]+)"', page).group(1))))
    inches = image.size[0] / image.info["dpi"][0]
    return width, width / inches / 72


def too_small(texts: list[Text], page: str) -> list[str]:
    """Texts smaller than SMALLEST_TEXT CSS pixels where the notebook shows the page's image."""
    width, scale = css_pixels_per_point(page)
    shown = min(1, NOTEBOOK_COLUMN / width)  # a wider image is scaled down to the column
    return [f"« {text.get_text()} » : {text.get_fontsize() * scale * shown:.1f} px" for text in texts
            if text.get_fontsize() * scale * shown < SMALLEST_TEXT]


def overlapping(texts: list[Text]) -> list[str]:
    """Pairs of texts whose boxes, as drawn, intersect (the figure must have been drawn)."""
    renderer = texts[0].figure.canvas.get_renderer() if texts else None
    boxes = [(text, text.get_window_extent(renderer).expanded(1, 1).padded(-0.5)) for text in texts]
    pairs = itertools.combinations(boxes, 2)
    return [f"« {a.get_text()} » / « {b.get_text()} »" for (a, box_a), (b, box_b) in pairs if box_a.overlaps(box_b)]


def unfrench_ticks(figure) -> list[str]:
    """Tick labels and offset texts that a French reader would not write: '1e9', '2.5', an offset '×1e9' (the
    figure must have been drawn)."""
    problems = []
    for axis in figure.axes:
        for scale in (axis.xaxis, axis.yaxis):
            if not scale.get_visible():
                continue
            texts = [label.get_text() for label in scale.get_ticklabels()] + [scale.get_offset_text().get_text()]
            problems += [text for text in texts if re.search(r"e\+|1e|\d\.\d", text)]
            if scale.get_offset_text().get_text():
                problems.append(f"décalage d'axe : {scale.get_offset_text().get_text()}")
    return problems


def visible_html(page: str) -> str:
    """What a learner sees without clicking: the page minus the folded <details>, tags and image data removed."""
    page = re.sub(r"<details.*?</details>", " ", page, flags=re.S)
    page = re.sub(r'src="[^"]*"', "", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@functools.cache
def internal_ids() -> frozenset[str]:
    """Row ids of the tables (figures, events, sources with a compound id: 'csp' could be a word)."""
    return frozenset(set(load_figures()["id"]) | set(load_events()["id"]) | {
        source_id for source_id in load_sources() if "-" in source_id})


def insider_words(text: str) -> list[str]:
    """Internal ids, checkers' words and relay sites found in a text meant for learners."""
    found = [row_id for row_id in internal_ids() if re.search(rf"(?<![\w-]){re.escape(row_id)}(?![\w-])", text)]
    return found + [word for word in JARGON + RELAYS if word.lower() in text.lower()]


def badly_agreed(alt: str) -> list[str]:
    """'4 chiffre', '1 chiffres', 'chiffre(s)': a number and its noun that do not agree."""
    return (re.findall(r"\b(?:[02-9]|\d\d+) (?:chiffre|année|plateforme|date)\b(?!s)", alt)
            + re.findall(r"\b1 \w+s\b", alt) + re.findall(r"\w\(s\)", alt))


# --- What a chart shows -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", BAR_CHARTS)
def test_bar_charts_plot_the_table_values(name, built):
    chart, _page = built[name]
    figures = load_figures()
    assert chart.values, "a chart must plot something"
    for row_id, value in chart.values.items():
        assert figures.loc[row_id, "value"] == value
    labels = " ".join(text.get_text() for axis in chart.figure.axes for text in axis.texts)
    for row_id, value in chart.values.items():
        assert amount(value, figures.loc[row_id, "unit"]) in labels  # each bar carries its own value


# --- Charts that do not mislead -------------------------------------------------------------------------------

def bars_by_axis(figure) -> list[tuple[object, list[str]]]:
    """Each axis of a figure with the row ids of the bars drawn on it (a bar's gid is its row id)."""
    return [(axis, [patch.get_gid() for patch in axis.patches if patch.get_gid()]) for axis in figure.axes]


# What a world figure counts, read from the table's own words (the start of its measure), not from the chart's code.
KINDS = ("utilisateurs actifs mensuels", "utilisateurs actifs quotidiens", "portée publicitaire", "membres inscrits",
         "visiteurs mensuels déclarés", "identités d'utilisateurs")


def kind(measure: str) -> str:
    return next((start for start in KINDS if measure.startswith(start)), measure)


def test_every_bar_says_which_figure_it_is(built):
    """The tests below read each bar's figure from its gid: every bar of the three charts has one."""
    for name in ("plateformes_monde", "france", "maroc"):
        chart, _page = built[name]
        drawn_ids = [row_id for _axis, ids in bars_by_axis(chart.figure) for row_id in ids]
        assert sorted(drawn_ids) == sorted(chart.values), name
        assert all(patch.get_gid() for axis in chart.figure.axes for patch in axis.patches), name


def test_each_panel_of_the_world_chart_holds_a_single_kind_of_measure(built):
    chart, _page = built["plateformes_monde"]
    figures = load_figures()
    panels = [(axis, ids) for axis, ids in bars_by_axis(chart.figure) if ids]
    assert sorted(row_id for _axis, ids in panels for row_id in ids) == sorted(chart.values)
    seen = set()
    for axis, ids in panels:
        kinds = {kind(figures.loc[row_id, "measure"]) for row_id in ids}
        assert len(kinds) == 1, f"mesures différentes sur un même axe : {ids}"
        assert len(set(figures.loc[ids, "unit"])) == 1, ids
        (what,) = kinds
        title = axis.get_title(loc="left").replace("’", "'").lower()
        assert what in title, f"le titre « {axis.get_title(loc='left')} » ne dit pas ce qu'il mesure ({what})"
        assert re.search(r"\(en (milliards|millions)\)", title), "le titre donne l'unité de l'axe"
        assert what not in seen, f"une mesure, un panneau : {what}"
        seen.add(what)
    assert {"utilisateurs actifs mensuels", "portée publicitaire", "membres inscrits",
            "visiteurs mensuels déclarés"} <= seen  # one panel each


def test_the_world_panels_have_their_own_axes_and_every_bar_its_date(built):
    chart, _page = built["plateformes_monde"]
    figures = load_figures()
    panels = [(axis, ids) for axis, ids in bars_by_axis(chart.figure) if ids]
    assert all(axis.get_shared_x_axes().get_siblings(axis) == [axis] for axis, _ids in panels)
    for axis, ids in panels:
        labels = " ".join(text.get_text() for text in axis.texts)
        for row_id in ids:
            assert f"{amount(figures.loc[row_id, 'value'])} — {date_label(figures.loc[row_id, 'as_of'])}" in labels
    assert "3,07\u00a0milliards — 31 déc. 2023" in " ".join(text.get_text() for text in chart.figure.axes[0].texts)
    assert "ne pas comparer" in chart.figure._suptitle.get_text()


def test_the_checks_catch_two_kinds_of_measure_on_one_axis():
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots()
    bars = axis.barh(["Facebook", "LinkedIn"], [3.07e9, 1e9])
    for bar, row_id in zip(bars, ["utilisateurs-facebook-2023", "linkedin-membres-2024"]):
        bar.set_gid(row_id)
    (_axis, ids), = bars_by_axis(figure)
    assert len({kind(load_figures().loc[row_id, "measure"]) for row_id in ids}) == 2
    plt.close(figure)


# Editions of one survey whose change the source states itself: never drawn side by side as comparable bars.
SURVEY_SERIES = {"Médiamétrie": "mediametrie-usage-quotidien-"}


def test_the_france_chart_never_sets_two_mediametrie_editions_side_by_side(built):
    chart, _page = built["france"]
    figures = load_figures()
    for prefix in SURVEY_SERIES.values():
        editions = [row_id for row_id in chart.values if row_id.startswith(prefix)]
        assert editions, "le graphique de la France montre l'usage quotidien mesuré par Médiamétrie"
        for _axis, ids in bars_by_axis(chart.figure):
            assert len([row_id for row_id in ids if row_id.startswith(prefix)]) <= 1, ids
        if len(editions) > 1:  # drawn apart, then the caption says the change as the source states it
            assert "+ 4 points" in chart.caption.replace("\u00a0", " ")
    latest = figures[figures["id"].str.startswith(SURVEY_SERIES["Médiamétrie"])].sort_values("as_of")["id"].iloc[-1]
    assert latest in chart.values  # the latest edition, when only one is drawn
    assert "+ 4 points" in chart.caption.replace("\u00a0", " ") and "pas + 6" in chart.caption.replace("\u00a0", " ")


def test_france_chart_keeps_shares_and_counts_on_separate_axes(built):
    chart, _page = built["france"]
    assert len(chart.figure.axes) == 2
    assert "%" in chart.figure.axes[0].get_title() and "millions" in chart.figure.axes[1].get_title()


# The charts of one country and the country they describe.
COUNTRY_CHARTS = {"france": "France", "maroc": "Maroc"}
UNVERIFIED = re.compile(r"non vérifiée?|confiance\s*:\s*basse")


@pytest.mark.parametrize("name", sorted(COUNTRY_CHARTS))
def test_a_country_chart_draws_only_that_countrys_verified_figures(name, built):
    chart, _page = built[name]
    figures = load_figures()
    assert COUNTRY_CHARTS[name] in chart.figure._suptitle.get_text()
    for row_id in chart.values:
        row = figures.loc[row_id]
        assert row["geography"] == COUNTRY_CHARTS[name], row_id
        assert not UNVERIFIED.search(row["note"]), f"chiffre non vérifié dessiné : {row_id}"
        assert not row["source"].startswith("seed-"), f"chiffre d'un article dessiné comme une mesure : {row_id}"


def test_the_morocco_chart_leaves_out_the_articles_untraced_figures_and_says_so(built):
    chart, page = built["maroc"]
    figures = load_figures()
    article = figures[(figures["geography"] == "Maroc") & figures["source"].str.startswith("seed-")]
    assert not set(article["id"]) & set(chart.values)
    drawn_text = " ".join(text.get_text() for axis in chart.figure.axes for text in axis.texts)
    assert "84\u00a0%" not in drawn_text and "59\u00a0%" not in drawn_text
    assert "pas dessinés" in chart.caption
    # a row kept for an untraced figure says why it is not drawn
    for row in article.itertuples():
        assert "jamais dessiné" in row.note, row.id
    # each panel holds one base: the whole population (DataReportal) or the surveyed adults (Sunergia)
    for _axis, ids in bars_by_axis(chart.figure):
        assert len(set(figures.loc[ids, "population"])) == 1 and len(set(figures.loc[ids, "source"])) == 1, ids


def test_the_checks_catch_an_unverified_figure():
    assert UNVERIFIED.search("non vérifié : aucune enquête marocaine trouvée")
    assert UNVERIFIED.search("origine non vérifiée : proche de DataReportal")
    assert UNVERIFIED.search("chiffre de l'entreprise ; confiance : basse")
    assert not UNVERIFIED.search("sondage ; confiance : moyenne")


def test_timeline_places_every_event_at_its_date(built):
    chart, _page = built["chronologie"]
    events = load_events()
    points = sorted(float(line.get_ydata()[0]) for line in chart.figure.axes[0].lines
                    if line.get_marker() in ("o", "s"))
    assert points == sorted(float(value) for value in mdates.date2num(events["when"]))
    squares = [line for line in chart.figure.axes[0].lines if line.get_marker() == "s"]
    assert len(squares) == events["source"].str.startswith("seed-").sum()  # the course's articles stand out


def test_timeline_labels_never_overlap_and_each_names_its_date(built, texts):
    chart, _page = built["chronologie"]
    labels = list(chart.figure.axes[0].texts)
    assert len(labels) == len(load_events())
    assert not overlapping(labels)
    for label, row in zip(labels, load_events().itertuples()):
        assert row.date[:4] in label.get_text()
    renderer = chart.figure.canvas.get_renderer()
    connectors = [line for line in chart.figure.axes[0].lines if line.get_marker() in ("None", "", None)]
    assert len(connectors) == len(labels)
    rightmost = max(line.get_window_extent(renderer).x1 for line in connectors)
    assert rightmost < min(label.get_window_extent(renderer).x0 for label in labels)  # no line crosses a label


def test_label_spreading_keeps_order_and_gaps_and_stays_near_the_dates():
    wanted = [0, 1, 2, 50, 51, 100]  # three crowded, two crowded, one alone
    sizes = [10] * 6
    centres = spread(wanted, sizes, low=-100, high=200, gap=2)
    assert all(after - before >= 12 - 1e-9 for before, after in zip(centres, centres[1:]))
    assert centres[-1] == pytest.approx(100)  # a label with room stays at its date
    assert sum(centres[:3]) / 3 == pytest.approx(1)  # a crowd spreads around its middle
    assert spread([0, 0], [10, 10], low=0, high=100, gap=0)[0] == pytest.approx(5)  # and stays inside the axis


# --- Readable at 100 % zoom ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_text_is_readable_at_the_natural_width_in_a_notebook(name, built, texts):
    _chart, page = built[name]
    width, _scale = css_pixels_per_point(page)
    assert width <= NOTEBOOK_COLUMN, f"{width} px : l'image serait réduite dans la colonne du notebook"
    problems = too_small(texts[name], page)
    assert not problems, problems


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_no_two_texts_of_a_chart_overlap(name, texts):
    problems = overlapping(texts[name])
    assert not problems, problems


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_ticks_are_written_the_french_way(name, built, texts):
    chart, _page = built[name]
    assert not unfrench_ticks(chart.figure)


def test_the_checks_catch_small_crowded_and_english_figures():
    import matplotlib.pyplot as plt

    from course.charts import Chart

    figure, axis = plt.subplots(figsize=(11, 3), dpi=100)
    axis.barh(["a", "b"], [1e9, 2.5e9])
    axis.text(0, 0, "tiny", fontsize=6)
    axis.text(0, 0, "tiny too", fontsize=6)
    page = Chart(figure, "", "", {}).to_html()
    assert css_pixels_per_point(page)[0] > NOTEBOOK_COLUMN
    assert any("tiny" in problem for problem in too_small(drawn_texts(figure), page))
    assert overlapping([text for text in axis.texts])
    assert unfrench_ticks(figure)  # matplotlib's own '1e9' offset
    plt.close(figure)


# --- Captions, alt texts, provenance --------------------------------------------------------------------------

def _table(name):
    return load_events() if name == "chronologie" else load_figures()


def _named_and_dated(caption: str, name: str, year: str) -> bool:
    """name (… year …) or name (… 2011-2025 …) with year inside the span."""
    match = re.search(rf"{re.escape(name)} \(([^)]*)\)", caption)
    if not match:
        return False
    dates = match.group(1)
    spans = [(int(low), int(high)) for low, high in re.findall(r"(\d{4})-(\d{4})", dates)]
    return year in dates or any(low <= int(year) <= high for low, high in spans)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_the_caption_names_each_source_and_its_date_in_two_lines(name, built):
    chart, _page = built[name]
    sources = load_sources()
    assert chart.caption.startswith("Source") and len(chart.caption) <= CAPTION_LIMIT
    for source_id in {_table(name).loc[row_id, "source"] for row_id in chart.values}:
        source = sources[source_id]
        named = [source_name(source)] + (["articles du cours"] if source.origin == "seed" else [])
        assert any(_named_and_dated(chart.caption, each, source.date[:4]) for each in named), source_id


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_the_full_provenance_is_one_click_away(name, built):
    chart, page = built[name]
    sources = load_sources()
    folded = re.search(r"<details[^>]*><summary>Provenance détaillée des chiffres</summary>(.*)</details>", page,
                       flags=re.S)
    assert folded, "la provenance détaillée doit être repliée sous le graphique"
    for row_id in chart.values:
        source = sources[_table(name).loc[row_id, "source"]]
        assert f"<code>{row_id}</code>" in folded.group(1)
        assert html.escape(learner_text(source.title)) in folded.group(1)
    assert "confiance" not in folded.group(1)  # said in plain words: « chiffre à confirmer »…
    assert "'" not in html.unescape(re.sub(r"<[^>]+>", " ", folded.group(1)))


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_what_a_learner_sees_first_has_no_internal_ids_nor_checkers_words(name, built, texts):
    chart, page = built[name]
    figure_texts = " ".join(text.get_text() for text in texts[name])
    for text in (chart.caption, chart.alt, figure_texts, visible_html(page)):
        assert not insider_words(text), insider_words(text)
        assert "'" not in text  # curly apostrophes only


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_the_alt_text_says_what_the_chart_shows_in_one_or_two_french_sentences(name, built):
    chart, page = built[name]
    assert chart.alt and len(chart.alt) < 400 and f'alt="{html.escape(chart.alt)}"' in page
    assert len(re.findall(r"[.!?](?:\s+[A-ZÀ-Ý]|$)", chart.alt)) <= 2
    assert not badly_agreed(chart.alt)


def test_the_checks_catch_ids_jargon_and_bad_agreement():
    assert insider_words("voir facebook-mau-2021-09") == ["facebook-mau-2021-09"]
    assert insider_words("Meta ; confiance : haute") == ["confiance"]
    assert insider_words("relayé par whizbuddy.com") == ["whizbuddy"]
    assert not insider_words("Sources : Meta (31 déc. 2023) et Microsoft (janv. 2024).")
    assert badly_agreed("Diagramme de 4 chiffre(s)") and badly_agreed("1 chiffres") and badly_agreed("4 chiffre en")
    assert not badly_agreed("Diagramme de 4 chiffres et d’un seul chiffre, 1 milliard")


def test_sources_are_named_by_who_produced_the_figure_not_by_the_relay():
    sources = load_sources()
    assert source_name(sources["linkedin-membres-2024"]) == "Microsoft"
    assert source_name(sources["datareportal-france-2025"]) == "DataReportal"
    assert source_name(sources["meta-t4-2023"]) == "Meta"
    line = sources_line(["meta-t4-2023", "meta-appel-t3-2025", "x-utilisateurs-2024"])
    assert line == "Sources\u00a0: Meta (31 déc. 2023, 29 oct. 2025) et X (19 mars 2024)."
    long = sources_line(list(sources))  # every source at once: shortened to the limit
    assert len(long) <= CAPTION_LIMIT or "articles du cours" in long


def test_audiences_chart_says_when_the_counts_were_taken(built):
    chart, _page = built["audiences_2019"]
    assert "13 mars 2019" in chart.caption and "profilmedecin.fr" in chart.caption
    labels = [text.get_text() for text in chart.figure.axes[0].get_legend().get_texts()]
    assert "Twitter (X depuis juillet 2023)" in labels  # a 2019 figure is not an X figure


def test_french_number_and_date_formats():
    assert amount(3.07e9) == "3,07\u00a0milliards" and amount(1.59e9) == "1,59\u00a0milliard"
    assert amount(946e6) == "946\u00a0millions" and amount(12800) == "12\u202f800"
    assert amount(59.3, "%") == "59,3\u00a0%" and amount(84, "%") == "84\u00a0%"
    assert amount(2009, "année") == "2009" and amount(0.5) == "0,5"
    assert date_label("2023-12-31") == "31 déc. 2023" and date_label("2025-09") == "sept. 2025"
    assert learner_text("l'article : « oui »") == "l’article\u00a0: «\u00a0oui\u00a0»"
    assert quantity(550e6, "personnes") == "550\u00a0millions de personnes"
    assert quantity(3.2e6, "abonnés") == "3,2\u00a0millions d’abonnés"
    assert quantity(12800, "abonnés") == "12\u202f800 abonnés"
    assert quantity(1, "publications par semaine") == "1 publication par semaine" and quantity(1, "mois") == "1 mois"
    assert quantity(5, "année d'études") == "5e année d’études"


def test_an_unknown_chart_is_a_clear_error():
    with pytest.raises(KeyError, match="Aucun graphique « inconnu »"):
        build_chart("inconnu")
