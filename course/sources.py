"""The sources table (data/sources.csv) and how a reference to it is shown to a learner.

Each row of data/sources.csv has, besides its title, publisher, date and address:
- date_note: a short qualifier of the date that a learner may read (« non daté », « version citée »), or nothing;
- profession: the profession whose rules the whole text binds (a code of deontology, a decree, an Ordre's
  guide), or nothing;
- instructor_note: how the source was dated, through which site it was read, what must be re-checked before a
  session. It is for instructors only: nothing here ever shows it to a learner.

A learner reads references through references_html (feedback under a question, rules panels)."""

from __future__ import annotations

import csv
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from .paths import data_dir
from .typography import french

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
    date_note: str  # short, for learners: « non daté », « version citée »
    url: str
    profession: str = ""  # whose rules the whole text binds (a key of bank.model.PROFESSIONS), if any
    instructor_note: str = ""  # never shown to a learner

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

    @property
    def short_date(self) -> str:
        """'13 mars 2019', '2015 (non daté)'."""
        return self.date_label + (f" ({self.date_note})" if self.date_note else "")

    def citation(self) -> str:
        return f"{self.title}, {self.publisher} ({self.date_label}{', ' + self.date_note if self.date_note else ''})"


def load_sources(path: Path | None = None) -> dict[str, Source]:
    """The sources table: `path`, else the browser site's pre-built copy, else data/sources.csv."""
    if path is None:
        from .prebuilt import SOURCES_FILE, folder

        built = folder()
        path = built / SOURCES_FILE if built else data_dir() / "sources.csv"
    return dict(_load_sources(path.resolve()))


