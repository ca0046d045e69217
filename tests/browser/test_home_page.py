"""On the course home in real JupyterLab: the learner reads one path, chooses a profile from lists that say
what to choose, reads every button's whole label on a laptop and on a phone, sees their progress follow what
another module's kernel records, and erases their data after a confirmation. Then the positioning and final
tests: after « Terminer le test » the page is short, one folded group per objective.

Figures measured here are printed with [mesure] (pytest -s), never asserted beyond their bound."""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import Screenshots, course_copy, new_page, start_lab, stop_lab
from .test_self_paced import AXE, axe_violations

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 400, "height": 800}
# The results of a test, with every objective folded, must fit in about two laptop screens (the questions of the
# test take ten times that); before the corrections were folded the page measured about 9,400 px.
SHORT_RESULTS_PX = 1600


def wait_for_idle_kernel(page) -> None:
    """The status bar's « Python 3 (ipykernel) | Idle » (« Inactif » in a French JupyterLab)."""
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| (Idle|Inactif)")).first.wait_for()


def open_notebook(page, lab, path: str) -> None:
    """The notebook alone in a workspace of its own: a notebook left open by an earlier page would come back
    with it, and the status bar could show that one's idle kernel while this one's is still starting."""
    workspace = re.sub(r"\W", "-", path)
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{path}?token={lab.token}")
    page.get_by_role("tab", name=path.rsplit("/", 1)[-1]).first.wait_for()
    wait_for_idle_kernel(page)


def run_all_cells(page) -> None:
    """What the home page tells the learner: menu « Exécution › Exécuter toutes les cellules » (in English:
    « Run › Run All Cells »)."""
    page.get_by_role("menuitem", name=re.compile(r"^(Run|Ex[ée]cution|Ex[ée]cuter)$")).click()
    page.locator(".lm-Menu-itemLabel").filter(
        has_text=re.compile(r"^(Run All Cells|Exécuter toutes les cellules)$")).click()


def toggle_left_sidebar(page) -> None:
    """Close (or open again) the file browser, with JupyterLab's shortcut (the same in every language)."""
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+b")


def cut_buttons(page, scope: str) -> list[dict]:
    """Every visible button under `scope` whose label does not fit its box (what an ellipsis hides)."""
    return page.locator(scope).evaluate_all("""scopes => scopes.flatMap(scope =>
        [...scope.querySelectorAll('button')].filter(b => b.offsetParent !== null).map(b => ({
            label: b.textContent.trim(), scrollWidth: b.scrollWidth, clientWidth: b.clientWidth,
            right: b.getBoundingClientRect().right, height: b.getBoundingClientRect().height})))""")


def outside_the_page(page, scope: str) -> list[str]:
    """Controls under `scope` that go past the right edge of the notebook (a phone would have to scroll)."""
    return page.locator(scope).evaluate_all("""scopes => scopes.flatMap(scope => {
        const area = scope.closest('.jp-OutputArea-output') || scope;
        const edge = area.getBoundingClientRect().right + 1;
        return [...scope.querySelectorAll('button, select')].filter(e => e.offsetParent !== null)
            .filter(e => e.getBoundingClientRect().right > edge).map(e => e.textContent.trim().slice(0, 40));
    })""")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("cours"))
    data = tmp_path_factory.mktemp("donnees") / "mes-donnees"
    lab = start_lab(root, tmp_path_factory.mktemp("jupyter"), COURSE_ROOT=str(root), COURS_MES_DONNEES=str(data))
    lab.data = data
    yield lab
    stop_lab(lab)


@pytest.fixture(scope="module")
def home(browser, lab):
    page = new_page(browser)
    page.set_viewport_size(LAPTOP)
    open_notebook(page, lab, "notebooks/00_accueil.ipynb")
    run_all_cells(page)
    page.locator(".cours-mes-donnees").wait_for()
    page.locator(".cours-progression").wait_for()
    yield page, lab.data
    page.context.close()


