"""The course as a static site (make site, course/site/): built once for this module, served on 127.0.0.1 by a
threading http.server in the test process, and used in Chromium as a learner with no network does. Every request
the page, its workers or its service worker make outside the site's origin is aborted and fails the test.

One page goes through a learner's visit: the home page, module 1 run to its end, three answers, a reload that
brings them back, « Effacer mes données » that takes them away. Python starts in the browser (about 20 s each
time), so the visit is one flow of tests sharing the page, in file order."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from conftest import REPO

from .conftest import ARTIFACTS, run_all, tick_right_options, wait_until_every_cell_ran
from .test_self_paced import AXE, axe_violations, best_path

KERNEL_IDLE = "Python (Pyodide) | Inactif"
MODULE_1 = "01_plateformes.ipynb"
NOTE = "Cette page s’exécute dans votre navigateur"
KERNEL_START_MS = 120_000


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not (REPO / "node_modules" / "pyodide" / "pyodide.mjs").exists():
        pytest.skip("Pyodide absent (node_modules/pyodide) : « npm install » dans le dépôt ; tests du site ignorés")
    pytest.importorskip("jupyterlite_core", reason="jupyterlite-core absent : « make setup » ; tests du site ignorés")
    from course.site.build import build

    start = time.monotonic()
    folder = build(output=tmp_path_factory.mktemp("site") / "_site", say=lambda *_: None)
    print(f"\n[mesure] construction du site : {time.monotonic() - start:.1f} s")
    return folder


class StaticServer:
    """A folder served on 127.0.0.1 (a free port) by a thread of this process, as `make site-serve` does."""

    def __init__(self, folder: Path):
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def guarded_context(browser, origin: str, foreign: list[str], **options):
    """A browser context where any request outside origin is aborted and recorded in foreign."""
    context = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, **options}, locale="fr-FR")

    def guard(route):
        url = route.request.url
        if url.startswith((origin + "/", "data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    return context


@pytest.fixture(scope="module")
def visit(browser, site):
    """One learner's page on the served site, and the requests that tried to leave it."""
    server, foreign = StaticServer(site), []
    context = guarded_context(browser, server.origin, foreign)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page, server.origin, foreign
    context.close()
    server.close()
    assert not foreign, f"requêtes hors du site : {sorted(set(foreign))}"


def wait_for_python(page) -> None:
    page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=KERNEL_START_MS)


def open_alone(page, origin: str, name: str) -> None:
    """The notebook name alone in the page (the workspace would bring back the others, each with its Python),
    with all its cells run."""
    page.goto(f"{origin}/lab/index.html?path={name}")
    tab = page.get_by_role("tab", name=name).first
    try:
        tab.wait_for(timeout=30_000)
    except PlaywrightTimeout:
        # On a loaded machine JupyterLite may restore the saved tabs after opening the address's notebook, which is
        # then open without a tab (its Python running, its file marked open): the learner opens it from the files.
        page.locator(".jp-DirListing-item").filter(has_text=name).first.dblclick()
    try:
        tab.wait_for()
    except PlaywrightTimeout:  # what stood in the way (a dialog, a page still loading): for whoever reads the failure
        (ARTIFACTS / "site").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "site" / f"echec-ouverture-{name}.png"))
        raise
    close_other_tabs(page, name)
    run_when_ready(page)


def close_other_tabs(page, keep: str) -> None:
    """Close every notebook tab but keep (the site stops a closed notebook's Python)."""
    tabs = page.locator("#jp-main-dock-panel .lm-TabBar-tab")
    for label in tabs.all_inner_texts():
        if label.strip() and label.strip() != keep:
            tab = page.get_by_role("tab", name=label.strip()).first
            tab.locator(".lm-TabBar-tabCloseIcon").click()
            discard = page.locator(".jp-Dialog button").filter(has_text="Abandonner")
            try:  # « Enregistrer votre travail » when the notebook ran: its outputs are not the learner's data
                discard.click(timeout=3000)
            except PlaywrightTimeout:
                pass
    expect(page.locator("#jp-main-dock-panel .lm-TabBar-tab")).to_have_count(1)


def run_when_ready(page) -> None:
    wait_for_python(page)
    run_all(page)
    wait_until_every_cell_ran(page)


def stderr_outputs(page) -> list[str]:
    return page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) [data-mime-type="application/vnd.jupyter.stderr"]') \
        .all_inner_texts()


