"""Charts of the statistics table, one function each, in one style: French labels and numbers, a short caption
naming the sources and their dates, an alt text, a colour-blind-safe palette, and the full provenance of every
plotted figure folded under the chart. Figures measured differently (dates, geographies, metrics) are never put
on one axis as if comparable: each bar says what it is.

Sizes are chosen for a notebook at 100 % zoom: a figure is at most FIGURE_WIDTH inches wide and shown at DPI
CSS pixels per inch, so under 800 pixels, narrower than JupyterLab's output column (848 pixels in Chromium in a
1280-pixel window with the file browser open): it is shown at its natural width, never scaled down, and no text
is smaller than SMALL points, 12,5 pixels."""

from __future__ import annotations

import base64
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

from .paths import course_root  # noqa: E402
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
DATA_PAGE = "donnees.md"  # docs/donnees.md: how to read the course's figures, linked from each caption
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

    def to_html(self) -> str:
        png = self.png()
        width = struct.unpack(">I", png[16:20])[0] // PIXEL_RATIO  # the PNG header holds the pixel width
        data = base64.b64encode(png).decode("ascii")
        figure = (f'<figure class="cours-graphique" style="margin:1em 0">'
                  f'<img src="data:image/png;base64,{data}" width="{width}" alt="{html.escape(self.alt)}" '
                  'style="max-width:100%;height:auto"/>'
                  f"<figcaption>{html.escape(self.caption)}{data_page_link() if self.provenance else ''}"
                  "</figcaption></figure>")
        return figure + folded_provenance(self.provenance) if self.provenance else figure


def folded_provenance(body: str) -> str:
    return (f'<details class="cours-provenance"><summary>{learner_text("Provenance détaillée des chiffres")}'
            f"</summary>{body}</details>")


def data_page_link() -> str:
    """A link to docs/donnees.md, relative to the notebooks folder, when the course copy has the page."""
    if not (course_root() / "docs" / DATA_PAGE).exists():
        return ""
    return f' <a href="../docs/{DATA_PAGE}" target="_blank">{learner_text("Comment lire ces chiffres")}</a>'


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


def _legend_below(axis, handles, ncol: int = 2, offset: float = -0.14):
    return axis.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(-0.02, offset), ncol=ncol,
                       fontsize=SMALL, labelcolor=TEXT_COLOR)


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


# What each world figure counts: bars of different kinds are coloured and labelled apart.
WORLD_PLATFORMS = {
    "utilisateurs-facebook-2023": "utilisateurs actifs mensuels",
    "instagram-mau-2025": "utilisateurs actifs mensuels",
    "snapchat-mau-2025": "utilisateurs actifs mensuels",
    "pinterest-mau-2025": "utilisateurs actifs mensuels",
    "youtube-portee-publicitaire-2025": "portée publicitaire",
    "tiktok-portee-publicitaire-2025": "portée publicitaire (18 ans et plus)",
    "linkedin-membres-2024": "membres inscrits",
    "x-visiteurs-mensuels-2024": "visiteurs mensuels déclarés par X, non audités",
}


def platforms_world() -> Chart:
    """The size of the big platforms as each last reported it: different measures and dates, said on each bar."""
    rows = _rows(list(WORLD_PLATFORMS)).sort_values("value")
    kinds = list(dict.fromkeys(WORLD_PLATFORMS[row_id] for row_id in rows["id"]))
    colors = {kind: OKABE_ITO[index] for index, kind in enumerate(kinds)}
    figure, axis = _figure(5.2)
    bars = axis.barh(rows["platform"], rows["value"], color=[colors[WORLD_PLATFORMS[row_id]] for row_id in rows["id"]])
    axis.bar_label(bars, padding=3, fontsize=SMALL, color=TEXT_COLOR, labels=[
        f"{amount(row.value)} — {date_label(row.as_of)}" for row in rows.itertuples()])
    divisor, word = axis_scale(rows["value"].max(), "personnes")
    french_ticks(axis.xaxis, divisor=divisor, nbins=5)
    axis.set_xlabel(f"En {word} (chaque barre a sa mesure et sa date)", fontsize=NORMAL, color=TEXT_COLOR)
    axis.set_xlim(0, rows["value"].max() * 1.5)
    _legend_below(axis, [Patch(color=colors[kind], label=kind) for kind in kinds], offset=-0.2)
    _title(figure, "Monde : taille des grandes plateformes selon leur dernier chiffre publié\n"
                   "Mesures et dates différentes : ne pas comparer les barres entre elles")
    _style(axis)
    figure.tight_layout()
    remark = ("Meta ne publie plus de chiffre propre à Facebook depuis fin 2023 ; la portée publicitaire n'est pas "
              "un nombre d'utilisateurs ; les membres de LinkedIn ne sont pas des utilisateurs actifs.")
    alt = learner_text(
        f"Diagramme en barres de {len(rows)} plateformes, de {amount(rows['value'].min())} "
        f"({rows.iloc[0]['platform']}) à {amount(rows['value'].max())} ({rows.iloc[-1]['platform']}), selon des "
        "mesures différentes (utilisateurs mensuels, portée publicitaire, membres, visiteurs déclarés) datées de "
        f"{rows['as_of'].str[:4].min()} à {rows['as_of'].str[:4].max()}.")
    return Chart(figure, caption(rows["source"], remark), alt, dict(zip(rows["id"], rows["value"])),
                 figures_provenance(rows, remark))