def test_the_home_page_gives_one_path_and_says_why_there_is_no_module_6(home):
    page, _ = home
    path = page.locator(".jp-MarkdownOutput", has_text="Votre parcours")
    links = [text.strip() for text in path.locator("table a").all_inner_texts()]
    assert links == ["Test de positionnement", "Module 1 — Panorama des plateformes",
                     "Module 2 — Pourquoi et comment y aller", "Module 3 — Les risques",
                     "Module 4 — Déontologie et droit", "Module 5 — Cas pratiques", "Test final",
                     "Questionnaire de satisfaction"]
    starts = page.locator(".jp-MarkdownOutput").get_by_text(re.compile("Pour commencer"))
    expect(starts).to_have_count(1)
    assert "test de positionnement" in starts.locator("xpath=..").inner_text()
    assert "Pourquoi pas de module 6" in path.inner_text() and "Assignments" in path.inner_text()
    path.scroll_into_view_if_needed()
    Screenshots("accueil-parcours").take(page, "parcours")


def test_the_profile_lists_say_what_to_choose_and_the_chosen_profile_is_saved(home):
    page, data = home
    shots = Screenshots("accueil")
    profile = page.locator(".cours-profil")
    chosen = profile.locator("select").evaluate_all(  # ipywidgets writes option labels with no-break spaces
        "lists => lists.map(l => l.options[l.selectedIndex]?.text.replace(/\\u00a0/g, ' '))")
    assert chosen == ["Choisissez votre profession", "Choisissez votre pays"]
    profile.scroll_into_view_if_needed()
    shots.take(page, "profil-a-choisir")
    profile.locator("select").nth(0).select_option(label="infirmier·e")
    profile.get_by_role("button", name="Enregistrer mon profil").click()  # the country is still to choose
    expect(profile.locator(".cours-avertissement")).to_contain_text("Choisissez une profession et un pays")
    assert not (data / "mes-donnees.json").exists() or "profession" not in json.loads(
        (data / "mes-donnees.json").read_text(encoding="utf-8")).get("profil", {})
    profile.locator("select").nth(1).select_option(label="Maroc")
    profile.get_by_role("button", name="Enregistrer mon profil").click()
    expect(profile.locator(".cours-etat")).to_contain_text("Profil enregistré\u00a0: infirmier·e, Maroc")
    shots.take(page, "profil")
    saved = json.loads((data / "mes-donnees.json").read_text(encoding="utf-8"))
    assert (saved["profil"]["profession"], saved["profil"]["pays"]) == ("infirmier", "maroc")


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur-1280", "telephone-400"])
def test_every_button_shows_its_whole_label(home, size):
    page, _ = home
    page.set_viewport_size(size)
    narrow = size["width"] < 600
    if narrow:
        toggle_left_sidebar(page)  # on a phone the file browser is closed, or the notebook is 50 px wide
    try:
        panel = page.locator(".cours-mes-donnees")
        panel.get_by_role("button", name="Effacer mes données").click()  # the confirmation's buttons too
        expect(panel.get_by_role("button", name="Oui, tout effacer")).to_be_visible()
        page.locator(".cours-profil").scroll_into_view_if_needed()
        Screenshots(f"accueil-boutons-{size['width']}").take(page, "profil")
        panel.scroll_into_view_if_needed()
        Screenshots(f"accueil-boutons-{size['width']}").take(page, "mes-donnees")
        buttons = cut_buttons(page, ".cours-profil, .cours-mes-donnees")
        panel.get_by_role("button", name="Annuler").click()
    finally:
        if narrow:
            toggle_left_sidebar(page)
        page.set_viewport_size(LAPTOP)
    assert {b["label"] for b in buttons} >= {"Enregistrer mon profil", "Exporter en JSON", "Exporter en CSV",
                                             "Effacer mes données", "Oui, tout effacer", "Annuler"}
    print(f"\n[mesure] boutons à {size['width']} px : " + " ; ".join(
        f"« {b['label']} » {b['scrollWidth']}/{b['clientWidth']} px" for b in buttons))
    cut = [b for b in buttons if b["scrollWidth"] > b["clientWidth"]]
    assert not cut, f"libellés coupés : {cut}"
    assert not outside_the_page(page, ".cours-profil, .cours-mes-donnees")


def test_the_progress_follows_an_answer_recorded_in_another_module(home):
    """Another module's kernel writes the learner's file: the home page's table follows, with no re-run."""
    from course.learner.store import LearnerStore

    page, data = home
    table = page.locator(".cours-progression")
    row = table.locator("tr", has_text="Module 3 — Les risques")
    expect(row).to_contain_text("0 /")
    start = time.monotonic()
    LearnerStore(data).record("03", "reponse", question="risques-usurpation", reponse="a", score=1.0, sur=1)
    expect(row).to_contain_text("1 /", timeout=5_000)
    lag = time.monotonic() - start
    table.scroll_into_view_if_needed()
    Screenshots("accueil-progression").take(page, "a-jour")
    print(f"\n[mesure] tableau de progression à jour {lag * 1000:.0f} ms après l’écriture du fichier")
    assert lag < 3
    assert "00 —" not in table.inner_text() and "07 —" not in table.inner_text()


