"""The pre-built course read at run time, with the standard library only."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..bank import Bank
from ..bank.serialize import bank_from_data
from . import BANK_FILE, CHARTS_FILE


@lru_cache(maxsize=2)
def bank(folder: Path) -> Bank:
    """The open bank written at build time (no graded module is ever written there)."""
    return bank_from_data(json.loads((folder / BANK_FILE).read_text(encoding="utf-8")))


@lru_cache(maxsize=2)
def charts(folder: Path) -> dict:
    """The charts' index: {"charts": {name: entry}, "explorer": [entry, …]} (see build.py for an entry)."""
    return json.loads((folder / CHARTS_FILE).read_text(encoding="utf-8"))


def image(folder: Path, entry: dict) -> bytes:
    return (folder / entry["svg"]).read_bytes()