MOROCCO = {
    "part-marocains-reseaux-2021": ("Tous âges, « inscrits »\n(article, vers 2021)", True),
    "part-moins-40-reseaux": ("Moins de 40 ans, « inscrits »\n(article, vers 2021)", True),
    "maroc-part-identites-reseaux-2021": ("Identités d'utilisateurs ÷ population\n(DataReportal, janv. 2021)", False),
    "maroc-part-identites-reseaux-2026": ("Identités d'utilisateurs ÷ population\n(DataReportal, fin 2025)", False),
    "sunergia-maroc-reseaux-2025": ("Adultes utilisant au moins un réseau\n(sondage Sunergia, 2025)", False),
}


def morocco() -> Chart:
    """Morocco: the article's all-ages and under-40 shares, beside later measured shares."""
    rows = _rows(list(MOROCCO))
    figure, axis = _figure(4.8)
    labels = [learner_text(MOROCCO[row_id][0]) for row_id in rows["id"]]
    unverified = [MOROCCO[row_id][1] for row_id in rows["id"]]
    bars = axis.barh(labels, rows["value"], color=[OKABE_ITO[1] if flag else OKABE_ITO[0] for flag in unverified])
    for bar, flag in zip(bars, unverified):
        if flag:
            bar.set_hatch("//")
            bar.set_edgecolor("white")
    axis.bar_label(bars, labels=[amount(value, "%") for value in rows["value"]], padding=3, fontsize=SMALL,
                   color=TEXT_COLOR)
    axis.set_xlim(0, 100)
    french_ticks(axis.xaxis, "%", nbins=5)
    axis.invert_yaxis()
    _legend_below(axis, [Patch(facecolor=OKABE_ITO[1], hatch="//", edgecolor="white",
                               label=learner_text("chiffre de l'article, origine non vérifiée")),
                         Patch(color=OKABE_ITO[0], label="mesure publiée et sourcée")], offset=-0.1)
    _title(figure, "Maroc : part de la population sur les réseaux sociaux\n"
                   "Bases différentes (population totale, moins de 40 ans, adultes sondés)")
    _style(axis)
    figure.tight_layout()
    remark = "Le « 84 % des moins de 40 ans » de l'article n'a pas été retrouvé pour le Maroc."
    detail = remark[:-1] + " : il correspond à une statistique française de 2017."
    alt = learner_text(
        "Diagramme en barres : l'article annonce 59 % de Marocains inscrits sur un réseau social et 84 % des moins "
        "de 40 ans (origine non vérifiée) ; DataReportal mesure 59 % d'identités en 2021 comme fin 2025, et un "
        "sondage de 2025 trouve 81 % des adultes.")
    return Chart(figure, caption(rows["source"], remark), alt, dict(zip(rows["id"], rows["value"])),
                 figures_provenance(rows, detail))


def france() -> Chart:
    """France: daily use (a share, Médiamétrie) and user identities (a count, DataReportal), side by side."""
    shares = _rows(["mediametrie-usage-quotidien-2022", "mediametrie-usage-quotidien-2023"])
    counts = _rows(["france-identites-reseaux-2025", "france-identites-reseaux-2026"])
    figure, (left, right) = _figure(4.2, ncols=2)
    bars = left.bar([date_label(d) for d in shares["as_of"]], shares["value"], color=OKABE_ITO[0])
    left.bar_label(bars, labels=[amount(v, "%") for v in shares["value"]], padding=3, fontsize=SMALL,
                   color=TEXT_COLOR)
    left.set_ylim(0, 100)
    left.set_title(learner_text("Usage quotidien des réseaux\net messageries (Médiamétrie,\n% des Français)"),
                   fontsize=NORMAL, color=TEXT_COLOR)
    french_ticks(left.yaxis, "%", nbins=5)
    bars = right.bar([date_label(d) for d in counts["as_of"]], counts["value"], color=OKABE_ITO[2])
    right.bar_label(bars, labels=[amount(v) for v in counts["value"]], padding=3, fontsize=SMALL, color=TEXT_COLOR)
    right.set_ylim(0, counts["value"].max() * 1.25)
    right.set_title(learner_text("Identités d'utilisateurs\nde réseaux sociaux\n(DataReportal, en millions)"),
                    fontsize=NORMAL, color=TEXT_COLOR)
    french_ticks(right.yaxis, divisor=1e6, nbins=5)
    for axis in (left, right):
        _style(axis, grid="y")
    _title(figure, "France : deux mesures différentes, à lire séparément")
    figure.tight_layout(w_pad=3)
    rows = load_figures().loc[list(shares["id"]) + list(counts["id"])]
    remark = ("Un pourcentage quotidien et un nombre mensuel d'identités ne se comparent pas ; une identité n'est "
              "pas une personne.")
    alt = learner_text(
        f"Deux diagrammes : {amount(shares['value'].iloc[0], '%')} des Français utilisaient chaque jour réseaux "
        f"sociaux ou messageries en {shares['as_of'].iloc[0]} et {amount(shares['value'].iloc[1], '%')} en "
        f"{shares['as_of'].iloc[1]} ; on comptait {amount(counts['value'].iloc[0])} d'identités d'utilisateurs en "
        f"{counts['as_of'].iloc[0][:4]} et {amount(counts['value'].iloc[1])} en {counts['as_of'].iloc[1][:4]}.")
    values = dict(zip(shares["id"], shares["value"])) | dict(zip(counts["id"], counts["value"]))
    return Chart(figure, caption(rows["source"], remark), alt, values, figures_provenance(rows, remark))


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