@lru_cache(maxsize=4)
def _load_sources(path: Path) -> tuple[tuple[str, Source], ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple((row["id"], Source(**row)) for row in rows)


# --- What a learner reads under a question or a rule -------------------------------------------------

# The Code de la santé publique, as Légifrance names it (the csp row of sources.csv points at this page).
CSP_TEXT_ID = "LEGITEXT000006072665"
_LEGIFRANCE_CODE = "https://www.legifrance.gouv.fr/codes/"
# A Légifrance search by article number, chosen over an article page. Légifrance's article pages
# (codes/article_lc/LEGIARTI…) need an identifier that is not derivable from the number and that names one
# dated version: a new version gets a new identifier, so a stored one silently points at an outdated text.
# The search by number (searchField=NUM_ARTICLE) needs only the number, searches the codes in force, names the
# code of each result, and answers « 0 résultat » rather than an error if an article is renumbered. It is the
# address several public tools build for the same purpose (one reports, in April 2026, that Légifrance answers
# it with a redirect to its code search); it could not be opened from here (no network). Légifrance writes
# the numbers without the dot (R4127-4).
_LEGIFRANCE_SEARCH = "https://www.legifrance.gouv.fr/search/code?"

_CSP_ARTICLE = re.compile(r"^(?P<part>[LRD])\.?\s*(?P<chapter>\d{4})-(?P<first>\d+)(?:-\d+)*$")

# The codes of deontology inside the CSP (regulatory part): chapter, article range, profession, who it binds.
# Physicians R.4127-1 to -112, dentists R.4127-201 to -284, midwives R.4127-301 to -367 (one chapter, three
# codes); nurses R.4312-1 and following (décret n° 2016-1605); pharmacists R.4235-1 and following (the code
# of March 2026 keeps the chapter: R.4235-18 is in force since 6 March 2026); physiotherapists R.4321-51 and
# following; podiatrists R.4322-31 and following.
_DEONTOLOGY_CODES = (
    ("4127", 1, 199, "medecin", "médecins", "médecins"),
    ("4127", 201, 299, "chirurgien-dentiste", "chirurgiens-dentistes", "chirurgiens-dentistes"),
    ("4127", 301, 399, "sage-femme", "sages-femmes", "sages-femmes"),
    ("4312", 1, 999, "infirmier", "infirmiers", "infirmier·e·s"),
    ("4235", 1, 999, "pharmacien", "pharmaciens", "pharmacien·ne·s"),
    ("4321", 51, 999, "kinesitherapeute", "masseurs-kinésithérapeutes", "masseurs-kinésithérapeutes"),
    ("4322", 31, 999, "pedicure-podologue", "pédicures-podologues", "pédicures-podologues"),
)
# Who a source's profession column names, in the learner's words.
_PEOPLE = {profession: people for _chapter, _low, _high, profession, _code, people in _DEONTOLOGY_CODES}


@dataclass(frozen=True)
class _Line:
    """One reference as a learner reads it: [article, ]label[, rest], linked to url, with a note."""

    article: str | None
    label: str
    rest: str
    url: str
    link_article: bool  # the link opens the article itself (Légifrance), not only the text it belongs to
    note: str


def _csp_article(article: str) -> tuple[str, str | None]:
    """The CSP part (and code of deontology) an article number belongs to, computed from the number:
    (label, profession bound by it or None)."""
    match = _CSP_ARTICLE.match(article.strip())
    if not match:
        return "Code de la santé publique", None
    if match["part"] == "L":
        return "Code de la santé publique, partie législative", None
    first = int(match["first"])
    for chapter, low, high, profession, code_name, _people in _DEONTOLOGY_CODES:
        if match["chapter"] == chapter and low <= first <= high:
            return f"code de déontologie des {code_name} (CSP, partie réglementaire)", profession
    return "Code de la santé publique, partie réglementaire", None


def legifrance_article_url(article: str) -> str:
    """The Légifrance search for one code article by its number ('R.4127-4' -> query=R4127-4)."""
    number = re.sub(r"[\s.]", "", article)
    return _LEGIFRANCE_SEARCH + urlencode({"tab_selection": "code", "searchField": "NUM_ARTICLE",
                                           "query": number})


def _safe_url(url: str) -> str:
    """Only web addresses become links (never javascript: or a local path)."""
    url = url.strip()
    return url if re.match(r"^https?://[^\s\"'<>]+$", url) else ""


def _comparison(profession: str | None, bound: str | None, article: str | None) -> str:
    if profession is None or not bound or bound == profession:
        return ""
    people = _PEOPLE.get(bound, bound)
    return f"règle des {people}, pour comparaison" if article else f"texte propre aux {people}, pour comparaison"


def _line(reference, source: Source, profession: str | None) -> _Line:
    article = (reference.article or "").strip() or None
    where = (reference.where or "").strip()
    is_code = source.url.startswith(_LEGIFRANCE_CODE)
    if is_code:
        # A French code: its label comes from the article itself, its date is that of the version in force.
        bound = source.profession or None
        label = source.title
        if CSP_TEXT_ID in source.url:
            label, bound = _csp_article(article) if article else (source.title, bound)
        url = legifrance_article_url(article) if article else _safe_url(source.url)
        return _Line(article, label, where, url, bool(article), _comparison(profession, bound, article))
    parts = []
    if source.publisher and source.publisher != "Légifrance":
        parts.append(source.publisher)
    if source.date[:4] not in source.title:  # « Décret n° 2020-1662 du 22 décembre 2020 … » carries its date
        parts.append(source.short_date)
    if where:
        parts.append(where)
    return _Line(article, source.title, ", ".join(parts), _safe_url(source.url), False,
                 _comparison(profession, source.profession or None, article))


def _link(text: str, url: str) -> str:
    if not url:
        return text
    return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">{text}</a>'


def _text(value: str) -> str:
    return html.escape(french(value), quote=False)


def _enumerate(pieces: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b et c'."""
    return pieces[0] if len(pieces) == 1 else ", ".join(pieces[:-1]) + " et " + pieces[-1]


def _group_html(lines: list[_Line]) -> str:
    """One list item for the references that differ only by their article: « art. R.4127-19, R.4127-19-1 et
    R.4127-13, code de déontologie des médecins (…) » rather than three lines saying the same thing."""
    first = lines[0]
    articles = list(dict.fromkeys((line.article, line.url) for line in lines if line.article))
    if first.link_article:
        links = [_link(_text(("art. " if index == 0 else "") + article), url)
                 for index, (article, url) in enumerate(articles)]
        head = _enumerate(links) + ", " + _text(first.label)
    else:
        numbers = _text("art. " + _enumerate([article for article, _url in articles])) + ", " if articles else ""
        head = numbers + _link(_text(first.label), first.url)
    return head + (", " + _text(first.rest) if first.rest else "") + (" — " + _text(first.note) if first.note else "")


def references_html(references, sources: dict[str, Source], profession: str | None) -> str:
    """The references of a question or a rule as an HTML list (<ul>…</ul>, or '' when there is none).

    Each line is short: the article when there is one, the text's title (for a CSP article, the part of the
    code and the code of deontology it belongs to, computed from its number), the publisher and a short date
    for other sources, the passage cited, and a link (Légifrance for a code article, the source's address
    otherwise). Articles of one text, cited alike, share a line. When profession is given and the rule or
    text binds another profession, the line says it is there for comparison. Instructor notes never appear;
    every piece of data is escaped."""
    groups: dict[tuple, list[_Line]] = {}
    for reference in references:
        source = sources.get(reference.source)
        if source is None:  # the bank validator refuses unknown sources; never show an internal id
            continue
        line = _line(reference, source, profession)
        key = (line.label, line.rest, line.note, line.link_article, "" if line.link_article else line.url,
               line.article is None)
        groups.setdefault(key, []).append(line)
    items = "".join(f"<li>{_group_html(lines)}</li>" for lines in groups.values())
    return f"<ul>{items}</ul>" if items else ""
