"""« Mes données »: one local file the learner can open, export and erase; time on task measured from it."""

from __future__ import annotations

import csv
import json

import pytest


@pytest.fixture
def store(learner_folder):
    from course.learner.store import LearnerStore

    return LearnerStore()


def test_time_on_task_adds_the_gaps_between_recorded_actions_and_leaves_out_long_pauses():
    from course.learner.activity import time_per_module

    events = [{"quand": f"2026-11-20T10:{minute:02d}:00+00:00", "module": module, "quoi": "cellule"}
              for minute, module in ((0, "01"), (4, "01"), (9, "01"), (40, "01"), (42, "01"), (45, "02"), (46, "02"))]
    # Module 01: 4 + 5 minutes, then a 31-minute pause (away, not counted), then 2 minutes: 11 minutes.
    assert time_per_module(events) == {"01": 660.0, "02": 60.0}


def test_the_time_shown_on_the_home_page_comes_from_the_recorded_activity(store):
    from course.learner.home import Step, progress_html

    store.save({**store.load(), "activite": [
        {"quand": "2026-11-20T10:00:00+00:00", "module": "01", "quoi": "ouverture"},
        {"quand": "2026-11-20T10:07:00+00:00", "module": "01", "quoi": "reponse", "question": "q1"}]})
    shown = progress_html(store, [Step("01", "Module 1 — Panorama", 3)]).replace("\u00a0", " ")
    assert "<td>Module 1 — Panorama</td><td>1 / 3 questions</td><td>7 min</td>" in shown


def test_the_progress_table_follows_the_path_with_test_results_and_the_questionnaire(store):
    from course.learner.home import Step, progress_html

    store.update(lambda data: data["tests"].__setitem__(
        "positionnement", {"termine_le": "2026-11-20T10:00:00+00:00", "reponses": {},
                           "objectifs": {"o1": [2.0, 3], "o2": [0.5, 3]}}))
    steps = [Step("00", "Test de positionnement", 6, "positionnement"), Step("01", "Module 1 — Panorama", 3),
             Step("07", "Test final", 6, "final")]
    shown = progress_html(store, steps).replace("\u00a0", " ")
    rows = shown.split("<tr>")[2:]
    assert [row.split("</td>")[0] for row in rows] == ["<td>Test de positionnement", "<td>Module 1 — Panorama",
                                                       "<td>Test final", "<td>Questionnaire de satisfaction"]
    assert "terminé : 2,5 / 6 points" in rows[0] and "0 / 3 questions" in rows[1] and "à faire" in rows[2]
    assert "à remplir" in rows[3]
    assert "00 —" not in shown and "07" not in shown  # the bank's numbers of the tests are not the learner's


def wait_for(condition, seconds: float) -> float:
    """Seconds until condition() holds; fails after `seconds`."""
    import time

    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, f"toujours faux après {seconds} s"
        time.sleep(0.02)
    return time.monotonic() - start


def test_the_progress_shown_on_the_home_page_follows_an_answer_recorded_by_another_kernel(store):
    """Another module's kernel writes the file; the home page's panel redraws within its interval."""
    from course.learner.home import ProgressPanel, Step

    panel = ProgressPanel(store, lambda: [Step("03", "Module 3 — Les risques", 4)], interval=0.2)
    try:
        assert "0 / 4 questions" in panel.value.replace("\u00a0", " ")
        store.record("03", "reponse", question="risques-1", reponse="a", score=1.0, sur=1)
        lag = wait_for(lambda: "1 / 4 questions" in panel.value.replace("\u00a0", " "), seconds=2)
        assert lag < 1.0
        print(f"\n[mesure] progression redessinée {lag * 1000:.0f} ms après l’écriture (intervalle 200 ms)")
        store.erase()  # and when the file disappears (« Effacer mes données »)
        wait_for(lambda: "0 / 4 questions" in panel.value.replace("\u00a0", " "), seconds=2)
    finally:
        panel.close()
    assert not panel.watching


def test_the_progress_panel_redraws_only_when_the_file_changes_and_one_watcher_runs_per_kernel(store, monkeypatch):
    import time

    from course.learner import home
    from course.learner.home import ProgressPanel, Step

    drawn = []
    real = home.progress_html
    monkeypatch.setattr(home, "progress_html", lambda *args: drawn.append(1) or real(*args))
    store.record("01", "cellule")
    first = ProgressPanel(store, lambda: [Step("01", "Module 1", 2)], interval=0.05)
    time.sleep(0.5)  # ten wake-ups, the file unchanged
    assert len(drawn) == 1
    second = ProgressPanel(store, lambda: [Step("01", "Module 1", 2)], interval=0.05)  # the cell is run again
    assert not first.watching and second.watching
    second.close()
    assert not second.watching


def test_activity_is_recorded_when_a_module_is_used(store, monkeypatch):
    from course.learner import activity

    monkeypatch.setattr(activity, "_state", {"module": None, "hooked": True, "opened": set(), "warned": False})
    activity.track("03")
    activity.record("03", "cellule")
    assert [(event["module"], event["quoi"]) for event in store.load()["activite"]] == \
        [("03", "ouverture"), ("03", "cellule")]


def test_exports_hold_everything_in_json_and_one_row_per_action_in_csv(store):
    store.set_profile("infirmier", "maroc")
    store.record("02", "reponse", question="q", reponse=["a", "b"], score=1.5, sur=2)
    exported = json.loads(store.export_json().read_text(encoding="utf-8"))
    assert exported["profil"]["profession"] == "infirmier" and exported == store.load()
    with store.export_csv().open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["quand", "module", "quoi", "question"]
    assert rows[1][1:] == ["02", "reponse", "q", '["a", "b"]', "1,5", "2"]


