"""The SCORM packages played as an LMS plays them, in Chromium: each package unzipped under a sub-path of the server
(as Moodle serves it, /pluginfile.php/…/content/1/), launched in an iframe of the LMS's page, the npm `scorm-again`
runtime in that page as `window.API` (SCORM 1.2) or `window.API_1484_11` (2004), its commits sent to the LMS's
/commit address and recorded. Every request outside the server's origin is aborted and fails the test.

This version of the adapter (course/site/lms.js) initializes the session, sets the status to « incomplete » and
reports the session's time when the learner leaves; without an LMS it does nothing and says nothing."""

from __future__ import annotations

import re
import shutil
import time
import zipfile

import pytest
from playwright.sync_api import expect

from conftest import REPO

from .test_site import KERNEL_IDLE, KERNEL_START_MS, NOTE, StaticServer, guarded_context

RUNTIME = REPO / "node_modules" / "scorm-again" / "dist" / "scorm-again.min.js"
CONTENT = {"1.2": "pluginfile.php/42/mod_scorm/content/1", "2004": "pluginfile.php/43/mod_scorm/content/1"}
API = {"1.2": "API", "2004": "API_1484_11"}
#: The LMS's page: ?version= chooses the runtime (an LMS offers only the API of the package's version); its commits
#: are recorded in window.commits as the runtime sends them.
LMS_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Plateforme de formation (essai)</title>
<script src="/scorm-again.min.js"></script>
<script>
  var version = new URLSearchParams(location.search).get("version");
  window.commits = [];
  var settings = {autocommit: false, logLevel: 5, lmsCommitUrl: "/commit", requestHandler: function (data) {
    commits.push(JSON.parse(JSON.stringify(data)));
    return data;
  }};
  if (version === "2004") { window.API_1484_11 = new Scorm2004API(settings); }
  else { window.API = new Scorm12API(settings); }
</script></head>
<body><iframe id="sco" title="Formation" style="width: 1380px; height: 960px"></iframe>
<script>
  document.getElementById("sco").src = "/" + %s[version] + "/index.html";
</script></body></html>
""" % repr(CONTENT).replace("'", '"')
#: A platform whose API refuses everything: writes answer "false", reads throw.
REFUSING_LMS_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Plateforme en panne (essai)</title>
<script>
  window.calls = [];
  function refuse(name, answer) {
    return function () { calls.push(name); if (answer === undefined) { throw new Error("panne"); } return answer; };
  }
  window.API = {LMSInitialize: refuse("LMSInitialize", "true"), LMSGetValue: refuse("LMSGetValue"),
                LMSSetValue: refuse("LMSSetValue", "false"), LMSCommit: refuse("LMSCommit", "false"),
                LMSFinish: refuse("LMSFinish", "false"), LMSGetLastError: refuse("LMSGetLastError", "101"),
                LMSGetErrorString: refuse("LMSGetErrorString", "General Exception"),
                LMSGetDiagnostic: refuse("LMSGetDiagnostic", "")};
</script></head>
<body><iframe id="sco" title="Formation" style="width: 1380px; height: 960px" src="/%s/index.html"></iframe></body></html>
""" % CONTENT["1.2"]


@pytest.fixture(scope="module")
def lms(scorm_packages, tmp_path_factory):
    """A folder served as an LMS serves packages: each zip unzipped under its CONTENT path, the LMS's pages and the
    runtime at the root."""
    if not RUNTIME.exists():
        pytest.skip("scorm-again absent (npm install) : test du paquet SCORM dans une plateforme ignoré")
    root = tmp_path_factory.mktemp("lms")
    for version, folder in CONTENT.items():
        with zipfile.ZipFile(scorm_packages[version]) as archive:
            archive.extractall(root / folder)
    shutil.copy2(RUNTIME, root / RUNTIME.name)
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    (root / "lms-en-panne.html").write_text(REFUSING_LMS_PAGE, encoding="utf-8")
    server = StaticServer(root)
    yield server
    server.close()


