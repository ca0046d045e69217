"""Write the pre-built course for the browser site (build time, in the full environment).

    destination/
      bank.json          the open bank: modules 00–05, the positioning and final tests, the pathway (objectives,
                         rules by theme, satisfaction questionnaire), in the bank form of course/bank/serialize.py;
                         never a graded module (quizzes/notees/)
      sources.csv        data/sources.csv as load_sources reads it, without the instructors' notes
      charts.json        {"format": "cours-graphiques", "version": 1,
                          "charts": {name: entry},            one per chart of course/charts.py
                          "explorer": [entry + {"title", "figures"}, …]}   the explorer's views, one per platform
      charts/*.svg       each chart, drawn by the same function as in JupyterLab
      explorer/*.svg

An entry is {"svg": path in destination, "width": CSS pixels, "alt", "caption", "provenance": HTML}, the fields of
course.charts.Chart; an explorer view adds its title and the list of its figures with their sources (HTML)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

from . import BANK_FILE, CHARTS_FILE, SOURCES_FILE

CHARTS_FORMAT = "cours-graphiques"


def write(destination: Path) -> None:
    """Write everything the learner's path needs in the browser into `destination` (emptied first)."""
    destination = Path(destination)
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    write_bank(destination)
    write_sources(destination)
    write_charts(destination)


def _json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def write_bank(destination: Path) -> None:
    """The validated open bank (a BankError stops the build, as `cours valider` would)."""
    from ..bank.load import load_bank
    from ..bank.serialize import bank_to_data

    _json(destination / BANK_FILE, bank_to_data(load_bank(with_graded=False)))


def write_sources(destination: Path) -> None:
    from ..paths import data_dir
    from ..sources import Source

    with (data_dir() / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (destination / SOURCES_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(Source.__dataclass_fields__), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "instructor_note": ""})  # for instructors only, never shown to a learner


def _entry(destination: Path, folder: str, name: str, chart) -> dict:
    from ..charts import svg_width

    svg = chart.svg()
    path = destination / folder / f"{name}.svg"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(svg)
    return {"svg": f"{folder}/{name}.svg", "width": svg_width(svg), "alt": chart.alt, "caption": chart.caption,
            "provenance": chart.provenance}


def write_charts(destination: Path) -> None:
    import matplotlib.pyplot as plt

    from ..charts import CHARTS, build_chart
    from .. import explorer
    from ..stats import load_figures

    charts = {}
    for name in CHARTS:
        chart = build_chart(name)
        charts[name] = _entry(destination, "charts", name, chart)
        plt.close(chart.figure)
    figures = explorer.explorable(load_figures())
    order = [explorer.FIRST_PLATFORM] + [platform for platform in explorer.platforms(figures)
                                         if platform != explorer.FIRST_PLATFORM] + [explorer.ALL]
    views = []
    for platform in order:
        unit = explorer.first_unit(explorer.units(figures, platform))
        chart, listed, provenance = explorer.view(figures, platform, unit)
        entry = _entry(destination, "explorer", _file_name(platform), chart)
        plt.close(chart.figure)
        views.append({**entry, "provenance": provenance, "title": explorer.view_title(platform, unit),
                      "figures": listed})
    _json(destination / CHARTS_FILE, {"format": CHARTS_FORMAT, "version": 1, "charts": charts, "explorer": views})


def _file_name(platform: str) -> str:
    """'X (ex-Twitter)' -> 'x-ex-twitter'; 'mesconfreres.fr' -> 'mesconfreres-fr'."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", platform).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
