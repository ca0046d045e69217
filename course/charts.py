"""Charts of the statistics table, one function each, in one style: French labels and numbers, a short caption
naming the sources and their dates, an alt text, a colour-blind-safe palette, and the full provenance of every
plotted figure folded under the chart. Figures measured differently (metrics, bases, editions of a survey) are
never put on one axis as if comparable: one panel per measure, each bar saying what it is and when; a figure whose
origin could not be traced is never drawn.

Sizes are chosen for a notebook at 100 % zoom: a figure is at most FIGURE_WIDTH inches wide and shown at DPI
CSS pixels per inch, so under 800 pixels, narrower than JupyterLab's output column (848 pixels in Chromium in a
1280-pixel window with the file browser open): it is shown at its natural width, never scaled down, and no text
is smaller than SMALL points, 12,5 pixels."""

from __future__ import annotations

import html
import io
import re
import struct
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # figures are rendered to PNG for display; no GUI backend needed
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .chart_html import DATA_PAGE, data_page_link, figure_html, folded_provenance  # noqa: E402,F401
from .sources import Source, load_sources  # noqa: E402
from .stats import load_events, load_figures  # noqa: E402
from .typography import learner_text, short, thousands  # noqa: E402

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PALETTE = {"X (ex-Twitter)": "#0072B2", "Instagram": "#CC79A7", "TikTok": "#009E73", "Facebook": "#E69F00",
           "autre": "#999999"}
_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]

DPI = 100  # CSS pixels per inch of a figure shown in a notebook
PIXEL_RATIO = 2  # the PNG holds twice as many pixels, for sharp text on high-density screens
FIGURE_WIDTH = 7.8  # inches: 780 CSS pixels, narrower than a notebook's output column at 100 % zoom
SMALL, NORMAL, TITLE = 9, 10, 12  # font sizes in points: 12,5, 13,9 and 16,7 CSS pixels
CAPTION_LIMIT = 220  # characters: two lines under a figure
TEXT_COLOR = "#222222"


@dataclass
class Chart:
    figure: plt.Figure
    caption: str  # the sources' short names and dates, at most two lines
    alt: str  # one or two sentences describing what the chart shows
    values: dict[str, float]  # what was plotted, by row id of the data table
    provenance: str = ""  # HTML: where each plotted figure comes from, folded under the chart

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=DPI * PIXEL_RATIO, bbox_inches="tight",
                            pil_kwargs={"compress_level": 1})  # twice as fast as the default, 6 % larger
        return buffer.getvalue()

    def svg(self) -> bytes:
        """The figure as SVG (text drawn as paths, as in the PNG), the same bytes at every build."""
        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "cours-reseaux-sociaux", "svg.fonttype": "path"}):
            self.figure.savefig(buffer, format="svg", dpi=DPI, bbox_inches="tight", metadata={"Date": None})
        return buffer.getvalue()

    def to_html(self) -> str:
        png = self.png()
        width = struct.unpack(">I", png[16:20])[0] // PIXEL_RATIO  # the PNG header holds the pixel width
        return figure_html(png, "image/png", width, self.alt, self.caption, self.provenance)


def svg_width(svg: bytes) -> int:
    """The CSS width of an SVG drawn by Chart.svg: its width in points (72 per inch) shown at DPI per inch."""
    points = float(re.search(rb'<svg[^>]*\swidth="([0-9.]+)pt"', svg).group(1))
    return round(points * DPI / 72)


def amount(value: float, unit: str = "") -> str:
    """3.07e9 -> '3,07 milliards'; 946e6 -> '946 millions'; 12800 -> '12 800'; 59 + '%' -> '59 %';
    2009 + 'année' -> '2009'; 0.5 -> '0,5'."""
    if unit == "%":
        return f"{short(value)}\u00a0%"
    if unit == "année":
        return f"{value:.0f}"
    for size, word in ((1e9, "milliard"), (1e6, "million")):
        if abs(value) >= size:
            number = value / size
            return f"{short(number)}\u00a0{word}{'s' if number >= 2 else ''}"
    return thousands(value) if value == int(value) else short(value)


