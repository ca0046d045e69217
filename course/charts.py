"""Charts of the statistics table, one function each, in one style: French labels and numbers, a caption
naming the sources and dates, an alt text, a colour-blind-safe palette. Figures measured differently
(dates, geographies, metrics) are never put on one axis as if comparable: each bar says what it is."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # figures are rendered to PNG for display; no GUI backend needed
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from .sources import load_sources  # noqa: E402
from .stats import load_events, load_figures  # noqa: E402
from .typography import french, thousands  # noqa: E402

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PALETTE = {"X (ex-Twitter)": "#0072B2", "Instagram": "#CC79A7", "TikTok": "#009E73", "Facebook": "#E69F00",
           "autre": "#999999"}
_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


@dataclass
class Chart:
    figure: plt.Figure
    caption: str  # names the sources and the dates
    alt: str  # one sentence describing what the chart shows
    values: dict[str, float]  # what was plotted, by row id of the data table

    def to_html(self) -> str:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        return (f'<figure class="cours-graphique"><img src="data:image/png;base64,{data}" '
                f'alt="{html.escape(self.alt)}" style="max-width:100%"/>'
                f"<figcaption>{html.escape(self.caption)}</figcaption></figure>")


def amount(value: float, unit: str = "") -> str:
    """3.07e9 -> '3,07 milliards'; 946e6 -> '946 millions'; 12800 -> '12 800'; 59 + '%' -> '59 %'."""
    if unit == "%":
        return f"{thousands(value, 1 if value % 1 else 0)}\u00a0%"
    for size, word in ((1e9, "milliard"), (1e6, "million")):
        if abs(value) >= size:
            number = value / size
            text = f"{number:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{text}\u00a0{word}{'s' if number >= 2 else ''}"
    return thousands(value)


def date_label(text: str) -> str:
    """'2023-12-31' -> '31 déc. 2023'; '2025-09' -> 'sept. 2025'; '2021' -> '2021'."""
    parts = text.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _platform_then(platform: str, year: int) -> str:
    """X was still Twitter before July 2023: say so for older figures."""
    return "Twitter (X depuis juillet 2023)" if platform == "X (ex-Twitter)" and year < 2023 else platform


def _style(axis, grid: str = "x") -> None:
    axis.spines[["top", "right"]].set_visible(False)
    axis.grid(axis=grid, color="#dddddd", linewidth=0.8)
    axis.set_axisbelow(True)


def _caption(rows, extra: str = "") -> str:
    sources = load_sources()
    cited = [sources[source].citation() for source in dict.fromkeys(rows["source"])]
    return french(f"Source{'s' if len(cited) > 1 else ''} : {' ; '.join(cited)}." + (f" {extra}" if extra else ""))


def _rows(ids: list[str]):
    figures = load_figures()
    missing = [row_id for row_id in ids if row_id not in figures.index]
    if missing:
        raise KeyError(f"chiffres absents de data/chiffres.csv : {', '.join(missing)}")
    return figures.loc[ids]


def _title(figure, text: str) -> None:
    figure.suptitle(french(text), x=0.02, ha="left", fontsize=12)


def audiences_2019() -> Chart:
    """Followers of the doctors' accounts named in the 2019 article, at its date."""
    figures = load_figures()
    rows = figures[(figures["source"] == "seed-001") & (figures["unit"] == "abonnés")].sort_values("value")
    figure, axis = plt.subplots(figsize=(8, 4))
    colors = [PALETTE.get(platform, PALETTE["autre"]) for platform in rows["platform"]]
    bars = axis.barh(rows["subject"], rows["value"], color=colors)
    axis.bar_label(bars, labels=[thousands(value) for value in rows["value"]], padding=3, fontsize=9)
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: thousands(value)))
    axis.set_xlabel("Abonnés (followers) au 13 mars 2019")
    _title(figure, "Abonnés de comptes de médecins cités dans la presse\nFrance, au 13 mars 2019")
    legend = [Patch(color=PALETTE.get(platform, PALETTE["autre"]), label=_platform_then(platform, 2019))
              for platform in dict.fromkeys(rows["platform"])]
    axis.legend(handles=legend, frameon=False, loc="lower right")
    _style(axis)
    figure.tight_layout()
    largest = rows.iloc[-1]
    caption = _caption(rows, "Chiffres arrondis par l'article (« plus de … ») ; les audiences ont changé depuis "
                             "et Twitter s'appelle X depuis juillet 2023.")
    alt = french(f"Diagramme en barres : au 13 mars 2019, le compte le plus suivi parmi {len(rows)} comptes de "
                 f"médecins est {largest['subject']} avec {thousands(largest['value'])} abonnés.")
    return Chart(figure, caption, alt, dict(zip(rows["id"], rows["value"])))


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
    figure, axis = plt.subplots(figsize=(9, 4.8))
    bars = axis.barh(rows["platform"], rows["value"] / 1e9,
                     color=[colors[WORLD_PLATFORMS[row_id]] for row_id in rows["id"]])
    axis.bar_label(bars, padding=3, fontsize=8.5, labels=[
        f"{amount(row.value)} — {date_label(row.as_of)}" for row in rows.itertuples()])
    axis.set_xlabel("Milliards (chaque barre a sa mesure et sa date)")
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}".replace(".", ",")))
    axis.set_xlim(0, rows["value"].max() / 1e9 * 1.45)
    axis.legend(handles=[Patch(color=colors[kind], label=kind) for kind in kinds], frameon=False,
                loc="lower right", fontsize=8.5)
    _title(figure, "Monde : taille des grandes plateformes selon leur dernier chiffre publié\n"
                   "Mesures et dates différentes : ne pas comparer les barres entre elles")
    _style(axis)
    figure.tight_layout()
    caption = _caption(rows, "Meta ne publie plus de chiffre propre à Facebook depuis fin 2023 ; la portée "
                             "publicitaire n'est pas un nombre d'utilisateurs ; les membres de LinkedIn ne sont "
                             "pas des utilisateurs actifs.")
    alt = french(f"Diagramme en barres de {len(rows)} plateformes, de {amount(rows['value'].min())} à "
                 f"{amount(rows['value'].max())} selon des mesures différentes (utilisateurs mensuels, portée "
                 "publicitaire, membres, visiteurs déclarés), datées de 2023 à 2025.")
    return Chart(figure, caption, alt, dict(zip(rows["id"], rows["value"])))


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
    figure, axis = plt.subplots(figsize=(9, 4.6))
    labels = [MOROCCO[row_id][0] for row_id in rows["id"]]
    unverified = [MOROCCO[row_id][1] for row_id in rows["id"]]
    bars = axis.barh(labels, rows["value"], color=[OKABE_ITO[1] if flag else OKABE_ITO[0] for flag in unverified],
                     hatch=None)
    for bar, flag in zip(bars, unverified):
        if flag:
            bar.set_hatch("//")
            bar.set_edgecolor("white")
    axis.bar_label(bars, labels=[amount(value, "%") for value in rows["value"]], padding=3, fontsize=9)
    axis.set_xlim(0, 100)
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}\u00a0%"))
    axis.invert_yaxis()
    axis.legend(handles=[Patch(facecolor=OKABE_ITO[1], hatch="//", edgecolor="white",
                               label="chiffre de l'article, origine non vérifiée"),
                         Patch(color=OKABE_ITO[0], label="mesure publiée et sourcée")],
                frameon=False, loc="upper left", bbox_to_anchor=(0, -0.12), ncol=2, fontsize=8.5)
    _title(figure, "Maroc : part de la population sur les réseaux sociaux\n"
                   "Bases différentes (population totale, moins de 40 ans, adultes sondés)")
    _style(axis)
    figure.tight_layout()
    caption = _caption(rows, "Le « 84 % des moins de 40 ans » de l'article n'a pu être retrouvé pour le Maroc "
                             "(il correspond à une statistique française de 2017).")
    alt = french("Diagramme en barres : l'article annonce 59 % de Marocains inscrits sur un réseau social et 84 % "
                 "des moins de 40 ans (origine non vérifiée) ; DataReportal mesure 59 % d'identités en 2021 comme "
                 "fin 2025, et un sondage de 2025 trouve 81 % des adultes.")
    return Chart(figure, caption, alt, dict(zip(rows["id"], rows["value"])))


