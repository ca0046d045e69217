"""A SCORM package played as an LMS plays it, in Chromium: the package unzipped under a sub-path of the server (as
Moodle serves it, /pluginfile.php/…/content/1/), launched in an iframe of the LMS's page with the item's parameters,
the npm `scorm-again` runtime in that page as `window.API` (SCORM 1.2) and `window.API_1484_11` (2004). Every
request outside the server's origin is aborted and fails the test.

This version of the package reports nothing (no adapter yet): the course must work as on the site and say nothing
about SCORM, and the runtime must see no call."""

from __future__ import annotations

import shutil
import time
import zipfile

import pytest
from playwright.sync_api import expect

from conftest import REPO

from .test_site import KERNEL_IDLE, KERNEL_START_MS, NOTE, StaticServer, guarded_context

RUNTIME = REPO / "node_modules" / "scorm-again" / "dist" / "scorm-again.min.js"
CONTENT = "pluginfile.php/42/mod_scorm/content/1"
LMS_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Plateforme de formation (essai)</title>
<script src="/scorm-again.min.js"></script>
<script>
  window.API = new Scorm12API({autocommit: false, logLevel: 5});
  window.API_1484_11 = new Scorm2004API({autocommit: false, logLevel: 5});
</script></head>
<body><iframe id="sco" title="Module" style="width: 1380px; height: 960px" src="/%s/index.html"></iframe></body></html>
""" % CONTENT


@pytest.fixture(scope="module")
def lms(scorm_packages, tmp_path_factory):
    """A folder served as an LMS serves a package: the SCORM 1.2 zip unzipped under CONTENT, the LMS's page and
    the runtime at the root."""
    if not RUNTIME.exists():
        pytest.skip("scorm-again absent (npm install) : test du paquet SCORM dans une plateforme ignoré")
    root = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(scorm_packages["1.2"]) as archive:
        archive.extractall(root / CONTENT)
    shutil.copy2(RUNTIME, root / RUNTIME.name)
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    server = StaticServer(root)
    yield server
    server.close()


def test_the_package_opens_the_course_home_inside_the_lms_and_reports_nothing_yet(browser, lms):
    foreign: list[str] = []
    context = guarded_context(browser, lms.origin, foreign)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        start = time.monotonic()
        page.goto(f"{lms.origin}/lms.html")
        frame = page.frame_locator("#sco")
        frame.get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
        expect(frame.locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first).to_be_visible()
        frame.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=KERNEL_START_MS)
        print(f"\n[mesure] plateforme → Python prêt dans le paquet : {time.monotonic() - start:.1f} s")
        course = page.frames[1]
        assert course.url == f"{lms.origin}/{CONTENT}/lab/index.html"  # JupyterLab drops ?path= once open
        assert "SCORM" not in course.locator("body").inner_text()
        assert page.evaluate("API.isNotInitialized() && API_1484_11.isNotInitialized()")
        assert page.evaluate("API.cmi.core.lesson_status") == "not attempted"  # the runtime's initial value
    finally:
        context.close()
    assert not foreign, f"requêtes hors de la plateforme : {sorted(set(foreign))}"