def quantity(value: float, unit: str) -> str:
    """A value with its unit, in words: '550 millions de personnes', '1 publication par semaine', '59 %',
    '5e année d’études'."""
    if unit in ("%", "année", ""):
        return amount(value, unit)
    if unit == "année d'études":
        return f"{value:.0f}{'re' if value == 1 else 'e'} année d’études"
    first, _, rest = unit.partition(" ")
    if value < 2 and first.endswith("s") and first != "mois":  # '1 publication', '1,5 minute'
        unit = f"{first[:-1]} {rest}".strip()
    text = amount(value, unit)
    if re.search(r"milli(on|ard)s?$", text):
        return f"{text} {'d’' if unit[0] in 'aeiouyéèh' else 'de '}{unit}"
    return f"{text} {unit}"


def axis_scale(largest: float, unit: str) -> tuple[float, str]:
    """The divisor and its name for an axis reaching `largest`: ticks read '1,5' with 'en milliards' beside."""
    if unit in ("%", "année"):
        return 1, ""
    for size, word in ((1e9, "milliards"), (1e6, "millions")):
        if largest >= size:
            return size, word
    return 1, ""


def french_ticks(axis, unit: str = "", divisor: float = 1, nbins: int = 6) -> None:
    """French tick labels on a value axis (`axis.xaxis` or `axis.yaxis`): '2,5', '12 800', '20 %'; never '1e9'."""
    def label(value, _position):
        if unit == "%":
            return f"{short(value)}\u00a0%"
        if unit == "année":
            return f"{value:.0f}"
        value /= divisor
        return thousands(value) if abs(value - round(value)) < 1e-9 else short(value)

    axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10], integer=unit == "année"))
    axis.set_major_formatter(FuncFormatter(label))


def date_label(text: str) -> str:
    """'2023-12-31' -> '31 déc. 2023'; '2025-09' -> 'sept. 2025'; '2021' -> '2021'."""
    parts = text.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


# --- Sources, as a learner reads them -------------------------------------------------------------------------

# The name a learner knows a source by, when the publisher field names the site that relayed the figure or the
# article that quoted it rather than who produced it. Other sources: the publisher without its parentheses.
_SOURCE_NAMES = {
    "linkedin-membres-2024": "Microsoft",  # read on whizbuddy.com
    "x-utilisateurs-2024": "X",  # read on iPhone in Canada
    "instagram-2-milliards-2022": "Bloomberg",  # read in The Indian Express
    "seed-002": "blog d’un annuaire de praticiens",
}
_PUBLISHER_NAMES = {"Conseil national de l'Ordre des médecins": "CNOM"}


def source_name(source: Source) -> str:
    """'We Are Social / Meltwater (relayé par adrenalead.com)' -> 'DataReportal'; 'Meta Platforms' -> 'Meta'."""
    if source.id in _SOURCE_NAMES:
        return _SOURCE_NAMES[source.id]
    if source.publisher in _PUBLISHER_NAMES:
        return _PUBLISHER_NAMES[source.publisher]
    if "DataReportal" in source.publisher or "We Are Social" in source.publisher:
        return "DataReportal"
    name = re.sub(r"\s*\(.*\)\s*$", "", source.publisher)
    name = re.sub(r"^Blog (de |d’|d')", "", name)
    return learner_text(re.sub(r"\s+(Platforms|Inc\.|Corp\.)$", "", name))


def source_date(source: Source, style: str = "day") -> str:
    """A source's date for a caption: '13 mars 2019' (day), 'mars 2019' (month) or '2019' (year); an undated
    article's likely year is said as such ('vers 2015')."""
    if source.date_note.startswith("non daté"):
        return f"vers {source.date[:4]}"
    parts = source.date.split("-")
    keep = {"day": 3, "month": 2, "year": 1}[style]
    return date_label("-".join(parts[:keep]))


def sources_line(source_ids: Iterable[str], limit: int = CAPTION_LIMIT) -> str:
    """'Sources : Meta (31 déc. 2023, 29 oct. 2025), Snap (31 déc. 2025) et X (19 mars 2024).', shortened (months,
    then years, then spans of years with the course's articles named together) until it fits in `limit`."""
    sources = load_sources()
    chosen = sorted((sources[source_id] for source_id in dict.fromkeys(source_ids)), key=lambda source: source.date)

    def line(style: str, together: bool) -> str:
        groups: dict[str, list[Source]] = {}
        for source in chosen:
            name = "articles du cours" if together and source.origin == "seed" else source_name(source)
            groups.setdefault(name, []).append(source)
        parts = []
        for name, group in groups.items():
            years = sorted({source.date[:4] for source in group})
            if together and len(years) > 1:
                dates = [f"{years[0]}-{years[-1]}"]
            else:
                dates = list(dict.fromkeys(source_date(source, style) for source in group))
            parts.append(f"{name} ({', '.join(dates)})")
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"
        return learner_text(f"Source{'s' if len(chosen) > 1 else ''} : {listed}.")

    attempts = [line(style, False) for style in ("day", "month", "year")] + [line("year", True)]
    return next((text for text in attempts if len(text) <= limit), attempts[-1])


