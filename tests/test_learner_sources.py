"""The sources a learner reads under a question or a rule are short, correct and safe: no instructor note,
the right part of the Code de la santé publique, a link to Légifrance for a code article, and a plain word
when the rule cited belongs to another profession."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from course.bank import load_bank
from course.bank.model import PROFESSIONS, Reference
from course.learner.rules import theme_html
from course.sources import Source, load_sources, references_html

# What must never reach a learner: instructions for instructors and the long notes on how a source was dated.
INSTRUCTOR_WORDS = ("revérifier", "non daté ; écrit", "à vérifier", "avant chaque session", "relayé", "daté à tort")
PROFILES = [None, *PROFESSIONS]


class _Page(HTMLParser):
    """The text a learner reads and the addresses of the links, from a piece of HTML."""

    def __init__(self, markup: str):
        super().__init__()
        self.text, self.links = [], []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    return load_sources()


@pytest.fixture(scope="module")
def bank():
    return load_bank(with_graded=False)


def _internal_ids(text: str, sources) -> list[str]:
    return [source_id for source_id in sources if re.search(rf"(?<![\w-]){re.escape(source_id)}(?![\w-])", text)]


def _leaks(markup: str, sources) -> list[str]:
    words = _Page(markup).words
    found = [word for word in INSTRUCTOR_WORDS if word in words]
    found += [f"note : {source.instructor_note}" for source in sources.values()
              if source.instructor_note and source.instructor_note in words]
    return found + [f"identifiant : {source_id}" for source_id in _internal_ids(words, sources)]


def test_no_reference_line_of_the_open_bank_shows_an_instructor_note_or_an_internal_id(bank, sources):
    problems = []
    for item in bank.items.values():
        for profession in PROFILES:
            leaks = _leaks(references_html(item.references, sources, profession), sources)
            problems += [f"{item.id} ({profession}) : {leak}" for leak in leaks]
    assert not problems, "\n".join(sorted(set(problems)))


def test_no_rules_panel_shows_an_instructor_note_or_an_internal_id(bank, sources):
    problems = []
    for theme in bank.pathway.themes:
        for profession in PROFILES:
            for country in (None, "france", "maroc"):
                markup = theme_html(theme, {"profession": profession, "pays": country}, sources)
                problems += [f"{theme.id} ({profession}, {country}) : {leak}" for leak in _leaks(markup, sources)]
    assert not problems, "\n".join(sorted(set(problems)))


def test_a_legislative_article_is_labelled_legislative_not_deontology(sources):
    words = _Page(references_html([Reference("csp", "L.1110-4")], sources, "infirmier")).words
    assert "art. L.1110-4, Code de la santé publique, partie législative" in words
    assert "déontologie" not in words and "réglementaire" not in words


@pytest.mark.parametrize("article, code", [
    ("R.4127-19-1", "code de déontologie des médecins (CSP, partie réglementaire)"),
    ("R.4312-68-1", "code de déontologie des infirmiers (CSP, partie réglementaire)"),
    ("R.4235-18", "code de déontologie des pharmaciens (CSP, partie réglementaire)"),
    ("R.4321-67-1", "code de déontologie des masseurs-kinésithérapeutes (CSP, partie réglementaire)"),
    ("R.4127-215-1", "code de déontologie des chirurgiens-dentistes (CSP, partie réglementaire)"),
    ("R.4113-110", "Code de la santé publique, partie réglementaire"),
])
def test_a_regulatory_article_names_its_code_from_its_number(sources, article, code):
    assert f"art. {article}, {code}" in _Page(references_html([Reference("csp", article)], sources, None)).words


def test_a_nurse_reading_a_doctors_article_is_told_it_is_the_doctors_rule(sources):
    doctors = [Reference("csp", "R.4127-4")]
    for_nurse = _Page(references_html(doctors, sources, "infirmier")).words
    assert "règle des médecins, pour comparaison" in for_nurse
    assert "comparaison" not in _Page(references_html(doctors, sources, "medecin")).words
    assert "comparaison" not in _Page(references_html(doctors, sources, None)).words  # no profile: nothing extra
    own = _Page(references_html([Reference("csp", "R.4312-5")], sources, "infirmier")).words
    assert "comparaison" not in own


def test_a_whole_text_for_doctors_says_so_to_another_profession(sources):
    words = _Page(references_html([Reference("maroc-code-deontologie-1953", "4"), Reference("cnom-charte-2025")],
                                  sources, "infirmier")).words
    assert "art. 4, Arrêté résidentiel" in words and "règle des médecins, pour comparaison" in words
    assert "texte propre aux médecins, pour comparaison" in words


def test_every_csp_article_of_the_bank_links_to_legifrance_over_https(bank, sources):
    cited = {reference.article for item in bank.items.values() for reference in item.references
             if reference.source == "csp" and reference.article}
    assert len(cited) > 20
    for article in sorted(cited):
        links = _Page(references_html([Reference("csp", article)], sources, None)).links
        assert len(links) == 1, article
        number = article.replace(".", "")
        assert links[0]["href"] == ("https://www.legifrance.gouv.fr/search/code?tab_selection=code"
                                    f"&searchField=NUM_ARTICLE&query={number}"), article
        assert links[0]["target"] == "_blank" and links[0]["rel"] == "noopener"


def test_other_sources_link_to_their_own_address(sources):
    links = _Page(references_html([Reference("seed-001"), Reference("cnom-livre-blanc-2011")], sources, None)).links
    assert [link["href"] for link in links] == [sources["seed-001"].url]  # no address, no link


def test_a_date_is_short(sources):
    words = _Page(references_html([Reference("seed-000"), Reference("seed-001")], sources, None)).words
    assert "2015 (non daté)" in words and "13 mars 2019" in words
    for source in sources.values():
        assert len(source.date_note) <= 20, f"{source.id} : note de date trop longue pour un apprenant"


def test_data_from_the_table_is_escaped_and_only_web_addresses_become_links():
    hostile = {"x": Source("x", "reference", "article", "<script>alert(1)</script>", "<b>Éditeur</b>", "2020",
                           "", "javascript:alert(1)"),
               "y": Source("y", "reference", "article", "Titre", "Éditeur", "2020", "",
                           'https://example.org/"><script>alert(2)</script>')}
    markup = references_html([Reference("x", where="<img src=x onerror=alert(3)>"), Reference("y")], hostile, None)
    assert "<script" not in markup and "<img" not in markup and "<b>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "javascript:" not in markup and "example.org" not in markup


def test_no_reference_no_list(sources):
    assert references_html([], sources, "infirmier") == ""
    assert references_html([Reference("source-inconnue", "R.4127-4")], sources, None) == ""


def test_the_doctors_rule_shown_for_comparison_says_so_in_the_panel_and_in_its_source_line(bank, sources):
    theme = next(theme for theme in bank.pathway.themes
                 if not any("pharmacien" in rule.tags.professions for rule in theme.rules)
                 and any("medecin" in rule.tags.professions and any(
                     (reference.article or "").startswith("R.4127") for reference in rule.references)
                         for rule in theme.rules))
    words = _Page(theme_html(theme, {"profession": "pharmacien", "pays": "france"}, sources)).words
    assert "ne s’applique pas à votre profession" in words
    assert "règle des médecins, pour comparaison" in words


def test_articles_of_one_code_cited_alike_share_a_line_and_keep_their_own_links(sources):
    markup = references_html([Reference("csp", "R.4127-19"), Reference("csp", "L.1110-4"),
                              Reference("csp", "R.4127-19-1"), Reference("csp", "R.4127-19")], sources, "infirmier")
    page = _Page(markup)
    assert markup.count("<li>") == 2
    assert "art. R.4127-19 et R.4127-19-1, code de déontologie des médecins" in page.words
    assert [link["href"].rsplit("=", 1)[1] for link in page.links] == ["R4127-19", "R4127-19-1", "L1110-4"]


def test_no_module_shows_a_source_id_or_an_instructor_note_to_the_learner(sources):
    """Source lists at the end of the modules name their sources as a reader would, and the notes on how a source was
    checked or how to run a session live in the instructor's guide (formateur/guide_du_formateur.md)."""
    from learner_text import REPO, markdown_cells

    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        text = " ".join(" ".join(markdown_cells(notebook)).replace("\u00a0", " ").replace("\u202f", " ").split())
        shown = _internal_ids(text, sources)
        shown += [words for words in ("Note pour le formateur", "revérifier", "avant chaque session",
                                      "fichier des sources", "daté à tort") if words in text]
        assert not shown, f"{notebook.name} : réservé au formateur ou interne, affiché à l’apprenant : {shown}"


def test_the_instructors_guide_keeps_the_notes_taken_out_of_the_modules():
    from learner_text import REPO

    guide = (REPO / "formateur" / "guide_du_formateur.md").read_text(encoding="utf-8")
    notes = guide[guide.index("## 7. Animer les modules"):]
    for module in ("Module 2", "Module 3", "Module 4", "Module 5"):
        assert f"### {module} — " in notes
    assert "R.4127-14" in notes and "Bulletin officiel" in notes
