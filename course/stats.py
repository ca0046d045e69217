"""The statistics table (data/chiffres.csv) and the timeline (data/evenements.csv), validated, as typed
pandas DataFrames: every figure has a known source, a unit from a fixed list and a date."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .paths import data_dir
from .sources import load_sources

COLUMNS = ["id", "value", "unit", "measure", "subject", "platform", "geography", "population", "as_of",
           "source", "location", "note"]
REQUIRED = ["id", "value", "unit", "measure", "subject", "platform", "geography", "as_of", "source", "location"]
UNITS = {"abonnés", "publications", "personnes", "%", "publications par minute", "caractères", "année", "années",
         "minutes par jour", "publications par semaine", "mois", "année d'études", "membres"}
EVENT_COLUMNS = ["id", "date", "event", "platform", "source", "note"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class StatsError(ValueError):
    """A row of a data table is unusable; the message names the file, the line and the column."""


def _check_table(path: Path, table: pd.DataFrame, columns: list[str], required: list[str], date_column: str,
                 known_sources: set[str], extra_checks=None) -> None:
    if list(table.columns) != columns:
        raise StatsError(f"{path.name} : colonnes attendues {', '.join(columns)} ; trouvées {', '.join(table.columns)}")
    problems = []
    for index, row in table.iterrows():
        where = f"{path.name}, ligne {index + 2} (« {row['id']} »)"  # line 1 is the header
        problems += [f"{where} : colonne « {column} » vide" for column in required if not row[column].strip()]
        if row["source"] and row["source"] not in known_sources:
            problems.append(f"{where} : source « {row['source']} » inconnue (absente de sources.csv)")
        if row[date_column] and not _valid_date(row[date_column]):
            problems.append(f"{where} : date « {row[date_column]} » illisible (AAAA, AAAA-MM ou AAAA-MM-JJ)")
        if extra_checks:
            problems += [f"{where} : {problem}" for problem in extra_checks(row)]
    duplicated = table.index[table["id"].duplicated()]
    problems += [f"{path.name}, ligne {index + 2} : identifiant « {table.loc[index, 'id']} » en double"
                 for index in duplicated]
    if problems:
        raise StatsError("\n".join(problems))


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        pd.Timestamp(text)
    except ValueError:
        return False
    return True


def _figure_checks(row) -> list[str]:
    problems = []
    try:
        float(row["value"])
    except ValueError:
        problems.append(f"valeur « {row['value']} » non numérique")
    if row["unit"] and row["unit"] not in UNITS:
        problems.append(f"unité « {row['unit']} » inconnue (unités possibles : {', '.join(sorted(UNITS))})")
    return problems


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_figures(path: Path | None = None, sources_csv: Path | None = None) -> pd.DataFrame:
    path = path or data_dir() / "chiffres.csv"
    table = _read(path)
    _check_table(path, table, COLUMNS, REQUIRED, "as_of", set(load_sources(sources_csv)), _figure_checks)
    table["value"] = table["value"].astype(float)
    table["as_of_date"] = pd.to_datetime(table["as_of"], format="mixed")
    return table.set_index("id", drop=False)


def load_events(path: Path | None = None, sources_csv: Path | None = None) -> pd.DataFrame:
    path = path or data_dir() / "evenements.csv"
    table = _read(path)
    _check_table(path, table, EVENT_COLUMNS, ["id", "date", "event", "source"], "date",
                 set(load_sources(sources_csv)))
    table["when"] = pd.to_datetime(table["date"], format="mixed")
    return table.set_index("id", drop=False).sort_values("when")