def caption(source_ids: Iterable[str], remark: str = "") -> str:
    """The sources line, then a short remark if both fit in two lines."""
    text = sources_line(source_ids)
    remark = learner_text(remark)
    return f"{text} {remark}" if remark and len(text) + 1 + len(remark) <= CAPTION_LIMIT else text


# Confidence, as noted by whoever checked a figure, said in words a learner uses.
_CONFIDENCE = re.compile(r"\s*;?\s*confiance\s*:\s*(haute|moyenne|basse)(\s*\(([^)]*)\))?")
_RELIABILITY = {
    "haute": "chiffre publié par l'organisme qui le mesure, ou repris d'une source sûre",
    "moyenne": "chiffre à confirmer (repris d'un site secondaire, ou pas encore recoupé)",
    "basse": "estimation, ou chiffre déclaré par l'entreprise sans contrôle extérieur",
}


def reliability(note: str) -> tuple[str, str]:
    """'MAU ; confiance : haute (mais ancien)' -> ('MAU', 'chiffre publié par … (mais ancien)')."""
    match = _CONFIDENCE.search(note)
    if not match:
        return note, ""
    plain = _RELIABILITY[match.group(1)] + (f" ({match.group(3)})" if match.group(3) else "")
    rest = (note[:match.start()] + note[match.end():]).strip(" ;")
    return rest, plain


def _citation_html(source: Source) -> str:
    text = html.escape(learner_text(source.citation()))
    if not re.match(r"^https?://[^\s\"'<>]+$", source.url.strip()):  # only web addresses become links
        return text
    return f'<a href="{html.escape(source.url.strip())}" target="_blank" rel="noopener">{text}</a>'


def _entry(parts: list[str], row_id: str, table: str) -> str:
    where = learner_text(f"identifiant dans data/{table} :")
    return ("<li>" + "<br/>".join(parts) + f'<br/><small>{where} <code>{html.escape(row_id)}</code></small></li>')


def figures_provenance(rows, remark: str = "") -> str:
    """HTML: for each figure of the statistics table, what it measures, its value and date, its full source (with
    the site that relayed it), where in the source, the checker's notes and its reliability in plain French."""
    sources = load_sources()
    items = []
    for row in rows.itertuples():
        note, plain = reliability(row.note)
        parts = [f"<strong>{html.escape(learner_text(f'{row.subject} — {row.measure}'))}</strong>",
                 html.escape(learner_text(f"{quantity(row.value, row.unit)} ; {row.geography}, {row.population} ; "
                                          f"{date_label(row.as_of)}")),
                 html.escape(learner_text("Source : ")) + _citation_html(sources[row.source])
                 + html.escape(learner_text(f" ; emplacement : {row.location}"))]
        if plain:
            parts.append(html.escape(learner_text(f"Fiabilité : {plain}")))
        if note:
            parts.append(html.escape(learner_text(f"Notes de vérification : {note}")))
        items.append(_entry(parts, row.id, "chiffres.csv"))
    return _provenance_body(items, remark)


def events_provenance(events, remark: str = "") -> str:
    """HTML: for each event of the timeline, its date, its source and the checker's notes."""
    sources = load_sources()
    items = []
    for row in events.itertuples():
        parts = [f"<strong>{html.escape(learner_text(f'{date_label(row.date)} — {row.event}'))}</strong>",
                 html.escape(learner_text("Source : ")) + _citation_html(sources[row.source])]
        if row.note:
            parts.append(html.escape(learner_text(f"Notes de vérification : {row.note}")))
        items.append(_entry(parts, row.id, "evenements.csv"))
    return _provenance_body(items, remark)


def _provenance_body(items: list[str], remark: str) -> str:
    intro = f"<p>{html.escape(learner_text(f'À savoir : {remark}'))}</p>" if remark else ""
    return f'{intro}<ul>{"".join(items)}</ul>'


# --- Drawing helpers --------------------------------------------------------------------------------------------

def _platform_then(platform: str, year: int) -> str:
    """X was still Twitter before July 2023: say so for older figures."""
    return "Twitter (X depuis juillet 2023)" if platform == "X (ex-Twitter)" and year < 2023 else platform