def france() -> Chart:
    """France: daily use (a share, Médiamétrie) and user identities (a count, DataReportal), side by side."""
    shares = _rows(["mediametrie-usage-quotidien-2022", "mediametrie-usage-quotidien-2023"])
    counts = _rows(["france-identites-reseaux-2025", "france-identites-reseaux-2026"])
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8))
    bars = left.bar([date_label(d) for d in shares["as_of"]], shares["value"], color=OKABE_ITO[0])
    left.bar_label(bars, labels=[amount(v, "%") for v in shares["value"]], padding=3)
    left.set_ylim(0, 100)
    left.set_title(french("Usage quotidien des réseaux et messageries\n(Médiamétrie, % des Français)"), fontsize=10)
    left.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}\u00a0%"))
    bars = right.bar([date_label(d) for d in counts["as_of"]], counts["value"] / 1e6, color=OKABE_ITO[2])
    right.bar_label(bars, labels=[amount(v) for v in counts["value"]], padding=3)
    right.set_ylim(0, counts["value"].max() / 1e6 * 1.25)
    right.set_title(french("Identités d'utilisateurs de réseaux sociaux\n(DataReportal, en millions)"), fontsize=10)
    for axis in (left, right):
        _style(axis, grid="y")
    _title(figure, "France : deux mesures différentes, à lire séparément")
    figure.tight_layout()
    caption = _caption(load_figures().loc[list(shares["id"]) + list(counts["id"])],
                       "Un pourcentage quotidien (Médiamétrie) et un nombre mensuel d'identités (DataReportal) ne se "
                       "comparent pas ; une identité n'est pas une personne.")
    alt = french("Deux diagrammes : 60 % des Français utilisaient chaque jour réseaux sociaux ou messageries en "
                 "2022 et 66 % en 2023 ; on comptait 50,4 millions d'identités d'utilisateurs en 2025 et 51,5 "
                 "millions en 2026.")
    values = dict(zip(shares["id"], shares["value"])) | dict(zip(counts["id"], counts["value"]))
    return Chart(figure, caption, alt, values)


