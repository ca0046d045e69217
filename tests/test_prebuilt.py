"""The browser site runs the same notebooks from data prepared at build time: with no PyYAML, jsonschema, pandas or
matplotlib, every show_* call of the learner notebooks works, shows the same questions as the course read from
quizzes/, and the same charts (caption, sources, alt text); no graded item is ever written for the site; and the
learner's data goes to the site's own files, kept by the browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.bank.load import load_bank
from course.bank.order import displayed
from course.bank.serialize import bank_from_data, bank_to_data
from course.chart_html import DATA_PAGE

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
SEED = "graine-du-test"
HEAVY = ("yaml", "jsonschema", "numpy", "pandas", "matplotlib", "nbgrader")


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory) -> Path:
    from course.prebuilt import write

    folder = tmp_path_factory.mktemp("site") / "prebuilt_data"
    write(folder)
    return folder


@pytest.fixture(scope="module")
def browser(prebuilt, tmp_path_factory) -> dict:
    """What the notebooks show in a kernel without the heavy libraries, reading the pre-built folder."""
    from course.learner.store import LearnerStore, empty

    work = tmp_path_factory.mktemp("browser")
    report = work / "report.json"
    (work / "docs").mkdir()  # the kernel works where the site's notebooks are, beside the site's docs/
    shutil.copy2(REPO / "docs" / DATA_PAGE, work / "docs" / DATA_PAGE)
    LearnerStore(work / "mes-donnees").save({**empty(), "graine": SEED})  # the order of options is this learner's
    env = {**os.environ, "COURSE_PREBUILT_DATA": str(prebuilt), "COURS_MES_DONNEES": str(work / "mes-donnees"),
           "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, str(REPO / "tests" / "browser_kernel.py"), str(NOTEBOOKS), str(report)],
                   env=env, cwd=work, check=True, timeout=300)
    return {**json.loads(report.read_text(encoding="utf-8")), "folder": work}


def notebook_item_ids() -> list[str]:
    """Every question id a learner notebook names in a show_question, show_scenario or show_quiz call."""
    found = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and re.match(r"show_(question|scenario|quiz)\(", source):
                found += re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)"', source)
    return found


def test_a_bank_written_for_the_browser_reads_back_equal():
    bank = load_bank(with_graded=False)
    assert bank_from_data(json.loads(json.dumps(bank_to_data(bank)))) == bank


def test_every_cell_of_the_learner_notebooks_runs_without_pyyaml_pandas_or_matplotlib(browser):
    failed = [f"{name}: {cell['code']}\n{cell['error']}" for name, cells in browser["notebooks"].items()
              for cell in cells if "error" in cell]
    assert not failed, "\n".join(failed)
    assert {"00_accueil.ipynb", "01_plateformes.ipynb", "test_final.ipynb",
            "questionnaire_de_satisfaction.ipynb"} <= set(browser["notebooks"])
    assert not set(HEAVY) & {name.split(".")[0] for name in browser["modules"]}


def test_each_show_call_displays_something(browser):
    for name, cells in browser["notebooks"].items():
        for cell in cells:
            if re.match(r"\s*show_\w+\(", cell["code"]):
                assert cell["shown"], f"{name}: {cell['code']} n'affiche rien"


def test_the_browser_shows_the_same_questions_as_the_course_read_from_quizzes(browser):
    """Same modules, ids, prompts, options (texts, keys, feedback) and the same order for a given learner."""
    bank = load_bank(with_graded=False)
    assert browser["bank"] == bank_to_data(bank)
    read_back = bank_from_data(browser["bank"])
    ids = notebook_item_ids()
    assert len(ids) > 50
    for item_id in ids:
        mine, theirs = displayed(bank.item(item_id), "graine"), displayed(read_back.item(item_id), "graine")
        assert mine == theirs


def test_each_question_shown_in_the_browser_has_the_prompt_and_options_of_the_jupyterlab_one(browser):
    """show_question and show_scenario cells: the same widget, in the same learner's order, as from quizzes/."""
    from course.sources import load_sources
    from course.widgets import item_widget

    bank, sources = load_bank(with_graded=False), load_sources()
    compared = 0
    for cells in browser["notebooks"].values():
        for cell in cells:
            called = re.fullmatch(r'show_(?:question|scenario)\("([^"]+)"\)', cell["code"].strip())
            if not called:
                continue
            widget = item_widget(displayed(bank.item(called[1]), SEED), sources)
            (shown,) = cell["shown"]
            assert shown["questions"] == [{"prompt": widget.prompt, "options": [
                [option["id"], option["label"]] for option in widget.options]}], called[1]
            compared += 1
    assert compared > 40


