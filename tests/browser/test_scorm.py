"""The SCORM packages played as an LMS plays them, in Chromium: each package unzipped under a sub-path of the server
(as Moodle serves it, /pluginfile.php/…/content/1/), launched in an iframe of the LMS's page, the npm `scorm-again`
runtime in that page as `window.API` (SCORM 1.2) or `window.API_1484_11` (2004), its commits sent to the LMS's
/commit address and recorded. What the LMS holds before a launch (the pass mark it read in the package's manifest,
the suspend data and status of an earlier launch) is loaded into the runtime first, as an LMS does. Every request
outside the server's origin is aborted and fails the test.

A learner who passes the final test is reported completed and passed, with the score and one interaction per
question; one who fails it is reported failed, and their progress, kept as suspend data, comes back on another
computer; an LMS that refuses writes gets a French notice on screen and never stops the course; without an LMS the
adapter (course/site/lms.js) does nothing and says nothing."""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.parse
import zipfile
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from bank_answers import best_answer
from conftest import REPO
from course.bank import load_bank
from course.learner import lms as lms_report
from test_lms_report import full_run

from .conftest import ARTIFACTS, run_all, tick_right_options, wait_until_every_cell_ran
from .test_site import KERNEL_IDLE, KERNEL_START_MS, NOTE, READ_STORED_FILE, StaticServer, guarded_context

RUNTIME = REPO / "node_modules" / "scorm-again" / "dist" / "scorm-again.min.js"
CONTENT = {"1.2": "pluginfile.php/42/mod_scorm/content/1", "2004": "pluginfile.php/43/mod_scorm/content/1"}
API = {"1.2": "API", "2004": "API_1484_11"}
#: The LMS's page: ?version= chooses the runtime (an LMS offers only the API of the package's version); the address's
#: fragment, JSON, is what the LMS holds for this learner before the launch; commits are recorded in window.commits.
LMS_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Plateforme de formation (essai)</title>
<script src="/scorm-again.min.js"></script>
<script>
  var version = new URLSearchParams(location.search).get("version");
  var held = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : {};
  window.commits = [];
  var settings = {autocommit: false, logLevel: 5, lmsCommitUrl: "/commit", requestHandler: function (data) {
    commits.push(JSON.parse(JSON.stringify(data)));
    return data;
  }};
  var api = version === "2004" ? new Scorm2004API(settings) : new Scorm12API(settings);
  api.loadFromJSON(held);
  if (version === "2004") { window.API_1484_11 = api; } else { window.API = api; }
</script></head>
<body><iframe id="sco" title="Formation" style="width: 1380px; height: 960px"></iframe>
<script>
  document.getElementById("sco").src = "/" + %s[version] + "/index.html";
</script></body></html>
""" % repr(CONTENT).replace("'", '"')
#: A platform whose API refuses everything: writes answer "false", reads throw; with ?ouverture=non, the session's
#: start too.
REFUSING_LMS_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Plateforme en panne (essai)</title>
<script>
  window.calls = [];
  function refuse(name, answer) {
    return function () { calls.push(name); if (answer === undefined) { throw new Error("panne"); } return answer; };
  }
  var opens = new URLSearchParams(location.search).get("ouverture") === "non" ? "false" : "true";
  window.API = {LMSInitialize: refuse("LMSInitialize", opens), LMSGetValue: refuse("LMSGetValue"),
                LMSSetValue: refuse("LMSSetValue", "false"), LMSCommit: refuse("LMSCommit", "false"),
                LMSFinish: refuse("LMSFinish", "false"), LMSGetLastError: refuse("LMSGetLastError", "101"),
                LMSGetErrorString: refuse("LMSGetErrorString", "General Exception"),
                LMSGetDiagnostic: refuse("LMSGetDiagnostic", "")};
</script></head>
<body><iframe id="sco" title="Formation" style="width: 1380px; height: 960px" src="/%s/index.html"></iframe></body></html>
""" % CONTENT["1.2"]
NOT_RECORDED = "La plateforme de formation n’a pas enregistré votre progression."
NOT_TRACKED = "La plateforme de formation n’a pas ouvert le suivi de cette session"
TRACKED = "Vous avez ouvert ce cours depuis votre plateforme de formation"
SHOTS = ARTIFACTS / "scorm"