def _style(axis, grid: str = "x") -> None:
    axis.spines[["top", "right"]].set_visible(False)
    axis.grid(axis=grid, color="#dddddd", linewidth=0.8)
    axis.set_axisbelow(True)
    axis.tick_params(labelsize=NORMAL, colors=TEXT_COLOR)


def _rows(ids: list[str]):
    figures = load_figures()
    missing = [row_id for row_id in ids if row_id not in figures.index]
    if missing:
        raise KeyError(f"chiffres absents de data/chiffres.csv : {', '.join(missing)}")
    return figures.loc[ids]


def _figure(height: float, **subplots):
    figure, axes = plt.subplots(figsize=(FIGURE_WIDTH, height), dpi=DPI, **subplots)
    return figure, axes


def _title(figure, text: str) -> None:
    figure.suptitle(learner_text(text), x=0.02, ha="left", fontsize=TITLE, color=TEXT_COLOR)


# --- The charts -------------------------------------------------------------------------------------------------

def audiences_2019() -> Chart:
    """Followers of the doctors' accounts named in the 2019 article, at its date."""
    figures = load_figures()
    rows = figures[(figures["source"] == "seed-001") & (figures["unit"] == "abonnés")].sort_values("value")
    figure, axis = _figure(4.2)
    colors = [PALETTE.get(platform, PALETTE["autre"]) for platform in rows["platform"]]
    bars = axis.barh([learner_text(subject) for subject in rows["subject"]], rows["value"], color=colors)
    axis.bar_label(bars, labels=[amount(value) for value in rows["value"]], padding=3, fontsize=SMALL,
                   color=TEXT_COLOR)
    french_ticks(axis.xaxis, nbins=6)
    axis.set_xlim(0, rows["value"].max() * 1.15)
    axis.set_xlabel("Abonnés (followers) au 13 mars 2019", fontsize=NORMAL, color=TEXT_COLOR)
    _title(figure, "Abonnés de comptes de médecins cités dans la presse\nFrance, au 13 mars 2019")
    legend = [Patch(color=PALETTE.get(platform, PALETTE["autre"]), label=_platform_then(platform, 2019))
              for platform in dict.fromkeys(rows["platform"])]
    axis.legend(handles=legend, frameon=False, loc="lower right", fontsize=SMALL, labelcolor=TEXT_COLOR)
    _style(axis)
    figure.tight_layout()
    remark = ("Chiffres arrondis par l'article (« plus de … ») ; les audiences ont changé depuis et Twitter "
              "s'appelle X depuis juillet 2023.")
    largest, smallest = rows.iloc[-1], rows.iloc[0]
    alt = learner_text(
        f"Diagramme en barres des abonnés de {len(rows)} comptes de médecins au 13 mars 2019 : le plus suivi est "
        f"{largest['subject']} avec {amount(largest['value'])} abonnés, le moins suivi {smallest['subject']} avec "
        f"{amount(smallest['value'])}.")
    return Chart(figure, caption(rows["source"], remark), alt, dict(zip(rows["id"], rows["value"])),
                 figures_provenance(rows, remark))


def unverified_origin(note: str) -> bool:
    """A figure whose origin could not be traced: its checker's note opens with « origine non vérifiée » or « non
    vérifié ». Such a figure is named, with its caveat, in the text of the course; it is never drawn."""
    return bool(re.match(r"\s*(origine )?non vérifiée?\b", note))


def _panel(axis, rows, labels: list[str], color: str, title: str, dated: bool = True, xmax: float | None = None,
           nbins: int = 5) -> None:
    """One panel of a small multiple: horizontal bars of a single measure, with the panel's own axis and a title
    saying what it measures and in which unit. Each bar carries its value (and its date when `dated`); its gid is
    the row id of the data table, never drawn, so that tests can read which figure each bar is."""
    units = set(rows["unit"])
    if len(units) != 1:
        raise ValueError(f"un panneau ne mélange pas les unités : {', '.join(sorted(units))}")
    unit = units.pop()
    bars = axis.barh([learner_text(label) for label in labels], rows["value"], color=color, height=0.6)
    for bar, row_id in zip(bars, rows["id"]):
        bar.set_gid(row_id)
    axis.bar_label(bars, padding=3, fontsize=SMALL, color=TEXT_COLOR, labels=[
        f"{amount(row.value, unit)} — {date_label(row.as_of)}" if dated else amount(row.value, unit)
        for row in rows.itertuples()])
    axis.set_ylim(len(rows) - 0.4, -0.6)  # top to bottom; one bar is as thick in every panel
    divisor, _word = axis_scale(rows["value"].max(), unit)
    axis.set_xlim(0, xmax if xmax is not None else rows["value"].max() * 1.6)
    french_ticks(axis.xaxis, unit, divisor, nbins=nbins)
    axis.set_title(learner_text(title), loc="left", fontsize=NORMAL, color=TEXT_COLOR)
    _style(axis)


