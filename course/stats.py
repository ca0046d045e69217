"""The statistics table (data/chiffres.csv): every figure with its source, as a typed DataFrame."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .paths import data_dir
from .sources import load_sources

COLUMNS = ["id", "value", "unit", "measure", "subject", "platform", "geography", "population", "as_of",
           "source", "location", "note"]
REQUIRED = ["id", "value", "unit", "measure", "subject", "platform", "geography", "as_of", "source", "location"]


class StatsError(ValueError):
    """A row of the statistics table is unusable; the message names the file and the line."""


def load_figures(path: Path | None = None, sources_csv: Path | None = None) -> pd.DataFrame:
    path = path or data_dir() / "chiffres.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != COLUMNS:
        raise StatsError(f"{path} : colonnes attendues {', '.join(COLUMNS)}")
    known = set(load_sources(sources_csv))
    problems = []
    for index, row in table.iterrows():
        line = index + 2  # header is line 1
        where = f"{path.name}, ligne {line} (« {row['id']} »)"
        for column in REQUIRED:
            if not row[column].strip():
                problems.append(f"{where} : colonne « {column} » vide")
        if row["source"] and row["source"] not in known:
            problems.append(f"{where} : source « {row['source']} » inconnue (absente de sources.csv)")
        try:
            float(row["value"])
        except ValueError:
            problems.append(f"{where} : valeur « {row['value']} » non numérique")
    duplicated = table["id"][table["id"].duplicated()]
    problems += [f"{path.name} : identifiant « {value} » en double" for value in duplicated]
    if problems:
        raise StatsError("\n".join(problems))
    table["value"] = table["value"].astype(float)
    return table.set_index("id", drop=False)
