"""Charts of the statistics table, with a French caption naming sources and dates, and an alt text."""

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
from .stats import load_figures  # noqa: E402
from .typography import french, thousands  # noqa: E402

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = {"X (ex-Twitter)": "#0072B2", "Instagram": "#CC79A7", "TikTok": "#009E73", "Facebook": "#E69F00",
           "autre": "#999999"}


@dataclass
class Chart:
    figure: plt.Figure
    caption: str  # names the sources and the dates
    alt: str  # one sentence describing what the chart shows
    values: dict[str, float]  # what was plotted, by figure id (for tests and screen readers)

    def to_html(self) -> str:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        return (f'<figure class="cours-graphique"><img src="data:image/png;base64,{data}" '
                f'alt="{html.escape(self.alt)}" style="max-width:100%"/>'
                f"<figcaption>{html.escape(self.caption)}</figcaption></figure>")


def _platform_then(platform: str, year: str) -> str:
    """X was still Twitter before July 2023: say so for older figures."""
    if platform == "X (ex-Twitter)" and int(year) < 2023:
        return "Twitter (X depuis juillet 2023)"
    return platform


def _style(axis) -> None:
    axis.spines[["top", "right"]].set_visible(False)
    axis.grid(axis="x", color="#dddddd", linewidth=0.8)
    axis.set_axisbelow(True)


def audiences_2019() -> Chart:
    """Followers of the doctors' accounts named in the 2019 article, at its date."""
    figures = load_figures()
    rows = figures[(figures["source"] == "seed-001") & (figures["unit"] == "abonnés")].sort_values("value")
    source = load_sources()["seed-001"]
    figure, axis = plt.subplots(figsize=(8, 4))
    colors = [PALETTE.get(platform, PALETTE["autre"]) for platform in rows["platform"]]
    bars = axis.barh(rows["subject"], rows["value"], color=colors)
    axis.bar_label(bars, labels=[thousands(value) for value in rows["value"]], padding=3, fontsize=9)
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: thousands(value)))
    axis.set_xlabel("Abonnés (followers) au 13 mars 2019")
    figure.suptitle(french("Abonnés de comptes de médecins cités dans la presse\nFrance, au 13 mars 2019"),
                    x=0.02, ha="left", fontsize=12)
    legend = [Patch(color=PALETTE.get(platform, PALETTE["autre"]), label=_platform_then(platform, "2019"))
              for platform in dict.fromkeys(rows["platform"])]
    axis.legend(handles=legend, frameon=False, loc="lower right")
    _style(axis)
    figure.tight_layout()
    largest = rows.iloc[-1]
    caption = french(f"Source : {source.citation()}. Chiffres arrondis par l'article (« plus de … ») ; "
                     "les audiences ont changé depuis et Twitter s'appelle X depuis juillet 2023.")
    alt = french(f"Diagramme en barres : au 13 mars 2019, le compte le plus suivi parmi {len(rows)} comptes de "
                 f"médecins est {largest['subject']} avec {thousands(largest['value'])} abonnés.")
    return Chart(figure, caption, alt, dict(zip(rows["id"], rows["value"])))


CHARTS: dict[str, Callable[[], Chart]] = {"audiences_2019": audiences_2019}


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