def timeline() -> Chart:
    """The five articles and the events that date their facts, on one time axis."""
    events = load_events()
    articles = events["source"].str.startswith("seed-")
    figure, axis = plt.subplots(figsize=(11, 7))
    steps = [1, -1, 2.4, -2.4, 3.8, -3.8]
    levels = [steps[index % len(steps)] for index in range(len(events))]
    axis.axhline(0, color="#555555", linewidth=1)
    for (row, level, is_article) in zip(events.itertuples(), levels, articles):
        color = OKABE_ITO[5] if is_article else OKABE_ITO[0]
        axis.vlines(row.when, 0, level, color=color, linewidth=0.8)
        axis.plot(row.when, 0, "o", color=color, markersize=5)
        label = f"{date_label(row.date)}\n{_shorten(row.event)}"
        axis.annotate(label, (row.when, level), fontsize=7, ha="center", va="bottom" if level > 0 else "top",
                      color=color)
    axis.set_ylim(-5.4, 5.4)
    axis.yaxis.set_visible(False)
    axis.spines[["left", "top", "right"]].set_visible(False)
    axis.legend(handles=[Patch(color=OKABE_ITO[5], label="article source du cours"),
                         Patch(color=OKABE_ITO[0], label="événement (plateforme, règle, guide)")],
                frameon=False, loc="upper left", bbox_to_anchor=(0, -0.06), ncol=2, fontsize=8.5)
    _title(figure, "Chronologie : les articles du cours et les événements qui datent leurs faits")
    figure.tight_layout()
    caption = _caption(events, "Les articles sans date sont placés à leur date la plus probable.")
    alt = french(f"Frise chronologique de {len(events)} dates, de {date_label(events['date'].iloc[0])} à "
                 f"{date_label(events['date'].iloc[-1])}, dont les cinq articles sources, le passage à 280 "
                 "caractères en 2017, la réforme de 2020 et le changement de nom de Twitter en X en 2023.")
    return Chart(figure, caption, alt, {row.id: row.when.toordinal() for row in events.itertuples()})


def _shorten(text: str, width: int = 34) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")


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
    """Display a chart with its caption and alt text in a notebook."""
    from IPython.display import HTML, display

    chart = build_chart(name)
    display(HTML(chart.to_html()))
    plt.close(chart.figure)