def test_an_unreadable_file_is_kept_aside_not_lost(store):
    store.folder.mkdir(parents=True)
    store.path.write_text("{pas du json", encoding="utf-8")
    assert store.load()["activite"] == []
    [aside] = store.folder.glob("mes-donnees.illisible-*.json")
    assert aside.read_text(encoding="utf-8") == "{pas du json"


@pytest.mark.parametrize("edited", ['{"format": "cours-mes-donnees", "activite": 5}',
                                    '{"format": "cours-mes-donnees", "activite": "texte"}',
                                    '{"format": "cours-mes-donnees", "profil": [], "activite": []}',
                                    '{"format": "cours-mes-donnees", "tests": null}'])
def test_a_file_edited_into_another_shape_is_kept_aside_and_recording_goes_on(store, edited):
    store.folder.mkdir(parents=True)
    store.path.write_text(edited, encoding="utf-8")
    store.record("01", "ouverture")  # would fail on a list that is not one
    assert [event["quoi"] for event in store.load()["activite"]] == ["ouverture"]
    [aside] = store.folder.glob("mes-donnees.illisible-*.json")
    assert aside.read_text(encoding="utf-8") == edited


def test_erasing_asks_for_confirmation_then_removes_every_trace_on_disk(store):
    from course.learner.home import MyDataPanel

    store.set_profile("medecin", "france")
    store.record("01", "cellule")
    panel = MyDataPanel(store)
    panel.export("json")
    panel.export("csv")
    assert len(list(store.folder.iterdir())) == 3
    panel.erase_button.click()
    assert store.path.exists() and panel.confirmation.layout.display == ""  # nothing erased yet
    panel.cancel_button.click()
    assert store.path.exists() and "Rien n’a été effacé" in panel.message.value
    panel.erase_button.click()
    panel.confirm_button.click()
    assert not store.folder.exists()
    assert "effacées" in panel.message.value and "Aucune donnée enregistrée" in panel.summary.value


def test_the_profile_lists_show_a_french_placeholder_until_the_learner_chooses(store):
    from course.learner.home import ProfileChooser

    chooser = ProfileChooser(store)
    # index 0 is the placeholder; an index of None is what a browser shows as a blank list
    assert (chooser.profession.index, chooser.profession.label) == (0, "Choisissez votre profession")
    assert (chooser.country.index, chooser.country.label) == (0, "Choisissez votre pays")
    chooser.save_button.click()  # both placeholders still shown
    assert not store.path.exists() and "Choisissez une profession et un pays" in chooser.message.value


def test_the_profile_chooser_saves_and_refuses_an_incomplete_choice(store):
    from course.learner.home import ProfileChooser

    chooser = ProfileChooser(store)
    chooser.profession.value = "pharmacien"
    chooser.save_button.click()
    assert store.profile() == {} and "Choisissez une profession et un pays" in chooser.message.value
    chooser.country.value = "maroc"
    chooser.save_button.click()
    assert store.profile()["profession"] == "pharmacien" and store.profile()["pays"] == "maroc"
    assert ProfileChooser(store).country.value == "maroc"  # shown again when the home page is reopened
    chooser.country.index = 0  # back to « Choisissez votre pays »: the saved profile stays as it was
    chooser.save_button.click()
    assert store.profile()["pays"] == "maroc" and "Choisissez une profession et un pays" in chooser.message.value


def test_on_a_shared_server_each_learner_keeps_their_data_in_their_own_home(monkeypatch, tmp_path):
    from course.learner.store import data_folder

    monkeypatch.delenv("COURS_MES_DONNEES")
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path / "cours"))
    (tmp_path / "cours").mkdir()
    assert data_folder() == tmp_path / "cours" / "mes-donnees"  # the learner's own copy of the course
    monkeypatch.setenv("HOME", str(tmp_path / "ana"))
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    assert data_folder() == tmp_path / "ana" / "cours-reseaux-sociaux" / "mes-donnees"


def test_erasing_removes_only_what_the_course_wrote_and_stops_recording_here(tmp_path, monkeypatch):
    """COURS_MES_DONNEES may name a folder that holds other documents: they, and what a link points to, survive."""
    from course.learner import activity
    from course.learner.home import MyDataPanel
    from course.learner.store import LearnerStore

    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "ordonnances.pdf").write_text("à garder")
    outside = tmp_path / "ailleurs.txt"
    outside.write_text("à garder aussi")
    monkeypatch.setenv("COURS_MES_DONNEES", str(folder))
    store = LearnerStore()
    store.set_profile("infirmier", "france")
    store.export_json()
    (folder / "export-20260101-000000.csv").symlink_to(outside)
    panel = MyDataPanel(store)
    panel.erase_button.click()
    panel.confirm_button.click()
    assert sorted(path.name for path in folder.iterdir()) == ["ordonnances.pdf"]
    assert outside.read_text() == "à garder aussi"
    assert "est gardé, car il contient 1 fichier(s) que le cours n’a pas écrit(s)" in panel.message.value
    activity.record("01", "cellule")  # a cell run in this kernel after erasing
    assert not store.path.exists()


def test_every_file_the_course_writes_for_a_learner_is_private(tmp_path, monkeypatch):
    import stat

    from course.learner.store import LearnerStore

    monkeypatch.setenv("COURS_MES_DONNEES", str(tmp_path / "mes-donnees"))
    store = LearnerStore()
    store.set_profile("pharmacien", "maroc")
    written = [store.path, store.export_json(), store.export_csv()]
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in written), written