def test_the_site_opens_on_the_home_page_in_french(visit):
    page, origin, _ = visit
    start = time.monotonic()
    page.goto(f"{origin}/")
    page.get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
    expect(page.get_by_role("menuitem", name="Fichier", exact=True)).to_be_visible()
    expect(page.locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first).to_be_visible()
    wait_for_python(page)
    print(f"\n[mesure] navigation → Python prêt (froid) : {time.monotonic() - start:.1f} s")
    run_all(page)
    wait_until_every_cell_ran(page)
    page.locator(".cours-mes-donnees").wait_for()
    assert not stderr_outputs(page)


def test_module_1_runs_to_its_end_with_no_error(visit):
    """Reached by the home page's link, as a learner does."""
    page, _, _ = visit
    page.get_by_role("link", name="Module 1 — Panorama des plateformes").first.click()
    page.get_by_role("tab", name=MODULE_1).first.wait_for()
    close_other_tabs(page, MODULE_1)
    run_when_ready(page)
    page.locator(".cours-scenario").last.wait_for()
    assert not stderr_outputs(page)
    source = json.loads((REPO / "notebooks" / MODULE_1).read_text(encoding="utf-8"))
    shown = sum(1 for cell in source["cells"] if cell["cell_type"] == "code" and "show_" in "".join(cell["source"])
                and not "".join(cell["source"]).startswith("from "))
    outputs = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell-outputArea")
    assert outputs.filter(has=page.locator(".jp-OutputArea-output")).count() == shown


