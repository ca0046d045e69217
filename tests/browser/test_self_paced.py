"""A learner opens the course home in JupyterLab, follows the link to module 1, runs it and answers."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from conftest import REPO
from course.bank import load_bank

from .conftest import Screenshots, course_copy, new_page, open_notebook, report_latency, run_all, \
    shut_down_kernels, start_lab, stop_lab, tick_right_options, wait_for_kernel, wait_until_every_cell_ran


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("cours"))
    lab = start_lab(root, tmp_path_factory.mktemp("jupyter"), COURSE_ROOT=str(root))
    yield lab
    stop_lab(lab)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def best_path(scenario, first=None) -> list:
    """The (step, choice) pairs of the highest-scoring path, or of the best path after a given first choice."""
    path, node = [], scenario.start
    while (step := scenario.step(node)) is not None:
        choice = first if first is not None and not path else max(step.choices, key=scenario.choice_value)
        path.append((step, choice))
        node = choice.next
    return path


@pytest.fixture(scope="module")
def module_page(browser, lab):
    """Module 1, reached from the home page's link, with all its cells run."""
    page = new_page(browser)
    shots = Screenshots("apprenant")
    open_notebook(page, lab, "notebooks/00_accueil.ipynb")
    shots.take(page, "accueil")
    page.get_by_role("link", name="Module 1 — Panorama des plateformes").first.click()
    page.get_by_role("tab", name="01_plateformes.ipynb").first.wait_for()
    wait_for_kernel(page)
    run_all(page)
    page.locator(".cours-scenario").last.wait_for()
    shots.take(page, "module-1")
    yield page, shots
    page.context.close()


def clicked_feedback(page, widget, latencies: list[float]) -> str:
    feedback = widget.locator(".cours-feedback")
    start = time.perf_counter()
    widget.get_by_role("button", name="Valider").click()
    feedback.locator(".cours-verdict").wait_for()
    latencies.append(time.perf_counter() - start)
    return feedback.inner_text()


def test_single_choice_wrong_then_right(module_page, bank):
    page, shots = module_page
    question = bank.item("plateformes-page-ou-profil")
    wrong = next(option for option in question.options if not option.correct)
    right = next(option for option in question.options if option.correct)
    widget = page.locator(".cours-item-plateformes-page-ou-profil")
    widget.scroll_into_view_if_needed()
    latencies: list[float] = []
    widget.get_by_text(wrong.text.strip(), exact=True).click()
    text = clicked_feedback(page, widget, latencies)
    assert "Réponse incorrecte." in text and wrong.feedback.split()[0] in text
    assert "Explication" in text and "Sources" in text
    shots.take(page, "choix-unique-faux")
    widget.get_by_role("button", name="Réessayer").click()
    widget.get_by_text(right.text.strip(), exact=True).click()
    text = clicked_feedback(page, widget, latencies)
    assert "Bonne réponse." in text and f"Score\u00a0: {question.points} / {question.points}" in text
    shots.take(page, "choix-unique-juste")
    report_latency("clic sur Valider → retour affiché (choix unique)", latencies)


def test_multiple_choice_in_a_quiz_updates_the_quiz_score(module_page, bank):
    page, shots = module_page
    question = bank.item("plateformes-reseaux-pro-sante")
    widget = page.locator(".cours-item-plateformes-reseaux-pro-sante")
    widget.scroll_into_view_if_needed()
    tick_right_options(widget, question)
    text = clicked_feedback(page, widget, [])
    assert "Bonne réponse." in text
    quiz = page.locator(".cours-quiz").filter(has=widget)
    # The quiz total is another widget: its new value may arrive just after the feedback.
    expect(quiz.locator(".cours-score-quiz")).to_contain_text(f"{question.points} / ")
    shots.take(page, "choix-multiple")


def test_walking_a_branching_scenario_to_its_best_ending(module_page, bank):
    page, shots = module_page
    scenario = bank.item("plateformes-scenario-premiers-pas")
    widget = page.locator(".cours-item-plateformes-scenario-premiers-pas")
    widget.scroll_into_view_if_needed()
    latencies = []
    for number, (step, choice) in enumerate(best_path(scenario), start=1):
        widget.locator(".cours-options").get_by_text(choice.text.strip(), exact=True).click()
        start = time.perf_counter()
        widget.get_by_role("button", name="Valider").click()
        widget.locator(".cours-historique li").nth(number - 1).wait_for()
        latencies.append(time.perf_counter() - start)
        assert choice.feedback.split()[0] in widget.locator(".cours-parcours").inner_text()
        shots.take(page, f"scenario-etape-{number}")
    ending = widget.locator(".cours-fin").inner_text()
    best = scenario.best_path_score
    assert f"Score du parcours\u00a0: {best} / {best}" in ending and "Sources" in ending
    report_latency("clic sur Valider → étape suivante (scénario)", latencies)


def test_a_worse_path_ends_by_recalling_the_choice_that_cost_points(module_page, bank):
    page, shots = module_page
    scenario = bank.item("plateformes-scenario-premiers-pas")
    widget = page.locator(".cours-item-plateformes-scenario-premiers-pas")
    widget.scroll_into_view_if_needed()
    if widget.get_by_role("button", name="Recommencer le scénario").is_visible():
        widget.get_by_role("button", name="Recommencer le scénario").click()
    first_step = scenario.step(scenario.start)
    mistake = min(first_step.choices, key=scenario.choice_value)
    for number, (step, choice) in enumerate(best_path(scenario, first=mistake), start=1):
        widget.locator(".cours-options").get_by_text(choice.text.strip(), exact=True).click()
        widget.get_by_role("button", name="Valider").click()
        widget.locator(".cours-historique li").nth(number - 1).wait_for()
    review = widget.locator(".cours-bilan-parcours")
    expect(review).to_contain_text("Ce qui vous a coûté des points")
    expect(review).to_contain_text(mistake.text.strip()[:40])
    assert "Vous avez suivi le meilleur parcours" not in widget.locator(".cours-fin").inner_text()
    review.scroll_into_view_if_needed()
    shots.take(page, "scenario-parcours-moins-bon")


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, include: list[str] | None) -> list[dict]:
    context = {"include": [[selector] for selector in include]} if include else "document"
    return page.evaluate("""async (context) => {
        const target = context === "document" ? document : context;
        const result = await axe.run(target, {resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => n.target.join(" "))}));
    }""", context)


EVERY_MODULE = ["00_accueil", "01_plateformes", "02_pourquoi_comment", "03_risques", "04_deontologie_droit",
                "05_cas_pratiques", "test_de_positionnement", "test_final", "questionnaire_de_satisfaction"]


def test_every_module_is_listed_for_the_accessibility_check():
    assert sorted(EVERY_MODULE) == sorted(path.stem for path in (REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("module", EVERY_MODULE)
def test_every_module_has_no_serious_accessibility_violation(browser, lab, module):
    """axe-core on what the course draws in each module once run: questions, charts, panels, text."""
    if not AXE.exists():
        pytest.skip("axe-core absent (« npm install » dans le dépôt) : test d'accessibilité ignoré")
    page = new_page(browser)
    open_notebook(page, lab, f"notebooks/{module}.ipynb")
    run_all(page)
    wait_for_kernel(page)
    wait_until_every_cell_ran(page)
    ours = [".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output",
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown"]
    page.add_script_tag(path=str(AXE))
    found = [v for v in axe_violations(page, ours) if v["impact"] in ("serious", "critical")]
    page.context.close()
    shut_down_kernels(lab)
    assert not found, "\n".join(f"{v['id']} ({v['impact']}) : {v['help']} — {v['nodes'][:3]}" for v in found)
