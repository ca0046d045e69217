"""On the course home in real JupyterLab: the learner chooses a profile, which is saved in their own file;
then erases their data, which takes a confirmation and leaves nothing on disk."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .conftest import Screenshots, course_copy, new_page, open_notebook, run_all, start_lab, stop_lab, wait_for_kernel
from .test_self_paced import AXE, axe_violations


@pytest.fixture(scope="module")
def home(browser, tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("cours"))
    data = tmp_path_factory.mktemp("donnees") / "mes-donnees"
    lab = start_lab(root, tmp_path_factory.mktemp("jupyter"), COURSE_ROOT=str(root), COURS_MES_DONNEES=str(data))
    page = new_page(browser)
    open_notebook(page, lab, "notebooks/00_accueil.ipynb")
    wait_for_kernel(page)
    run_all(page)
    page.locator(".cours-mes-donnees").wait_for()
    yield page, data
    page.context.close()
    stop_lab(lab)


def test_the_chosen_profile_is_saved_in_the_learner_file(home):
    page, data = home
    shots = Screenshots("accueil")
    profile = page.locator(".cours-profil")
    profile.locator("select").nth(0).select_option(label="infirmier·e")
    profile.locator("select").nth(1).select_option(label="Maroc")
    profile.get_by_role("button", name="Enregistrer mon profil").click()
    expect(profile.locator(".cours-etat")).to_contain_text("Profil enregistré\u00a0: infirmier·e, Maroc")
    shots.take(page, "profil")
    saved = json.loads((data / "mes-donnees.json").read_text(encoding="utf-8"))
    assert (saved["profil"]["profession"], saved["profil"]["pays"]) == ("infirmier", "maroc")


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