# The world figures, one panel per kind of measure: monthly active users, advertising reach, members and visitors
# declared by X count different things and are never drawn on one axis. Each entry: the panel's title (the
# measure, then the unit of its axis), its colour, and the figures with the label of their bar.
WORLD_PANELS = [
    ("Utilisateurs actifs mensuels (en milliards)", OKABE_ITO[0], {
        "utilisateurs-facebook-2023": "Facebook",
        "instagram-mau-2025": "Instagram",
        "snapchat-mau-2025": "Snapchat",
        "pinterest-mau-2025": "Pinterest"}),
    ("Portée publicitaire : personnes que la publicité peut atteindre (en milliards)", OKABE_ITO[1], {
        "youtube-portee-publicitaire-2025": "YouTube",
        "tiktok-portee-publicitaire-2025": "TikTok (adultes)"}),
    ("Membres inscrits, actifs ou non (en milliards)", OKABE_ITO[2], {
        "linkedin-membres-2024": "LinkedIn"}),
    ("Visiteurs mensuels déclarés par X, non audités (en millions)", OKABE_ITO[3], {
        "x-visiteurs-mensuels-2024": "X (ex-Twitter)"}),
]


def platforms_world() -> Chart:
    """The size of the big platforms as each last reported it, in small multiples: one panel per kind of measure,
    each with its own axis; every bar carries its date."""
    figure, axes = plt.subplots(len(WORLD_PANELS), 1, figsize=(FIGURE_WIDTH, 7.4), dpi=DPI, gridspec_kw={
        "height_ratios": [len(figures) for _title, _color, figures in WORLD_PANELS]})
    for axis, (title, color, figures) in zip(axes, WORLD_PANELS):
        _panel(axis, _rows(list(figures)), list(figures.values()), color, title, nbins=4)
    _title(figure, "Monde : taille des grandes plateformes, une mesure par panneau\n"
                   "Chaque panneau a sa mesure et son échelle : ne pas comparer les panneaux entre eux")
    figure.tight_layout(h_pad=1.2)
    rows = _rows([row_id for _title, _color, figures in WORLD_PANELS for row_id in figures])
    remark = ("Meta ne publie plus de chiffre propre à Facebook depuis fin 2023 ; la portée publicitaire n'est pas "
              "un nombre d'utilisateurs ; les membres de LinkedIn ne sont pas des utilisateurs actifs.")

    def said(row_id: str) -> str:  # 'Facebook 3,07 milliards'; 'TikTok 1,59 milliard d’adultes'
        row = rows.loc[row_id]
        return f"{row['platform']} {amount(row['value'])}" + (" d'adultes" if row["population"].startswith(
            "adultes") else "")

    users, reach, members = ([said(row_id) for row_id in figures] for _t, _c, figures in WORLD_PANELS[:3])
    (visitors,) = WORLD_PANELS[3][2]
    alt = learner_text(
        f"Quatre diagrammes en barres, un par mesure, avec des chiffres de {rows['as_of'].str[:4].min()} à "
        f"{rows['as_of'].str[:4].max()} : utilisateurs actifs mensuels ({', '.join(users)}), portée publicitaire "
        f"({', '.join(reach)}), membres inscrits ({', '.join(members)}) et visiteurs mensuels déclarés par X "
        f"({amount(rows.loc[visitors, 'value'])}).")
    return Chart(figure, caption(rows["source"], remark), alt, dict(zip(rows["id"], rows["value"])),
                 figures_provenance(rows, remark))