def without_image(page: str) -> str:
    return re.sub(r'<img src="data:image/[^"]+" width="\d+"', "<img", page)


def test_a_chart_in_the_browser_has_the_caption_sources_and_alt_text_of_the_jupyterlab_chart(browser, monkeypatch):
    import matplotlib.pyplot as plt

    from course.charts import CHARTS, build_chart

    assert set(browser["charts"]) == set(CHARTS)
    monkeypatch.chdir(browser["folder"])  # JupyterLab's kernel in the same place: the same link to docs/
    for name in CHARTS:
        chart = build_chart(name)
        page = chart.to_html()
        plt.close(chart.figure)
        site = browser["charts"][name]
        assert 'src="data:image/svg+xml;base64,' in site and f'<a href="docs/{DATA_PAGE}"' in site
        assert without_image(site) == without_image(page), name
        width = lambda html: int(re.search(r'width="(\d+)"', html).group(1))  # noqa: E731
        assert abs(width(site) - width(page)) <= 2, name


def test_the_charts_are_shown_in_place_in_module_1(browser):
    cells = browser["notebooks"]["01_plateformes.ipynb"]
    charts = [cell for cell in cells if cell["code"].startswith("show_chart(")]
    assert len(charts) == 5
    for cell in charts:
        (shown,) = cell["shown"]
        assert '<figure class="cours-graphique"' in shown["html"] and ' alt="' in shown["html"]


def test_the_explorer_says_it_needs_the_full_course_and_shows_its_views(browser, prebuilt):
    cell = next(cell for cell in browser["notebooks"]["01_plateformes.ipynb"] if cell["code"] == "show_explorer()")
    (shown,) = cell["shown"]
    page = shown["html"]
    assert "demande le cours complet" in page
    views = json.loads((prebuilt / "charts.json").read_text(encoding="utf-8"))["explorer"]
    assert page.count("<img ") == len(views) > 5
    assert page.count("<details class=\"cours-explorateur-vue\" open>") == 1
    for view in views:
        assert f'alt="{view["alt"]}"'.replace("'", "&#x27;") in page.replace("&quot;", '"')


def test_no_graded_item_is_written_for_the_site(prebuilt):
    graded = [module for module in load_bank(with_graded=True).modules if module.graded]
    assert graded
    written = "\n".join(path.read_text(encoding="utf-8") for path in prebuilt.rglob("*") if path.suffix in
                        (".json", ".csv"))
    for module in graded:
        for item in module.items:
            assert f'"{item.id}"' not in written
            assert item.prompt.strip()[:60] not in written


def test_the_instructors_notes_on_sources_are_not_written_for_the_site(prebuilt):
    import csv

    with (prebuilt / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["instructor_note"] == "" for row in rows)


def test_the_course_installed_from_the_repository_keeps_its_jupyterlab_charts(monkeypatch):
    import course
    from course import charts, explorer

    monkeypatch.delenv("COURSE_PREBUILT_DATA", raising=False)
    assert course.show_chart is charts.show_chart
    assert course.show_explorer is explorer.show_explorer


def test_with_prebuilt_data_the_course_shows_the_prebuilt_charts(prebuilt, monkeypatch):
    import course
    from course.prebuilt import views

    monkeypatch.setenv("COURSE_PREBUILT_DATA", str(prebuilt))
    assert course.show_chart is views.show_chart
    assert course.show_explorer is views.show_explorer


def test_in_the_browser_the_learners_data_goes_to_the_sites_own_files(monkeypatch):
    from course.learner.store import LearnerStore, data_folder

    monkeypatch.delenv("COURS_MES_DONNEES", raising=False)
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert data_folder() == Path("/drive/mes-donnees")
    assert LearnerStore().path == Path("/drive/mes-donnees/mes-donnees.json")
