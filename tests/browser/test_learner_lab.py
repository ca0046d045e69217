"""The learner's JupyterLab, started exactly as `make cours` starts it (its own copy of the modules in the learner's
folder, the learner configuration), on a temporary home and Jupyter folders: a course in French, not a developer's
tool. One server and one page for the whole module, in the order a learner goes."""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import REPO

from .conftest import ARTIFACTS, Lab, Screenshots, free_port, jupyter_folders, new_page, serve, server_options, \
    stop_lab, wait_for_kernel

MENUS = ["Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Onglets", "Paramètres", "Évaluations", "Aide"]
INSTRUCTOR_WORDS = ("Create Assignment", "Nbgrader", "Formgrader", "Course List", "Validate")
NEWS = ("actualités officielles de Jupyter", "nouvelles officielles de Jupyter", "Jupyter news")


@pytest.fixture(scope="module")
def learner(tmp_path_factory):
    """`make cours` for a learner whose home folder is new: the recipe's own command, on a free port."""
    recipe = re.search(r"^cours:.*\n\t(.+)$", (REPO / "Makefile").read_text(), re.M).group(1)
    assert recipe == "$(BIN)/python -m course.learner.lab -- $(ROOT_FLAG) $(LAB_ARGS)"
    state = tmp_path_factory.mktemp("apprenant")
    home = state / "home"
    home.mkdir()
    env = jupyter_folders(state, {**os.environ, "HOME": str(home)})
    for chosen_elsewhere in ("COURS_MES_DONNEES", "COURS_DOSSIER_APPRENANT", "JUPYTER_CONFIG_PATH", "COURSE_ROOT"):
        env.pop(chosen_elsewhere, None)  # as on a learner's machine: the defaults
    port, token = free_port(), secrets.token_hex(16)
    folder = home / "cours-reseaux-sociaux"
    lab = serve([sys.executable, "-m", "course.learner.lab", "--", *server_options(port, token)], REPO, env,
                Lab(f"http://127.0.0.1:{port}", token, folder, None, state / "jupyterlab.log"))
    # The page `make cours` opens in the browser (Jupyter writes it out when it opens no browser itself).
    [opener] = Path(env["JUPYTER_RUNTIME_DIR"]).glob("jpserver-*-open.html")
    url = re.search(r'href="([^"]+)"', opener.read_text()).group(1)
    yield lab, folder, url
    stop_lab(lab)


@pytest.fixture(scope="module")
def page(browser, learner):
    lab, folder, url = learner
    page = new_page(browser)
    page.goto(url)
    wait_for_kernel(page)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def shots():
    return Screenshots("jupyterlab-apprenant")


def test_the_course_opens_on_the_home_page_of_the_learner_own_copy(learner, page):
    lab, folder, url = learner
    assert "/doc/tree/notebooks/00_accueil.ipynb" in url  # single-document mode, one module at a time
    assert (folder / "notebooks" / "00_accueil.ipynb").exists() and (folder / "docs" / "mes-donnees.md").exists()
    assert REPO not in folder.parents  # the server serves the learner's folder: the repository is never written
    expect(page.locator(".jp-Notebook h1").first).to_have_text(re.compile("Réseaux sociaux et professionnels"))


def test_jupyterlab_speaks_french_and_shows_no_news(page, shots):
    expect(page.locator(".lm-MenuBar-itemLabel")).to_have_text(MENUS)
    expect(page.get_by_text("Python 3 (ipykernel) | Inactif")).to_be_visible()
    page.wait_for_timeout(3000)  # the news question comes a moment after the page, on a fresh profile
    shots.take(page, "accueil")
    text = page.locator("body").inner_text()
    assert not [words for words in NEWS if words in text]
    assert page.locator(".Toastify__toast").count() == 0


def test_code_cells_of_a_module_are_collapsed(page):
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    assert cells.count() >= 2
    expect(page.locator(".jp-Notebook .jp-CodeCell .jp-InputPlaceholder")).to_have_count(cells.count())
    expect(page.locator(".jp-Notebook .jp-CodeCell .cm-editor:visible")).to_have_count(0)