# Morocco: two measures on two bases, one panel each. The article's figures (« 59 % des Marocains inscrits »,
# « 84 % des moins de 40 ans ») are not drawn: their origin could not be traced (see unverified_origin).
MOROCCO_PANELS = [
    ("Identités d'utilisateurs de réseaux sociaux, en % de la population totale\n(DataReportal, données de fin 2025)",
     OKABE_ITO[0], {"maroc-part-identites-reseaux-2026": "Maroc"}),
    ("Adultes interrogés qui utilisent chaque réseau, en %\n(sondage Sunergia, 2025)", OKABE_ITO[2], {
        "sunergia-maroc-reseaux-2025": "au moins un réseau",
        "sunergia-maroc-whatsapp-2025": "WhatsApp",
        "sunergia-maroc-facebook-2025": "Facebook",
        "sunergia-maroc-instagram-2025": "Instagram",
        "sunergia-maroc-youtube-2025": "YouTube",
        "sunergia-maroc-tiktok-2025": "TikTok"}),
]


def morocco() -> Chart:
    """Morocco: the share of the population counted as social-media identities (DataReportal) and the shares of
    surveyed adults using each network (Sunergia), in separate panels; no figure of untraced origin."""
    figure, axes = plt.subplots(len(MOROCCO_PANELS), 1, figsize=(FIGURE_WIDTH, 5.6), dpi=DPI, gridspec_kw={
        "height_ratios": [len(figures) for _title, _color, figures in MOROCCO_PANELS]})
    for axis, (title, color, figures) in zip(axes, MOROCCO_PANELS):
        _panel(axis, _rows(list(figures)), list(figures.values()), color, title, dated=False, xmax=100)
    _title(figure, "Maroc : deux mesures, sur deux bases différentes")
    figure.tight_layout(h_pad=1.2)
    rows = _rows([row_id for _title, _color, figures in MOROCCO_PANELS for row_id in figures])
    remark = ("Les chiffres de l'article cité dans le module (vers 2021), d'origine non retrouvée, ne sont pas "
              "dessinés ; une identité n'est pas une personne.")
    detail = ("Les chiffres de l'article cité dans le module (vers 2021 : « 59 % des Marocains inscrits sur au moins "
              "un réseau social, 84 % des moins de 40 ans ») ne sont pas dessinés : leur origine n'a pas été "
              "retrouvée. Le premier est proche de la part d'identités mesurée par DataReportal en janvier 2021 "
              "(59,3 %) ; le second correspond probablement à une statistique française de 2017. Une identité n'est "
              "pas une personne : une même personne peut en avoir plusieurs.")
    share, survey = rows.iloc[0], rows.iloc[1:]
    alt = learner_text(
        f"Deux diagrammes en barres : fin 2025, les identités d'utilisateurs de réseaux sociaux représentaient "
        f"{amount(share['value'], '%')} de la population totale (DataReportal) ; en 2025, "
        f"{amount(survey['value'].iloc[0], '%')} des adultes interrogés par Sunergia utilisaient au moins un réseau, "
        f"de {amount(survey['value'].iloc[1], '%')} pour WhatsApp à {amount(survey['value'].iloc[-1], '%')} pour "
        "TikTok.")
    return Chart(figure, caption(rows["source"], remark), alt, dict(zip(rows["id"], rows["value"])),
                 figures_provenance(rows, detail))


# France: Médiamétrie's latest edition only. Its 2022 edition (« 6 Français sur 10 ») beside the 2023 one (66 %)
# would read as a rise of six points, where Médiamétrie states four: the change is said as the source says it.
FRANCE_DAILY = "mediametrie-usage-quotidien-2023"
FRANCE_DAILY_BEFORE = "mediametrie-usage-quotidien-2022"  # not drawn; in the provenance, with the caveat
FRANCE_COUNTS = ["france-identites-reseaux-2025", "france-identites-reseaux-2026"]