@pytest.fixture
def learner(browser, lms):
    """A learner's page in a context where requests leave nothing but the LMS's server, the LMS's /commit answered
    as an LMS does; the page's errors and console messages recorded."""
    foreign: list[str] = []
    context = guarded_context(browser, lms.origin, foreign)
    context.route(f"{lms.origin}/commit*", lambda route: route.fulfill(json={"result": True, "errorCode": 0}))
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.errors, page.console = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.console.append(message.text))
    yield page
    context.close()
    assert not foreign, f"requêtes hors de la plateforme : {sorted(set(foreign))}"


def seconds(session_time: str) -> float:
    """A SCORM 1.2 timespan (HHHH:MM:SS.SS) or a SCORM 2004 duration (PT…H…M…S) in seconds."""
    if match := re.fullmatch(r"(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)", session_time):
        hours, minutes, rest = match.groups()
    else:
        match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?", session_time)
        assert match, f"durée de session illisible : {session_time!r}"
        hours, minutes, rest = (group or "0" for group in match.groups())
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def test_the_package_opens_the_course_home_inside_the_lms(learner, lms):
    page = learner
    start = time.monotonic()
    page.goto(f"{lms.origin}/lms.html?version=1.2")
    frame = page.frame_locator("#sco")
    frame.get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
    expect(frame.locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first).to_be_visible()
    frame.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=KERNEL_START_MS)
    print(f"\n[mesure] plateforme → Python prêt dans le paquet : {time.monotonic() - start:.1f} s")
    course = page.frames[1]
    assert course.url == f"{lms.origin}/{CONTENT['1.2']}/lab/index.html"  # JupyterLab drops ?path= once open
    assert "SCORM" not in course.locator("body").inner_text()
    assert page.evaluate("API.isInitialized()")
    assert not page.errors


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_lms_receives_the_status_incomplete_and_the_session_time_when_the_learner_leaves(learner, lms, version):
    page, api = learner, API[version]
    page.goto(f"{lms.origin}/lms.html?version={version}")
    page.wait_for_function(f"{api}.isInitialized()")
    status = "cmi.core.lesson_status" if version == "1.2" else "cmi.completion_status"
    assert page.evaluate(f"{api}.{status}") == "incomplete"  # set on the first launch
    page.frame_locator("#sco").get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
    time.sleep(1)
    page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the learner leaves the course
    page.wait_for_function(f"{api}.isTerminated()")
    commits = page.evaluate("commits")
    assert commits, "aucune donnée envoyée à la plateforme"
    last = commits[-1]["cmi"]
    if version == "1.2":
        reported, session_time = last["core"]["lesson_status"], last["core"]["session_time"]
    else:
        reported, session_time = last["completion_status"], last["session_time"]
    print(f"\n[mesure] SCORM {version} : statut {reported}, durée de session {session_time}, {len(commits)} envoi(s)")
    assert reported == "incomplete"
    assert 1 <= seconds(session_time) < 300
    assert not page.errors


def test_a_platform_that_refuses_every_call_does_not_break_the_course(learner, lms):
    page = learner
    page.goto(f"{lms.origin}/lms-en-panne.html")
    frame = page.frame_locator("#sco")
    frame.get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
    expect(frame.locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first).to_be_visible()
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("calls.includes('LMSFinish')")
    assert page.evaluate("calls")[:2] == ["LMSInitialize", "LMSGetValue"]
    assert not page.errors


def test_the_site_opened_directly_does_nothing_and_never_mentions_scorm(learner, lms):
    page = learner
    adapter = []
    page.on("response", lambda response: adapter.append(response.status) if response.url.endswith("/lms.js") else None)
    page.goto(f"{lms.origin}/{CONTENT['2004']}/index.html")
    page.get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
    expect(page.locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first).to_be_visible()
    assert adapter == [200]  # the adapter is there, and silent
    assert "SCORM" not in page.locator("body").inner_text()
    assert not [message for message in page.console if re.search(r"SCORM|API_1484_11|\bLMS", message)]
    assert not page.errors