@pytest.fixture(scope="module")
def lms(scorm_packages, tmp_path_factory):
    """A folder served as an LMS serves packages: each zip unzipped under its CONTENT path, the LMS's pages and the
    runtime at the root; .pass_mark: what each manifest tells the LMS, as the LMS gives it to the course."""
    if not RUNTIME.exists():
        pytest.skip("scorm-again absent (npm install) : test du paquet SCORM dans une plateforme ignoré")
    root = tmp_path_factory.mktemp("lms")
    held = {}
    for version, folder in CONTENT.items():
        with zipfile.ZipFile(scorm_packages[version]) as archive:
            archive.extractall(root / folder)
            held[version] = pass_mark_at_launch(version, archive.read("imsmanifest.xml"))
    shutil.copy2(RUNTIME, root / RUNTIME.name)
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    (root / "lms-en-panne.html").write_text(REFUSING_LMS_PAGE, encoding="utf-8")
    server = StaticServer(root)
    server.pass_mark = held
    yield server
    server.close()


def pass_mark_at_launch(version: str, manifest: bytes) -> dict:
    """The runtime data an LMS derives from the manifest's pass mark: SCORM 1.2's mastery score, 2004's scaled
    passing score (Moodle reads them there)."""
    root = ElementTree.fromstring(manifest)
    if version == "1.2":
        return {"student_data": {"mastery_score": root.find(".//{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
                                                            "masteryscore").text}}
    measure = root.find(".//{http://www.imsglobal.org/xsd/imsss}minNormalizedMeasure").text
    return {"scaled_passing_score": measure}


def new_learner(browser, lms, commit_answer: dict | None = None):
    """A learner's page in a fresh context (another computer) where requests leave nothing but the LMS's server, the
    LMS's /commit answered with commit_answer (an accepting LMS by default); errors and console recorded."""
    foreign: list[str] = []
    context = guarded_context(browser, lms.origin, foreign)
    answer = commit_answer or {"result": True, "errorCode": 0}
    context.route(f"{lms.origin}/commit*", lambda route: route.fulfill(json=answer))
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.errors, page.console, page.foreign = [], [], foreign
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.console.append(message.text))
    return page


@pytest.fixture
def learner(browser, lms):
    page = new_learner(browser, lms)
    yield page
    page.context.close()
    assert not page.foreign, f"requêtes hors de la plateforme : {sorted(set(page.foreign))}"


def launch(page, lms, version: str, held: dict | None = None):
    """The LMS's page launching the package, with what the LMS holds for this learner; the course's frame."""
    data = {**lms.pass_mark[version], **(held or {})}
    page.goto(f"{lms.origin}/lms.html?version={version}#{urllib.parse.quote(json.dumps(data))}")
    page.wait_for_function(f"{API[version]}.isInitialized()")
    frame = page.frame_locator("#sco")
    frame.get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
    return next(frame for frame in page.frames if "/lab/" in frame.url)


def leave(page, version: str) -> dict:
    """The learner leaves the course (the LMS unloads its frame); the last commit's cmi."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function(f"{API[version]}.isTerminated()")
    return page.evaluate("commits")[-1]["cmi"]


def committed(page, check, timeout: float = 60) -> dict:
    """The first commit's cmi (from the newest) that check accepts, waiting for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for commit in reversed(page.evaluate("commits")):
            if check(commit["cmi"]):
                return commit["cmi"]
        page.wait_for_timeout(250)
    raise AssertionError(f"aucun envoi attendu à la plateforme en {timeout:.0f} s ; dernier : "
                         f"{(page.evaluate('commits') or [{}])[-1]}")


def open_from_home(frame, link: str, notebook: str) -> None:
    """A module opened as a learner does: its link in the home page (JupyterLab opens it beside, the frame stays),
    then « Exécuter toutes les cellules » once Python is ready."""
    frame.locator(".jp-RenderedMarkdown a").filter(has_text=re.compile(f"^{link}$")).first.click()
    frame.get_by_role("tab", name=notebook).first.wait_for()
    frame.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first.wait_for()
    frame.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=KERNEL_START_MS)
    run_all(frame)
    wait_until_every_cell_ran(frame)


def interactions(cmi: dict) -> list[dict]:
    found = cmi.get("interactions") or []
    return list(found.values()) if isinstance(found, dict) else found


def seconds(session_time: str) -> float:
    """A SCORM 1.2 timespan (HHHH:MM:SS.SS) or a SCORM 2004 duration (PT…H…M…S) in seconds."""
    if match := re.fullmatch(r"(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)", session_time):
        hours, minutes, rest = match.groups()
    else:
        match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?", session_time)
        assert match, f"durée de session illisible : {session_time!r}"
        hours, minutes, rest = (group or "0" for group in match.groups())
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


@pytest.fixture(scope="module")
def bank():
    return load_bank(with_graded=False)