def test_the_home_widgets_have_no_serious_accessibility_violation(home):
    if not AXE.exists():
        pytest.skip("axe-core absent (« npm install » dans le dépôt) : test d'accessibilité ignoré")
    page, _ = home
    page.add_script_tag(path=str(AXE))
    found = [v for v in axe_violations(page, [".cours-profil", ".cours-mes-donnees", ".cours-progression"])
             if v["impact"] in ("serious", "critical")]
    assert not found, "\n".join(f"{v['id']} ({v['impact']}) : {v['help']} — {v['nodes'][:3]}" for v in found)


def test_erasing_takes_a_confirmation_and_leaves_nothing_on_disk(home):
    page, data = home
    panel = page.locator(".cours-mes-donnees")
    panel.get_by_role("button", name="Exporter en CSV").click()
    expect(panel).to_contain_text("Export écrit")
    panel.get_by_role("button", name="Effacer mes données").click()
    confirm = panel.get_by_role("button", name="Oui, tout effacer")
    expect(confirm).to_be_visible()
    assert data.exists()  # nothing erased before the confirmation
    confirm.click()
    expect(panel).to_contain_text("Vos données ont été effacées")
    assert not data.exists()


def height(locator) -> int:
    return round(locator.evaluate("e => e.getBoundingClientRect().height"))


def take_test(browser, lab, notebook: str, flow: str) -> dict[str, int]:
    """Open a test, answer its first question, finish it; the heights of the test before and after."""
    page = new_page(browser)
    page.set_viewport_size(LAPTOP)
    shots = Screenshots(flow)
    try:
        open_notebook(page, lab, f"notebooks/{notebook}")
        run_all_cells(page)
        test = page.locator(".cours-test")
        first = test.locator(".cours-question").first
        first.wait_for()
        first.locator("input").first.check()
        first.get_by_role("button", name="Valider").click()
        expect(first).to_contain_text("Réponse enregistrée")
        heights = {"questions": height(test)}
        test.get_by_role("button", name="Terminer le test").click()
        page.locator(".cours-objectif").first.wait_for()
        heights["résultats"] = height(test)
        test.scroll_into_view_if_needed()
        shots.take(page, "resultats")
        print(f"\n[mesure] {notebook} à 1280 px : questions {heights['questions']} px ; "
              f"résultats {heights['résultats']} px")
        assert heights["résultats"] < SHORT_RESULTS_PX < heights["questions"]
        folds = test.locator(".cours-objectif")
        assert folds.count() == 5 and test.locator(".cours-correction").count() == 0
        summaries = folds.locator(".cours-objectif-resume").all_inner_texts()
        assert all(re.search(r"\d+ / \d+ points? \(\d+\u00a0%\)", text) for text in summaries), summaries
        folds.first.get_by_role("button", name=re.compile("Voir la correction")).click()
        folds.first.locator(".cours-correction, .cours-objectif-texte").first.wait_for()
        heights["un objectif ouvert"] = height(test)
        folds.first.scroll_into_view_if_needed()
        shots.take(page, "objectif-ouvert")
        folds.first.get_by_role("button", name="Masquer la correction").click()
        expect(folds.first.locator(".cours-objectif-texte")).to_be_hidden()
        assert not [b for b in cut_buttons(page, ".cours-test") if b["scrollWidth"] > b["clientWidth"]]
        return heights
    except Exception:
        shots.take(page, "echec")
        raise
    finally:
        page.context.close()


def test_after_the_positioning_then_the_final_test_the_results_page_is_short(browser, lab):
    for notebook, flow in (("test_de_positionnement.ipynb", "test-positionnement"), ("test_final.ipynb", "test-final")):
        heights = take_test(browser, lab, notebook, flow)
        print(f"[mesure] {notebook}, un objectif ouvert : {heights['un objectif ouvert']} px")
        assert heights["un objectif ouvert"] > heights["résultats"]