def chart_alt_texts(site: Path) -> dict[str, str]:
    """The alt text of each chart, from the pre-built data inside the course's wheel on the site."""
    wheel = next((site / "static" / "pyodide").glob("course-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        index = json.loads(archive.read("course/prebuilt_data/charts.json"))
    return {name: entry["alt"] for name, entry in index["charts"].items()}


def test_module_1_charts_are_shown_with_their_alt_text(visit, site):
    page, _, _ = visit
    shown = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .cours-graphique img")
    alts = [shown.nth(index).get_attribute("alt") for index in range(shown.count())]
    expected = chart_alt_texts(site)
    for name in ("audiences_2019", "plateformes_monde", "maroc", "france", "chronologie"):
        assert expected[name] and expected[name] in alts, name
    shown.first.scroll_into_view_if_needed()
    assert shown.first.evaluate("img => img.complete && img.naturalWidth > 0")
    # How to read the figures: the page the site holds beside its notebooks (opened by a click in make cours's test).
    links = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .cours-graphique figcaption a")
    expect(links.first).to_have_text("Comment lire ces chiffres")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]  # as JupyterLab resolved them
    assert hrefs and all(href.endswith("files/docs/donnees.md") for href in hrefs), hrefs
    assert (site / "files" / "docs" / "donnees.md").is_file()


@pytest.fixture(scope="module")
def bank():
    from course.bank import load_bank

    return load_bank()


def answer(page, bank) -> None:
    """A single-choice question, a multiple-choice one and a branching scenario, each answered right."""
    for item_id in ("plateformes-page-ou-profil", "plateformes-reseaux-pro-sante"):  # single, then multiple choice
        widget = page.locator(f".cours-item-{item_id}")
        widget.scroll_into_view_if_needed()
        tick_right_options(widget, bank.item(item_id))
        widget.get_by_role("button", name="Valider").click()
        expect(widget.locator(".cours-feedback")).to_contain_text("Bonne réponse.")

    scenario = bank.item("plateformes-scenario-premiers-pas")
    widget = page.locator(".cours-item-plateformes-scenario-premiers-pas")
    widget.scroll_into_view_if_needed()
    for number, (_, choice) in enumerate(best_path(scenario), start=1):
        widget.locator(".cours-options").get_by_text(choice.text.strip(), exact=True).click()
        widget.get_by_role("button", name="Valider").click()
        widget.locator(".cours-historique li").nth(number - 1).wait_for()
    expect(widget.locator(".cours-fin")).to_contain_text("Score du parcours")


ANSWERED = {"choix unique": ".cours-item-plateformes-page-ou-profil .cours-feedback",
            "choix multiple": ".cours-item-plateformes-reseaux-pro-sante .cours-feedback",
            "scénario": ".cours-item-plateformes-scenario-premiers-pas .cours-historique"}


def expect_answers_back(page) -> None:
    """The three answers, validated before, shown again with their feedback (read from the learner's file)."""
    for what, selector in ANSWERED.items():
        expect(page.locator(selector).first, what).to_contain_text(
            "Bonne réponse." if what != "scénario" else "", timeout=20_000)
    expect(page.locator(ANSWERED["scénario"] + " li")).not_to_have_count(0)


def expect_no_answer(page) -> None:
    """Each of the three items as never answered: its « Valider » button enabled, no feedback, no path."""
    for what in ("choix unique", "choix multiple"):
        item = page.locator(ANSWERED[what].split()[0])
        expect(item.get_by_role("button", name="Valider")).to_be_enabled()
        expect(item.locator(".cours-feedback")).not_to_contain_text("Bonne réponse.")
    expect(page.locator(ANSWERED["scénario"] + " li")).to_have_count(0)


# The learner's file as JupyterLite's drive keeps it in the browser (IndexedDB, through localforage), or null. The
# storage is named after the site's path ("JupyterLite Storage - /" at a server's root).
READ_STORED_FILE = """async (path) => {
    const named = (await indexedDB.databases()).find(db => db.name.startsWith("JupyterLite Storage - "));
    if (!named) return null;
    const db = await new Promise((ok, ko) => {
        const request = indexedDB.open(named.name);
        request.onsuccess = () => ok(request.result);
        request.onerror = () => ko(request.error);
    });
    if (!db.objectStoreNames.contains("files")) { db.close(); return null; }
    const model = await new Promise(ok => {
        const request = db.transaction("files").objectStore("files").get(path);
        request.onsuccess = () => ok(request.result);
        request.onerror = () => ok(null);
    });
    db.close();
    if (!model) return null;
    if (model.format === "base64") {  // how the drive keeps a file Python wrote
        return new TextDecoder().decode(Uint8Array.from(atob(model.content), c => c.charCodeAt(0)));
    }
    return typeof model.content === "string" ? model.content : JSON.stringify(model.content);
}"""


def wait_until_stored(page, item_ids: list[str], timeout: float = 60) -> None:
    """Until the learner's file in the browser's storage holds an answer to each item (the kernel writes it, then
    JupyterLite's drive stores it: a reload before that would lose it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stored = page.evaluate(READ_STORED_FILE, "mes-donnees/mes-donnees.json") or ""
        if all(f'"{item}"' in stored for item in item_ids):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"réponses absentes du stockage du navigateur après {timeout:.0f} s : {stored[:300]}")


def module_1_answered(page) -> int:
    """How many questions of module 1 the home page's progress table counts as answered."""
    row = page.locator(".cours-progression tr").filter(has_text="Module 1").first.inner_text()
    return int(re.search(r"(\d+) / \d+ question", row).group(1))


def test_answers_and_progress_come_back_after_a_reload(visit, bank):
    page, origin, _ = visit
    answer(page, bank)
    wait_until_stored(page, [selector.split()[0].removeprefix(".cours-item-") for selector in ANSWERED.values()])
    page.reload()
    page.get_by_role("tab", name=MODULE_1).first.wait_for()
    run_when_ready(page)
    expect_answers_back(page)
    open_alone(page, origin, "00_accueil.ipynb")
    progress = page.locator(".cours-progression")
    progress.wait_for()
    (ARTIFACTS / "site").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site" / "progression.png"))
    assert module_1_answered(page) == 3


def test_erasing_my_data_takes_the_answers_away(visit):
    page, origin, _ = visit
    panel = page.locator(".cours-mes-donnees")
    panel.scroll_into_view_if_needed()
    panel.get_by_role("button", name="Effacer mes données").click()
    panel.get_by_role("button", name="Oui, tout effacer").click()
    expect(panel).to_contain_text("Vos données ont été effacées")
    page.wait_for_timeout(1500)
    open_alone(page, origin, MODULE_1)
    expect_no_answer(page)


def test_a_module_page_has_no_serious_accessibility_violation(visit):
    if not AXE.exists():
        pytest.skip("axe-core absent (« npm install » dans le dépôt) : test d'accessibilité ignoré")
    page, _, _ = visit
    page.add_script_tag(path=str(AXE))
    ours = [".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output",
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown"]
    found = [v for v in axe_violations(page, ours) if v["impact"] in ("serious", "critical")]
    assert not found, "\n".join(f"{v['id']} ({v['impact']}) : {v['help']} — {v['nodes'][:3]}" for v in found)


def test_on_a_phone_the_module_has_the_width_and_the_file_browser_opens_with_its_icon(browser, site):
    """At 390 px, JupyterLite's file browser (opened as the page starts) would leave the module 50 px wide: the page
    starts with the side panel closed, the home page's link to « vos données » opens that page, and the folder icon
    opens the file browser when the learner taps it."""
    server, foreign = StaticServer(site), []
    context = guarded_context(browser, server.origin, foreign, viewport={"width": 390, "height": 844},
                              is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    shots = ARTIFACTS / "site"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        page.goto(f"{server.origin}/")
        page.get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
        wait_for_python(page)  # the page has started: whatever opened the file browser on the way has done so
        expect(page.locator("#jp-left-stack")).to_be_hidden()
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").bounding_box()
        assert notebook["width"] >= 0.75 * 390, notebook
        page.screenshot(path=str(shots / "telephone-accueil.png"))
        # The home page's link to the page on the learner's data opens it, read as a page (not its Markdown).
        link = page.get_by_role("link", name="la documentation de vos données").first
        link.scroll_into_view_if_needed()
        link.tap()
        page.get_by_role("tab", name="mes-donnees.md").first.wait_for()
        expect(page.locator(".jp-MarkdownViewer h1").filter(has_text="Vos données")).to_be_visible()
        page.locator(".jp-SideBar.jp-mod-left [data-id='filebrowser']").tap()
        expect(page.locator("#jp-left-stack")).to_be_visible()
        expect(page.locator(".jp-DirListing-item").filter(has_text=MODULE_1)).to_be_visible()
        page.wait_for_timeout(1000)  # still open: the page closes it only until the learner acts
        expect(page.locator("#jp-left-stack")).to_be_visible()
        page.screenshot(path=str(shots / "telephone-fichiers.png"))
    finally:
        context.close()
        server.close()
    assert not foreign, f"requêtes hors du site : {sorted(set(foreign))}"


def test_without_python_the_learner_reads_what_to_do(browser, site, tmp_path):
    """A copy of the site missing the course's wheel: Python cannot start, the page says in French what to do."""
    broken = shutil.copytree(site, tmp_path / "site")
    next((broken / "static" / "pyodide").glob("course-*.whl")).unlink()
    server, foreign = StaticServer(broken), []
    context = guarded_context(browser, server.origin, foreign)
    page = context.new_page()
    failed = []
    page.on("console", lambda message: failed.append(message.text) if "course" in message.text else None)
    try:
        page.goto(f"{server.origin}/lab/index.html?path={MODULE_1}")
        note = page.locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first
        expect(note).to_be_visible(timeout=60_000)
        expect(note).to_contain_text("Si rien ne s’affiche sous les cellules")
        expect(note).to_contain_text("rechargez la page")
        deadline = time.monotonic() + 90
        while not failed and time.monotonic() < deadline:
            page.wait_for_timeout(500)
        assert failed, "Pyodide did not report the missing wheel"
        assert not page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).is_visible()
        (ARTIFACTS / "site").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "site" / "sans-python.png"))
    finally:
        context.close()
        server.close()
    assert not foreign, f"requêtes hors du site : {sorted(set(foreign))}"


TEXT_SUFFIXES = (".json", ".js", ".html", ".ipynb", ".md", ".py", ".csv", ".svg", ".txt")


def site_texts(site: Path):
    """Every text file of the site, and every file inside the wheels it serves to the browser."""
    for path in sorted(site.rglob("*")):
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as wheel:
                for name in wheel.namelist():
                    yield f"{path.name}/{name}", wheel.read(name).decode("utf-8", "replace")
        elif path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield str(path.relative_to(site)), path.read_text(encoding="utf-8", errors="replace")


def test_no_graded_question_reaches_the_site(site):
    """The site is shipped to learners whole: the nbgrader track's questions (quizzes/notees/) and their keys are
    nowhere in it, not even inside the course's wheel."""
    from course.bank import load_bank

    graded = [item for module in load_bank().modules if module.graded for item in module.items]
    assert graded, "the bank has no graded question: this test would prove nothing"
    marks = {item.id for item in graded} | {item.prompt[:60] for item in graded}
    found = [(name, mark) for name, text in site_texts(site) for mark in marks if mark in text]
    assert not found, f"questions notées présentes dans le site : {found[:5]}"