def test_the_package_opens_the_course_home_inside_the_lms_and_a_reload_says_the_session_is_over(learner, lms):
    page = learner
    start = time.monotonic()
    course = launch(page, lms, "1.2")
    expect(course.locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first).to_be_visible()
    course.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=KERNEL_START_MS)
    print(f"\n[mesure] plateforme → Python prêt dans le paquet : {time.monotonic() - start:.1f} s")
    assert course.url == f"{lms.origin}/{CONTENT['1.2']}/lab/index.html"  # JupyterLab drops ?path= once open
    assert "SCORM" not in course.locator("body").inner_text()
    expect(course.locator("#cours-plateforme-avis")).to_contain_text(TRACKED)  # the first launch says what is sent
    course.evaluate("location.reload()")  # the learner reloads the course inside the LMS: that session has ended
    expect(page.frame_locator("#sco").locator("#cours-plateforme-avis")).to_contain_text(NOT_TRACKED)
    expect(page.frame_locator("#sco").locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first).to_be_visible()
    assert page.evaluate("API.isTerminated()")
    assert not page.errors


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_lms_receives_the_status_incomplete_and_the_session_time_when_the_learner_leaves(learner, lms, version):
    page, api = learner, API[version]
    launch(page, lms, version)
    status = "cmi.core.lesson_status" if version == "1.2" else "cmi.completion_status"
    assert page.evaluate(f"{api}.{status}") == "incomplete"  # set on the first launch
    time.sleep(1)
    last = leave(page, version)
    if version == "1.2":
        reported, session_time, exit_ = last["core"]["lesson_status"], last["core"]["session_time"], last["core"]["exit"]
    else:
        reported, session_time, exit_ = last["completion_status"], last["session_time"], last["exit"]
    print(f"\n[mesure] SCORM {version} : statut {reported}, durée de session {session_time}, "
          f"{len(page.evaluate('commits'))} envoi(s)")
    assert reported == "incomplete"
    assert 1 <= seconds(session_time) < 300
    assert exit_ == "suspend"  # the LMS keeps the suspend data for the next launch
    assert not page.errors


def test_a_learner_who_passes_the_final_test_is_reported_completed_and_passed_with_each_answer(learner, lms, bank):
    """SCORM 2004. The learner did the modules and the positioning test on another computer (the LMS holds that
    progress as suspend data); here they pass the final test."""
    page = learner
    before = full_run(bank, profile=("medecin", "france"))
    del before["tests"]["final"]
    course = launch(page, lms, "2004", {"suspend_data": lms_report.suspend(before, bank),
                                         "completion_status": "incomplete"})
    open_from_home(course, "Test final", "test_final.ipynb")
    final = next(module for module in bank.modules if module.evaluation == "final")
    test = course.locator(".cours-test")
    for item in final.items:
        question = test.locator(f".cours-item-{item.id}")
        question.scroll_into_view_if_needed()
        tick_right_options(question, item)
        question.get_by_role("button", name="Valider").click()
        expect(question).to_contain_text("Réponse enregistrée")
    test.get_by_role("button", name="Terminer le test").click()
    cmi = committed(page, lambda cmi: cmi.get("success_status") == "passed")
    print(f"\n[mesure] SCORM 2004, test final réussi : {cmi['completion_status']}, {cmi['success_status']}, score "
          f"{cmi['score']}, progression {cmi['progress_measure']}, {len(interactions(cmi))} interactions, "
          f"données de reprise {len(cmi['suspend_data'])} caractères")
    assert cmi["completion_status"] == "completed"  # the modules resumed from the LMS, the final test here
    assert float(cmi["score"]["scaled"]) == 1 and float(cmi["score"]["raw"]) == 100
    assert float(cmi["progress_measure"]) == 1
    records = interactions(cmi)
    assert [record["id"] for record in records] == [item.id for item in final.items]
    for record, item in zip(records, final.items):
        assert record["type"] == "choice" and record["result"] == "correct"
        expected = best_answer(item)
        assert sorted(record["learner_response"].split("[,]")) == sorted(
            [expected] if isinstance(expected, str) else expected)
        assert record["description"].startswith("{lang=fr}")
    left = leave(page, "2004")
    assert left["completion_status"] == "completed" and left["success_status"] == "passed"
    assert seconds(left["session_time"]) > 10
    assert not page.errors


