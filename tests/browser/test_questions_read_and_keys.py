"""Questions that read well and work with keys, in real Chromium and JupyterLab: the longest options of the
bank wrap without overlapping at laptop and phone widths; a single choice, a multiple choice and a scenario
are completed with the keyboard alone (arrows included); focus goes to the feedback; answers come back
after a browser restart (after a kernel restart: tests/test_answers_come_back.py)."""

from __future__ import annotations

import nbformat
import pytest
from playwright.sync_api import expect

from course.bank import load_bank

from .conftest import CHROMIUM, CHROMIUM_FLAGS, Screenshots, course_copy, open_notebook, run_all, start_lab, \
    stop_lab

NOTEBOOK = "notebooks/essai_questions.ipynb"
WIDTHS = {"ordinateur": 1280, "telephone": 400}


def longest_items(bank) -> dict[str, str]:
    """Kind -> id of the open bank's item whose longest option (or scenario choice) is the longest."""
    def longest(item) -> int:
        if item.kind == "scenario":
            return max(len(choice.text) for step in item.steps for choice in step.choices)
        return max(len(option.text) for option in item.options)

    items = [item for module in bank.modules for item in module.items if item.kind in ("single", "multiple",
                                                                                          "scenario")]
    return {kind: max((item for item in items if item.kind == kind), key=longest).id
            for kind in ("single", "multiple", "scenario")}


@pytest.fixture(scope="module")
def items():
    return longest_items(load_bank(with_graded=False))


@pytest.fixture(scope="module")
def lab(tmp_path_factory, items):
    root = course_copy(tmp_path_factory.mktemp("cours"))
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                                                 "language": "python"}})
    notebook.cells = [nbformat.v4.new_markdown_cell("# Essai des questions"),
                      nbformat.v4.new_code_cell("from course import show_question"),
                      *(nbformat.v4.new_code_cell(f'show_question("{item_id}")') for item_id in items.values())]
    nbformat.write(notebook, root / NOTEBOOK)
    lab = start_lab(root, tmp_path_factory.mktemp("jupyter"), COURSE_ROOT=str(root),
                    COURS_MES_DONNEES=str(tmp_path_factory.mktemp("mes-donnees")))
    yield lab
    stop_lab(lab)


