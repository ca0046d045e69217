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


def test_jupyterlab_page_loads_the_lms_adapter_by_a_relative_address(tmp_path):
    from course.site.build import link_lms

    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / "index.html").write_text("<html><head><title>JupyterLite</title></head><body></body></html>")
    link_lms(tmp_path)
    assert (tmp_path / "lms.js").read_text() == (REPO / "course" / "site" / "lms.js").read_text()
    assert '<script src="../lms.js"></script>\n</head>' in (tmp_path / "lab" / "index.html").read_text()
    (tmp_path / "lab" / "index.html").write_text("<html><body></body></html>")
    with pytest.raises(RuntimeError, match="</head> introuvable"):
        link_lms(tmp_path)
