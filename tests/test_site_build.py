"""The browser site's build (course/site/) without a browser: what it stops on, in French, and the site's copy of
a notebook. The built site itself is tested in Chromium (tests/browser/test_site.py)."""

from __future__ import annotations

import json

import pytest

from conftest import REPO
from course.site import MissingFile
from course.site.notebooks import LEARNER_NOTEBOOKS, NOTE, site_notebook
from course.site.pyodide import npm_pyodide
from spelling import unknown_words
from test_french_typography import typography_problems


def test_without_npm_pyodide_the_build_names_the_file_and_the_command(tmp_path):
    with pytest.raises(MissingFile) as missing:
        npm_pyodide(tmp_path / "node_modules", "314.0.6")
    assert str(missing.value) == ("Fichier introuvable\u00a0: node_modules/pyodide/pyodide.mjs — lancez "
                                  "«\u00a0npm install\u00a0» (make setup le fait).")


def test_another_pyodide_version_is_refused_with_the_fix(tmp_path):
    folder = tmp_path / "node_modules" / "pyodide"
    folder.mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide-lock.json", "pyodide.asm.wasm", "python_stdlib.zip"):
        (folder / name).write_text("")
    (folder / "package.json").write_text(json.dumps({"version": "0.27.0"}))
    with pytest.raises(MissingFile, match="attend la 314.0.6.*npm install"):
        npm_pyodide(tmp_path / "node_modules", "314.0.6")


def test_every_learner_notebook_and_nothing_else_goes_on_the_site():
    assert sorted(LEARNER_NOTEBOOKS) == sorted(path.stem for path in (REPO / "notebooks").glob("*.ipynb"))


def test_the_site_copy_runs_on_pyodide_and_tells_what_to_do_if_python_does_not_start():
    source = json.loads((REPO / "notebooks" / "01_plateformes.ipynb").read_text(encoding="utf-8"))
    copy = site_notebook(source)
    assert copy["metadata"]["kernelspec"]["name"] == "python"
    assert copy["cells"][0] == source["cells"][0] and "".join(copy["cells"][1]["source"]) == NOTE
    assert copy["cells"][2:] == [cell for cell in source["cells"][1:]]
    assert source["metadata"]["kernelspec"]["name"] == "python3"  # the source is left as it was
    assert not typography_problems(NOTE) and not unknown_words(NOTE)


def test_jupyterlab_page_loads_its_scripts_in_order_by_relative_addresses(tmp_path):
    """The shared wait for JupyterLab's application first, then the LMS adapter and the phone's side panel."""
    from course.site.build import link_page_scripts

    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / "index.html").write_text("<html><head><title>JupyterLite</title></head><body></body></html>")
    link_page_scripts(tmp_path)
    for name in ("jupyterapp.js", "lms.js", "narrow.js"):
        assert (tmp_path / name).read_text() == (REPO / "course" / "site" / name).read_text()
    assert ('<title>JupyterLite</title><script src="../jupyterapp.js"></script>\n<script src="../lms.js"></script>\n'
            '<script src="../narrow.js"></script>\n</head>') in (tmp_path / "lab" / "index.html").read_text()
    (tmp_path / "lab" / "index.html").write_text("<html><body></body></html>")
    with pytest.raises(RuntimeError, match="</head> introuvable"):
        link_page_scripts(tmp_path)


def test_the_home_page_link_to_your_data_leads_to_the_page_the_site_holds(tmp_path):
    """The course's notebooks link to ../docs/ (beside notebooks/); on the site they sit beside docs/."""
    from course.site.pages import LEARNER_PAGES, broken_links, write_site_pages
    from course.site.notebooks import write_site_notebooks

    files = tmp_path / "files"
    write_site_notebooks(REPO / "notebooks", files)
    pages = write_site_pages(REPO / "docs", files)
    assert sorted(path.name for path in pages) == sorted(LEARNER_PAGES)
    home = (files / "00_accueil.ipynb").read_text(encoding="utf-8")
    assert "](docs/mes-donnees.md)" in home and "../docs/" not in home
    assert broken_links(files) == []
    # Each page comes whole: only links to the course's other pages (not on the site) lose their address.
    source, copy = ((folder / "mes-donnees.md").read_text(encoding="utf-8") for folder in (REPO / "docs",
                                                                                            files / "docs"))
    assert "](scorm.md)" in source and "scorm.md" not in copy
    assert copy == source.replace("[le cours dans une plateforme de formation](scorm.md)",
                                  "le cours dans une plateforme de formation")


def test_a_link_to_nowhere_on_the_site_is_named_with_its_file(tmp_path):
    from course.site.build import check_links
    from course.site.pages import broken_links, site_page

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "donnees.md").write_text("# Les chiffres\n", encoding="utf-8")
    (tmp_path / "docs" / "page.md").write_text(
        "[ici](donnees.md#sources) [là](absente.md) [dehors](../../etc/passwd) [web](https://example.org/x.md) "
        "[ancre](#haut) [courriel](mailto:a@b.fr)\n", encoding="utf-8")
    notebook = {"cells": [{"cell_type": "markdown", "source": ["[module](02_absent.ipynb)"]},
                          {"cell_type": "code", "source": "[pas un lien](nulle-part.md)"}]}
    (tmp_path / "00_accueil.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    assert broken_links(tmp_path) == ["docs/page.md → absente.md", "docs/page.md → ../../etc/passwd",
                                      "00_accueil.ipynb → 02_absent.ipynb"]
    with pytest.raises(RuntimeError, match="Liens sans destination dans le site\u00a0: docs/page.md → absente.md"):
        check_links(tmp_path)
    assert site_page("[chiffres](donnees.md) [guide](formateurs.md) [web](https://a.fr/b.md)") == (
        "[chiffres](donnees.md) guide [web](https://a.fr/b.md)")


@pytest.mark.parametrize("layout, expected", [("course", "../docs/donnees.md"), ("site", "docs/donnees.md"),
                                              ("none", None)])
def test_a_chart_links_to_how_to_read_the_figures_relative_to_its_notebook(tmp_path, monkeypatch, layout,
                                                                            expected):
    """The kernel works in the notebook's folder: notebooks/ beside docs/ in a course copy, the site's root."""
    from course.chart_html import data_page_link

    notebooks = tmp_path / "notebooks" if layout == "course" else tmp_path
    notebooks.mkdir(exist_ok=True)
    if layout != "none":
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / "donnees.md").write_text("# Les chiffres\n", encoding="utf-8")
    monkeypatch.chdir(notebooks)
    link = data_page_link()
    if expected is None:
        assert link == ""
    else:
        assert f'href="{expected}"' in link and "Comment lire ces chiffres" in link