def open_questions(browser, lab, width: int):
    """The test notebook, run, with every question as new (answers from an earlier test taken back)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    open_notebook(page, lab, NOTEBOOK)
    if page.locator("#jp-left-stack").is_visible() and width < 800:
        page.keyboard.press("Control+b")  # on a phone, the learner closes the side panel to read the module
        expect(page.locator("#jp-left-stack")).to_be_hidden()
    run_all(page)
    page.locator(".cours-scenario .cours-carte").first.wait_for()
    for name in ("Réessayer", "Recommencer le scénario"):
        buttons = page.get_by_role("button", name=name)
        for index in range(buttons.count()):
            buttons.nth(index).click()
    page.locator(".cours-scenario .cours-option").first.wait_for()
    expect(page.locator(".cours-option input:disabled")).to_have_count(0)
    return page


def boxes(locator) -> list[dict]:
    return [locator.nth(index).bounding_box() for index in range(locator.count())]


def overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.parametrize("device", WIDTHS)
def test_the_longest_options_wrap_and_never_overlap(browser, lab, items, device):
    page = open_questions(browser, lab, WIDTHS[device])
    shots = Screenshots(f"options-longues-{device}")
    for kind, item_id in items.items():
        widget = page.locator(f".cours-item-{item_id}")
        widget.scroll_into_view_if_needed()
        card = widget.locator(".cours-carte").bounding_box()
        assert card["width"] >= 0.6 * WIDTHS[device], f"{kind} : la question n’a que {card['width']:.0f} px"
        options = boxes(widget.locator(".cours-option"))
        inputs = boxes(widget.locator(".cours-option input"))
        assert len(options) >= 2
        for first in range(len(options)):
            for second in range(first + 1, len(options)):
                assert not overlap(options[first], options[second]), (kind, first, second)
        for option, control in zip(options, inputs):
            assert option["x"] + option["width"] <= card["x"] + card["width"] + 1, kind  # nothing runs off
            assert control["width"] > 0 and overlap(option, control), kind  # each button is visible in its option
        assert max(option["height"] for option in options) > 1.5 * min(box["height"] for box in inputs), \
            f"{kind} : l’option la plus longue devrait passer à la ligne"
        shots.take(page, kind)
    page.context.close()


def active(page) -> dict:
    return page.evaluate("""() => { const a = document.activeElement;
        return {tag: a.tagName, type: a.type || "", text: (a.textContent || "").trim(), value: a.value || "",
                classes: a.className || "", checked: !!a.checked,
                cell: document.querySelectorAll(".jp-Notebook .jp-Cell.jp-mod-active").length ?
                      [...document.querySelectorAll(".jp-Notebook .jp-Cell")].findIndex(
                          c => c.classList.contains("jp-mod-active")) : -1}; }""")


def tab_into(page, widget) -> int:
    """Tab from the element just before the question until focus is on its first option; the count."""
    widget.scroll_into_view_if_needed()
    widget.evaluate("""w => { const marker = document.createElement("button");
        marker.textContent = "avant"; marker.id = "avant-question"; w.before(marker); marker.focus(); }""")
    for presses in range(1, 6):
        page.keyboard.press("Tab")
        if widget.evaluate("w => w.contains(document.activeElement) && document.activeElement.tagName === 'INPUT'"):
            page.evaluate("document.getElementById('avant-question').remove()")
            return presses
    raise AssertionError("la première option n’est pas atteinte au clavier")


def test_a_single_choice_with_the_arrows_then_enter(browser, lab, items):
    page = open_questions(browser, lab, 1280)
    widget = page.locator(f".cours-item-{items['single']}")
    assert tab_into(page, widget) == 1
    cell_before = active(page)["cell"]
    page.keyboard.press("ArrowDown")
    now = active(page)
    assert now["tag"] == "INPUT" and now["checked"], now  # the arrow chose the next option...
    assert now["cell"] == cell_before  # ...and JupyterLab did not move to the next cell
    chosen = now["value"]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert active(page)["value"] == chosen
    assert widget.locator("input:checked").count() == 1
    page.keyboard.press("Tab")
    assert active(page)["text"] == "Valider"
    page.keyboard.press("Enter")
    widget.locator(".cours-verdict").wait_for()
    page.wait_for_function("document.activeElement.classList.contains('cours-feedback')")
    verdict = widget.locator(".cours-verdict").inner_text()
    assert verdict.startswith(("✔", "✘", "◐")) and "réponse" in verdict.lower()  # icon and words
    marks = widget.locator(".cours-marque")
    assert marks.count() == 1 and marks.inner_text() in ("✔ juste", "✘ à revoir")
    ticks = widget.evaluate("w => [...w.querySelectorAll('.cours-option input')].map(i => i.checked)")
    marked = widget.evaluate("w => [...w.querySelectorAll('.cours-option')].map(o => !!o.querySelector('.cours-marque'))")
    assert ticks == marked, (ticks, marked)  # the mark is on the option chosen
    Screenshots("clavier-choix-unique").take(page, "retour")
    page.context.close()


def test_a_multiple_choice_with_tab_and_space(browser, lab, items):
    page = open_questions(browser, lab, 1280)
    widget = page.locator(f".cours-item-{items['multiple']}")
    tab_into(page, widget)
    boxes_count = widget.locator("input[type=checkbox]").count()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert widget.locator("input:checked").count() == 2
    for _ in range(boxes_count - 1):
        page.keyboard.press("Tab")
    assert active(page)["text"] == "Valider"
    page.keyboard.press("Enter")
    widget.locator(".cours-verdict").wait_for()
    page.wait_for_function("document.activeElement.classList.contains('cours-feedback')")
    page.keyboard.press("Shift+Tab")  # « Réessayer » is just before the feedback; Tab goes on to what follows
    assert active(page)["text"] == "Réessayer"
    page.context.close()


def test_a_scenario_from_start_to_end_with_the_keyboard(browser, lab, items):
    page = open_questions(browser, lab, 400)
    widget = page.locator(f".cours-item-{items['scenario']}")
    tab_into(page, widget)
    for step in range(1, 10):
        page.keyboard.press("ArrowDown")
        assert active(page)["checked"]
        page.keyboard.press("Tab")
        assert active(page)["text"] == "Valider"
        page.keyboard.press("Enter")
        widget.locator(".cours-historique li").nth(step - 1).wait_for()
        if widget.locator(".cours-fin").count():
            break
        # Focus is on the consequence just shown; the next Tab reaches the next step's options.
        page.wait_for_function("document.activeElement.classList.contains('cours-pas')")
        page.keyboard.press("Tab")
        assert active(page)["tag"] == "INPUT"
    page.wait_for_function("document.activeElement.classList.contains('cours-feedback')")
    assert "Score du parcours" in widget.locator(".cours-fin").inner_text()
    assert widget.locator(".cours-fin").inner_text().count("Score") == 1
    Screenshots("clavier-scenario-telephone").take(page, "fin")
    page.context.close()


def test_answers_come_back_after_a_browser_restart(browser, lab, items):
    def launch():  # a second Chromium, started and stopped like a learner's own browser
        return browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)

    first = launch()
    page = open_questions(first, lab, 1280)
    widget = page.locator(f".cours-item-{items['single']}")
    widget.scroll_into_view_if_needed()
    widget.locator(".cours-option").nth(1).click()
    chosen = widget.locator("input:checked").get_attribute("value")
    widget.get_by_role("button", name="Valider").click()
    widget.locator(".cours-verdict").wait_for()
    verdict = widget.locator(".cours-verdict").inner_text()
    page.keyboard.press("Control+s")
    first.close()  # the browser is closed: the page, its widgets and its outputs are gone
    second = launch()
    context = second.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    open_notebook(page, lab, NOTEBOOK)
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.get_by_text("model not found").count() == 0
    run_all(page)
    widget = page.locator(f".cours-item-{items['single']}")
    widget.locator(".cours-verdict").wait_for()
    assert widget.locator("input:checked").get_attribute("value") == chosen
    assert widget.locator(".cours-verdict").inner_text() == verdict
    second.close()