def france() -> Chart:
    """France: daily use (a share, Médiamétrie, latest edition) and user identities (a count, DataReportal, the
    same series two years running), in separate panels."""
    share, counts = _rows([FRANCE_DAILY]), _rows(FRANCE_COUNTS)
    figure, (left, right) = _figure(4.2, ncols=2, gridspec_kw={"width_ratios": [1, 1.6]})
    _columns(left, share, OKABE_ITO[0], "%")
    left.set_ylim(0, 100)
    left.set_title(learner_text("Usage quotidien des réseaux\net messageries (Médiamétrie,\n% des Français)"),
                   fontsize=NORMAL, color=TEXT_COLOR)
    french_ticks(left.yaxis, "%", nbins=5)
    _columns(right, counts, OKABE_ITO[2], "personnes")
    right.set_ylim(0, counts["value"].max() * 1.25)
    right.set_title(learner_text("Identités d'utilisateurs\nde réseaux sociaux\n(DataReportal, en millions)"),
                    fontsize=NORMAL, color=TEXT_COLOR)
    french_ticks(right.yaxis, divisor=1e6, nbins=5)
    for axis in (left, right):
        _style(axis, grid="y")
    _title(figure, "France : deux mesures différentes, à lire séparément")
    figure.tight_layout(w_pad=3)
    before = _rows([FRANCE_DAILY_BEFORE]).iloc[0]
    rows = _rows([FRANCE_DAILY_BEFORE, FRANCE_DAILY] + FRANCE_COUNTS)
    remark = (f"L'édition {before['as_of']} de Médiamétrie (« 6 Français sur 10 ») n'est pas dessinée : "
              f"Médiamétrie annonce + 4 points en {share['as_of'].iloc[0]}, pas + 6.")
    detail = (f"{remark[:-1]} ; les deux éditions ne se comparent pas point par point. Un pourcentage quotidien et "
              "un nombre mensuel d'identités ne se comparent pas non plus ; une identité n'est pas une personne.")
    alt = learner_text(
        f"Deux diagrammes : {amount(share['value'].iloc[0], '%')} des Français utilisaient chaque jour réseaux "
        f"sociaux ou messageries en {share['as_of'].iloc[0]} (Médiamétrie) ; on comptait "
        f"{amount(counts['value'].iloc[0])} d'identités d'utilisateurs en {counts['as_of'].iloc[0][:4]} et "
        f"{amount(counts['value'].iloc[1])} en {counts['as_of'].iloc[1][:4]} (DataReportal).")
    values = dict(zip(share["id"], share["value"])) | dict(zip(counts["id"], counts["value"]))
    return Chart(figure, caption(rows["source"], remark), alt, values, figures_provenance(rows, detail))


def _columns(axis, rows, color: str, unit: str) -> None:
    """Vertical bars, one per figure, headed by their value, dated on the axis; gid: the row id, as in _panel."""
    bars = axis.bar([date_label(as_of) for as_of in rows["as_of"]], rows["value"], color=color, width=0.6)
    axis.set_xlim(-0.7, len(rows) - 0.3)  # one bar is as wide as two side by side
    for bar, row_id in zip(bars, rows["id"]):
        bar.set_gid(row_id)
    axis.bar_label(bars, labels=[amount(value, unit if unit == "%" else "") for value in rows["value"]], padding=3,
                   fontsize=SMALL, color=TEXT_COLOR)


# --- The timeline -----------------------------------------------------------------------------------------------

ARTICLE_COLOR, EVENT_COLOR = OKABE_ITO[5], OKABE_ITO[0]
LABEL_WIDTH = 68  # characters per line of an event's label
LABEL_GAP = 6  # pixels between two labels


