"""The sources table (data/sources.csv) and how a reference to it is shown to a learner."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .paths import data_dir

_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"]


@dataclass(frozen=True)
class Source:
    id: str
    origin: str  # "seed" (one of the five articles) or "reference" (checked later source)
    kind: str
    title: str
    publisher: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    date_note: str
    url: str

    @property
    def date_label(self) -> str:
        """'2019-03-13' -> '13 mars 2019'; '2016-09' -> 'septembre 2016'."""
        parts = self.date.split("-")
        if len(parts) == 3:
            day = int(parts[2])
            return f"{'1er' if day == 1 else day} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        return parts[0]

    def citation(self) -> str:
        date = self.date_label + (f", {self.date_note}" if self.date_note else "")
        return f"{self.title}, {self.publisher} ({date})"


def load_sources(path: Path | None = None) -> dict[str, Source]:
    path = path or data_dir() / "sources.csv"
    return dict(_load_sources(path.resolve()))


@lru_cache(maxsize=4)
def _load_sources(path: Path) -> tuple[tuple[str, Source], ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple((row["id"], Source(**row)) for row in rows)


def format_reference(reference, sources: dict[str, Source]) -> str:
    """One line a learner reads: the rule's article first, then where it comes from."""
    source = sources.get(reference.source)
    text = source.citation() if source else reference.source
    if reference.article:
        text = f"art. {reference.article} — {text}"
    if reference.where:
        text += f", {reference.where}"
    return text