def test_a_learner_who_fails_the_final_test_is_reported_failed_and_resumes_on_another_computer(browser, lms, bank):
    """SCORM 1.2. The learner finishes the final test without answering; then opens the course on another computer."""
    page = new_learner(browser, lms)
    try:
        course = launch(page, lms, "1.2")
        open_from_home(course, "Test final", "test_final.ipynb")
        course.locator(".cours-test").get_by_role("button", name="Terminer le test").click()
        cmi = committed(page, lambda cmi: cmi["core"]["lesson_status"] == "failed")
        final = next(module for module in bank.modules if module.evaluation == "final")
        assert float(cmi["core"]["score"]["raw"]) == 0
        records = interactions(cmi)
        assert [record["id"] for record in records] == [item.id for item in final.items]
        assert {record["result"] for record in records} == {"wrong"}
        left = leave(page, "1.2")
        assert left["core"]["lesson_status"] == "failed" and left["core"]["exit"] == "suspend"
        suspended = left["suspend_data"]
        print(f"\n[mesure] SCORM 1.2, test final échoué : score {cmi['core']['score']['raw']}, "
              f"{len(records)} interactions, données de reprise {len(suspended)} caractères")
        assert '"final"' in suspended
    finally:
        page.context.close()
    assert not page.foreign and not page.errors

    elsewhere = new_learner(browser, lms)  # a fresh browser: nothing of the first one's storage
    try:
        course = launch(elsewhere, lms, "1.2", {"suspend_data": suspended,
                                                 "core": {"lesson_status": "failed", "entry": "resume"}})
        course.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=KERNEL_START_MS)
        run_all(course)
        wait_until_every_cell_ran(course)
        row = course.locator(".cours-progression tr").filter(has_text="Test final").first
        expect(row).to_contain_text(re.compile(r"terminé\W+0 / \d+ points"))
        stored = course.evaluate(READ_STORED_FILE, "mes-donnees/mes-donnees.json")
        assert '"repris": true' in stored  # the learner's file on this computer now holds it
        assert not course.locator("#cours-plateforme-avis").count()  # told at the first launch, not again
        assert elsewhere.evaluate("API.cmi.core.lesson_status") == "failed"  # never set back to incomplete
    finally:
        elsewhere.context.close()
    assert not elsewhere.foreign and not elsewhere.errors


def test_an_lms_that_refuses_to_record_gets_a_french_notice_and_the_course_goes_on(browser, lms):
    """scorm-again, whose server answers every commit with a failure: the learner saves their profile and sees why it
    did not reach the platform, at laptop and phone widths; closes the notice with the keyboard, and keeps working
    with their progress in the browser."""
    page = new_learner(browser, lms, commit_answer={"result": False, "errorCode": 101})
    try:
        course = launch(page, lms, "1.2")
        course.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=KERNEL_START_MS)
        run_all(course)
        wait_until_every_cell_ran(course)
        profile = course.locator(".cours-profil")
        profile.locator("select").nth(0).select_option(label="infirmier·e")
        profile.locator("select").nth(1).select_option(label="Maroc")
        profile.get_by_role("button", name="Enregistrer mon profil").click()
        expect(profile).to_contain_text("Profil enregistré")
        notice = course.locator("#cours-plateforme-avis")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text(NOT_RECORDED)
        SHOTS.mkdir(parents=True, exist_ok=True)
        for width, height in ((1380, 960), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate(f"Object.assign(document.getElementById('sco').style, {{width: '{width - 20}px', "
                          f"height: '{height - 20}px'}})")  # an LMS fits its frame to the window
            page.wait_for_timeout(300)
            box = notice.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
            assert box["height"] < height / 3, box  # the course stays readable above it
            page.screenshot(path=str(SHOTS / f"avis-plateforme-{width}.png"))
        expect(course.locator(".cours-progression")).to_be_visible()  # the course goes on
        notice.get_by_role("button", name="Fermer").focus()
        page.keyboard.press("Enter")
        expect(notice).to_be_hidden()
        stored = course.evaluate(READ_STORED_FILE, "mes-donnees/mes-donnees.json")
        assert stored and '"infirmier"' in stored  # the progress is in the browser
    finally:
        page.context.close()
    assert not page.foreign and not page.errors


@pytest.mark.parametrize("opens", ["oui", "non"])
def test_a_platform_that_refuses_every_call_does_not_break_the_course(learner, lms, opens):
    page = learner
    page.goto(f"{lms.origin}/lms-en-panne.html?ouverture={opens}")
    frame = page.frame_locator("#sco")
    frame.get_by_role("tab", name="00_accueil.ipynb").first.wait_for()
    expect(frame.locator(".jp-RenderedMarkdown").filter(has_text=NOTE).first).to_be_visible()
    expect(frame.locator("#cours-plateforme-avis")).to_contain_text(NOT_RECORDED if opens == "oui" else NOT_TRACKED)
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    if opens == "oui":
        page.wait_for_function("calls.includes('LMSFinish')")
        assert page.evaluate("calls")[:2] == ["LMSInitialize", "LMSGetValue"]
    else:
        assert page.evaluate("calls") == ["LMSInitialize"]  # nothing more is asked of a session never opened
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
    assert not page.locator("#cours-plateforme-avis").count()
    assert not [message for message in page.console if re.search(r"SCORM|API_1484_11|\bLMS", message)]
    assert not page.errors