def spread(wanted: list[float], sizes: list[float], low: float, high: float, gap: float = LABEL_GAP) -> list[float]:
    """Centres for labels of the given sizes, in order, as close as possible (least squares) to the wanted centres,
    never overlapping (a gap between neighbours) and within [low, high] when there is room.

    Pool-adjacent-violators on the positions minus their cumulated minimum offsets, then clipped to the bounds."""
    offsets = [0.0]
    for before, after in zip(sizes, sizes[1:]):
        offsets.append(offsets[-1] + (before + after) / 2 + gap)
    blocks: list[list[float]] = []  # [sum, count] of pooled values, non-decreasing means
    for value in (w - o for w, o in zip(wanted, offsets)):
        blocks.append([value, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    fitted = [total / count for total, count in blocks for _ in range(int(count))]
    first, last = low + sizes[0] / 2, high - sizes[-1] / 2 - offsets[-1]
    return [min(max(value, first), max(first, last)) + offset for value, offset in zip(fitted, offsets)]


def timeline() -> Chart:
    """The five articles and the events that date their facts, on one time axis running down the page; each
    label is moved just enough to never touch another, and a thin line joins it to its date."""
    events = load_events()
    sources = load_sources()
    articles = [source_id.startswith("seed-") for source_id in events["source"]]
    figure = plt.figure(figsize=(FIGURE_WIDTH, 8), dpi=DPI)
    axis = figure.add_axes((0.1, 0.1, 0.88, 0.8))
    dates = mdates.date2num(events["when"])
    labels = []
    for row, is_article in zip(events.itertuples(), articles):
        when = source_date(sources[row.source], "year") if sources[row.source].date_note.startswith(
            "non daté") and is_article else date_label(row.date)
        text = learner_text(f"{when} — {row.event}")
        labels.append(axis.text(0.06, 0, "\n".join(textwrap.wrap(text, LABEL_WIDTH)), transform=axis.transAxes,
                                fontsize=SMALL, va="center", ha="left", color=TEXT_COLOR, linespacing=1.25))
    renderer = figure.canvas.get_renderer()
    heights = [label.get_window_extent(renderer).height for label in labels]  # pixels at DPI

    # The axis is tall enough for every label plus some air, so labels stay near their dates.
    needed = sum(heights) + LABEL_GAP * (len(labels) - 1)
    axis_inches = needed * 1.3 / DPI
    top, bottom = 1.0, 0.9  # inches above (title) and below (legend) the axis
    figure.set_size_inches(FIGURE_WIDTH, axis_inches + top + bottom)
    axis.set_position((0.1, bottom / (axis_inches + top + bottom), 0.88, axis_inches / (axis_inches + top + bottom)))
    margin = 120  # days before the first and after the last date
    axis.set_ylim(dates.max() + margin, dates.min() - margin)  # time runs downwards
    axis.set_xlim(0, 1)

    # Spread the labels in pixels, measured down from the axis top.
    axis_top = axis.transAxes.transform((0, 1))[1]
    wanted = [axis_top - axis.transData.transform((0, date))[1] for date in dates]
    centres = spread(wanted, heights, 0, axis_inches * DPI)
    to_data = axis.transData.inverted()
    blend = axis.get_yaxis_transform()  # x in axis fraction, y in dates
    for label, centre, date, is_article in zip(labels, centres, dates, articles):
        y = to_data.transform((0, axis_top - centre))[1]
        label.set_transform(blend)
        label.set_position((0.06, y))
        color = ARTICLE_COLOR if is_article else EVENT_COLOR
        axis.add_line(Line2D([0, 0.02, 0.05], [date, y, y], transform=blend, color="#aaaaaa", linewidth=0.8))
        axis.plot([0], [date], "s" if is_article else "o", color=color, markersize=6, transform=blend, clip_on=False,
                  zorder=4 if is_article else 3)  # an article dated like an event stays visible

    axis.spines[["top", "right", "bottom"]].set_visible(False)
    axis.spines["left"].set_color("#555555")
    axis.xaxis.set_visible(False)
    axis.yaxis.set_major_locator(mdates.YearLocator(2))
    axis.yaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axis.tick_params(axis="y", labelsize=NORMAL, colors=TEXT_COLOR)
    axis.legend(handles=[Line2D([], [], marker="s", linestyle="", color=ARTICLE_COLOR, label="article source du cours"),
                         Line2D([], [], marker="o", linestyle="", color=EVENT_COLOR,
                                label="événement (plateforme, règle, guide)")],
                frameon=False, loc="upper left", bbox_to_anchor=(-0.08, -0.2 / axis_inches), ncol=2, fontsize=SMALL,
                labelcolor=TEXT_COLOR)
    figure.suptitle(learner_text("Chronologie : les articles du cours et les événements qui datent leurs faits"),
                    x=0.02, y=1 - 0.25 / (axis_inches + top + bottom), ha="left", va="top", fontsize=TITLE,
                    color=TEXT_COLOR)
    remark = "Les articles sans date sont placés à leur date la plus probable (« vers »)."
    alt = learner_text(
        f"Frise chronologique verticale de {len(events)} dates, de {date_label(events['date'].iloc[0])} à "
        f"{date_label(events['date'].iloc[-1])} : les cinq articles sources, les guides de l'Ordre des médecins, le "
        "passage à 280 caractères en 2017, la réforme de 2020 et le changement de nom de Twitter en X en 2023.")
    return Chart(figure, caption(events["source"], remark), alt,
                 {row.id: row.when.toordinal() for row in events.itertuples()}, events_provenance(events, remark))


CHARTS: dict[str, Callable[[], Chart]] = {
    "audiences_2019": audiences_2019,
    "plateformes_monde": platforms_world,
    "maroc": morocco,
    "france": france,
    "chronologie": timeline,
}


def build_chart(name: str) -> Chart:
    if name not in CHARTS:
        raise KeyError(f"Aucun graphique « {name} » (graphiques : {', '.join(CHARTS)})")
    return CHARTS[name]()


def show_chart(name: str) -> None:
    """Display a chart with its caption, alt text and folded provenance in a notebook."""
    from IPython.display import HTML, display

    chart = build_chart(name)
    display(HTML(chart.to_html()))
    plt.close(chart.figure)