def interface_text(page) -> str:
    """What JupyterLab itself shows (menus, side bars, toolbars, tabs, status bar), not the module's own text."""
    return page.evaluate("""() => {
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll('.jp-Notebook').forEach(node => node.remove());
        document.body.appendChild(copy);
        const text = copy.innerText;
        copy.remove();
        return text;
    }""")


def test_no_instructor_tool_in_the_page(page, shots):
    text = interface_text(page)
    assert "Fichier" in text and not [word for word in INSTRUCTOR_WORDS if word.lower() in text.lower()]
    assert page.locator("#nbgrader-create_assignemnt, #jp-mainmenu-nbgrader").count() == 0
    page.get_by_role("menuitem", name="Exécution", exact=True).click()
    shots.take(page, "menu-execution")
    run_all = page.locator(".lm-Menu-item", has_text="Exécuter toutes les cellules")
    expect(run_all.first.locator(".lm-Menu-itemShortcut")).to_have_text("Ctrl+Shift+Enter")
    page.keyboard.press("Escape")


def test_the_run_all_shortcut_runs_the_whole_module_and_saving_keeps_no_output(learner, page, shots):
    lab, folder, url = learner
    page.locator(".jp-Notebook .jp-MarkdownCell").first.click()  # a learner clicks in the text, then the keys
    page.keyboard.press("Control+Shift+Enter")
    page.locator(".cours-mes-donnees").wait_for()  # the last cell's panel, and the first cell's profile too
    expect(page.locator(".jp-Notebook .cours-profil")).to_have_count(1)
    # The learner's data go to their own folder, beside their modules.
    expect(page.locator(".cours-mes-donnees")).to_contain_text(str(folder / "mes-donnees"))
    page.locator(".cours-mes-donnees").scroll_into_view_if_needed()
    shots.take(page, "tout-execute")
    page.keyboard.press("Control+s")
    page.get_by_text("Enregistrement effectué").first.wait_for()
    saved = json.loads((folder / "notebooks" / "00_accueil.ipynb").read_text(encoding="utf-8"))
    code_cells = [cell for cell in saved["cells"] if cell["cell_type"] == "code"]
    assert code_cells and all(cell["outputs"] == [] for cell in code_cells)  # the pre-save hook of the lab config
    assert all(cell["metadata"]["jupyter"]["source_hidden"] for cell in code_cells)


def test_the_learner_assignments_are_in_the_evaluations_menu(page, shots):
    page.get_by_role("menuitem", name="Évaluations", exact=True).click()
    page.get_by_text("Assignment List", exact=True).click()
    page.get_by_text("Released assignments").wait_for()
    expect(page.locator(".jp-MainAreaWidget:visible").first).to_contain_text("Downloaded assignments")
    shots.take(page, "evaluations")
    page.go_back()  # single-document mode keeps one page per document in the browser's history


def test_a_link_to_the_next_module_opens_it_in_place(learner, page, shots):
    lab, folder, url = learner
    open_in_place(page, url, "00_accueil.ipynb")
    follow(page.get_by_role("link", name="Module 1 — Panorama des plateformes").first)
    page.wait_for_url("**/doc/tree/notebooks/01_plateformes.ipynb*")
    expect(page.locator(".jp-Notebook:visible h1").first).to_have_text(re.compile("Module 1"))
    expect(page.locator(".jp-Notebook:visible .jp-CodeCell .cm-editor:visible")).to_have_count(0)
    assert page.locator(".jp-MainAreaWidget:visible .jp-Notebook").count() == 1  # one document shown
    shots.take(page, "module-1")


# The README's three pictures (docs/captures/, refreshed by `make captures`): the home page, a question after its
# feedback and a scenario at its ending, as a learner sees them in the JupyterLab of `make cours`.
README_CAPTURES = {"accueil": "readme-accueil.png", "question": "readme-question.png",
                   "scenario": "readme-scenario.png"}


def open_in_place(page, url: str, notebook: str) -> None:
    page.goto(url.replace("notebooks/00_accueil.ipynb", f"notebooks/{notebook}"))
    wait_for_kernel(page)


