"""French typography applied to every text a person reads (widgets, errors, CLI)."""

from __future__ import annotations

import re

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

# An ordinary space before a high punctuation mark or a closing guillemet, or after
# an opening guillemet, becomes non-breaking, so the mark never starts a line.
_BEFORE = re.compile(r"[ \t]+([:;!?»])")
_AFTER = re.compile(r"«[ \t]+")
# A guillemet glued to its word gets its space.
_GLUED_OPEN = re.compile(r"«(?=[^\s\u00a0\u202f])")
_GLUED_CLOSE = re.compile(r"(?<=[^\s\u00a0\u202f])»")
# A number and its per cent sign stay on one line.
_PERCENT = re.compile(r"(?<=\d)[ \t]+%")


def french(text: str) -> str:
    """Return text with French spacing before ; : ! ? %, and inside « »."""
    text = _BEFORE.sub(lambda m: NBSP + m.group(1), text)
    text = _PERCENT.sub(NBSP + "%", text)
    text = _AFTER.sub("«" + NBSP, text)
    text = _GLUED_OPEN.sub("«" + NBSP, text)
    return _GLUED_CLOSE.sub(NBSP + "»", text)


def learner_text(text: str) -> str:
    """French typography for prose a learner reads: curly apostrophes, and the spacing of french()."""
    return french(text.replace("'", "’"))


def decimal(value: float | None, digits: int = 2, missing: str = "") -> str:
    """2.5 -> '2,50' (a fixed number of decimals, for tables and CSV files); None -> missing."""
    return missing if value is None else f"{value:.{digits}f}".replace(".", ",")


def short(value: float) -> str:
    """0.5 -> '0,5', 2.0 -> '2', 1.256 -> '1,26': at most two decimals, no trailing zeros (scores in sentences)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def thousands(value: float, decimals: int = 0) -> str:
    """12800 -> '12 800', 2.9 -> '2,9' (French digits, narrow no-break space)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NARROW_NBSP).replace(".", ",")