def follow(link) -> None:
    """A link of the course, clicked where the learner sees it."""
    link.scroll_into_view_if_needed()
    link.click()


def run_the_module(page) -> None:
    page.locator(".jp-Notebook:visible .jp-MarkdownCell").first.click()
    page.keyboard.press("Control+Shift+Enter")


def capture(page, widget, name: str) -> None:
    """The widget alone, as laid out in the page: scrolled to the top of a tall window, clipped to its box (a
    screenshot of an element taller than the window would draw JupyterLab's fixed layout in pieces)."""
    page.set_viewport_size({"width": 1280, "height": 1800})
    widget.evaluate("node => node.scrollIntoView({block: 'start'})")
    box = widget.bounding_box()
    top = max(box["y"] - 8, 0)
    page.screenshot(path=str(ARTIFACTS / name), clip={
        "x": max(box["x"] - 8, 0), "y": top, "width": box["width"] + 16,
        "height": min(box["height"] + 16, 1800 - top - 30)})  # 30: JupyterLab's status bar
    page.set_viewport_size({"width": 1280, "height": 800})


def inside(inner: dict, outer: dict) -> bool:
    return (inner["x"] >= outer["x"] - 1 and inner["y"] >= outer["y"] - 1
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1)


def test_the_readme_pictures_show_the_home_page_a_question_answered_and_a_scenario_ended(learner, page):
    lab, folder, url = learner
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    wait_for_kernel(page)
    expect(page.locator(".jp-Notebook:visible h1").first).to_have_text(re.compile("Réseaux sociaux"))
    page.screenshot(path=str(ARTIFACTS / README_CAPTURES["accueil"]))

    open_in_place(page, url, "01_plateformes.ipynb")
    run_the_module(page)
    question = page.locator(".jp-Notebook:visible .cours-question--single").first
    question.wait_for()
    question.scroll_into_view_if_needed()
    question.locator(".cours-option").first.click()
    question.get_by_role("button", name="Valider").click()
    feedback = question.locator(".cours-feedback")
    expect(feedback).to_contain_text("Explication")
    assert inside(feedback.bounding_box(), question.bounding_box())
    capture(page, question, README_CAPTURES["question"])

    open_in_place(page, url, "05_cas_pratiques.ipynb")
    run_the_module(page)
    scenario = page.locator(".jp-Notebook:visible .cours-scenario").first
    scenario.wait_for()
    restart = scenario.get_by_role("button", name="Recommencer le scénario")
    for steps_done in range(1, 11):  # one choice per step, up to the ending
        scenario.scroll_into_view_if_needed()
        scenario.locator(".cours-option").first.click()
        scenario.get_by_role("button", name="Valider").click()
        expect(scenario.locator(".cours-pas")).to_have_count(steps_done)  # the choice is in the path
        if restart.is_visible():
            break
    expect(restart).to_be_visible()
    ending = scenario.locator(".cours-feedback")
    expect(ending).to_contain_text("Score du parcours")
    assert inside(ending.bounding_box(), scenario.bounding_box())
    capture(page, scenario, README_CAPTURES["scenario"])


def test_the_course_pages_open_as_pages_from_their_links(learner, page, shots):
    """The home page's link to the page on « vos données », and « Comment lire ces chiffres » under a chart, open
    the course's page in place, read as a page (not its Markdown source)."""
    lab, folder, url = learner
    open_in_place(page, url, "00_accueil.ipynb")
    follow(page.get_by_role("link", name="la documentation de vos données").first)
    expect(page.locator(".jp-MarkdownViewer h1").filter(has_text="Vos données")).to_be_visible()
    open_in_place(page, url, "01_plateformes.ipynb")
    run_the_module(page)
    link = page.locator(".jp-Notebook:visible .cours-graphique figcaption a").first
    expect(link).to_have_text("Comment lire ces chiffres")
    follow(link)
    expect(page.locator(".jp-MarkdownViewer h1").filter(has_text="Les chiffres du cours")).to_be_visible()
    shots.take(page, "page-donnees")
