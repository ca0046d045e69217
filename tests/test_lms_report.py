"""What the browser site tells an LMS (course/learner/lms.py): completion, the final test's score, one interaction per
final-test question, and the learner's progress as suspend data that resumes on another computer, within SCORM 1.2's
4,096 characters. The browser's side (lms.js, scorm-again) is tested in tests/browser/test_scorm.py."""

from __future__ import annotations

import json

import pytest

from bank_answers import best_answer, worst_answer
from course.bank import load_bank
from course.learner import lms
from course.learner.activity import last_answers
from course.learner.evaluation import objective_results
from course.learner.path import path_steps, steps_done
from course.learner.store import RESUME_FILE, LearnerStore, empty
from course.scoring import PASS_PERCENT, score_item

LONG_TEXT = "Très utile ; j’aurais aimé plus de cas sur les messageries de groupe et les avis en ligne. " * 30


@pytest.fixture(scope="module")
def bank():
    return load_bank(with_graded=False)


def full_run(bank, answer=best_answer, profile=("infirmier", "maroc")) -> dict:
    """A learner's file after the whole path: every question of every module answered (not only their profile's:
    the longest suspend data), both tests finished, the satisfaction questionnaire with long free text."""
    data = empty()
    data["profil"] = {"profession": profile[0], "pays": profile[1], "modifie_le": "2026-12-01T08:00:00+00:00"}
    data["graine"] = "0123456789abcdef"
    for module in bank.modules:
        data["activite"].append({"quand": "2026-12-01T08:00:00+00:00", "module": module.number, "quoi": "ouverture"})
        answers = {item.id: answer(item) for item in module.items}
        if module.evaluation:
            results = objective_results(module, answers)
            data["tests"][module.evaluation] = {"termine_le": "2026-12-01T09:00:00+00:00", "reponses": answers,
                                                "objectifs": {key: list(value) for key, value in results.items()}}
            continue
        for item_id, given in answers.items():
            score = score_item(bank.item(item_id), given)
            data["activite"].append({"quand": "2026-12-01T08:30:00+00:00", "module": module.number, "quoi": "reponse",
                                     "question": item_id, "reponse": given, "score": score.earned, "sur": score.points})
    questions = bank.pathway.satisfaction
    data["satisfaction"] = {"repondu_le": "2026-12-01T10:00:00+00:00", "reponses": {
        question.id: (4 if question.kind == "likert" else LONG_TEXT) for question in questions}}
    return data


def test_every_answer_of_the_bank_comes_back_from_its_letters(bank):
    for item in bank.items.values():
        for given in (best_answer(item), worst_answer(item)):
            code = lms.encode_answer(item, given)
            assert code and "," not in code and ":" not in code, (item.id, code)
            assert lms.decode_answer(item, code) == given, item.id


def test_an_answer_the_bank_does_not_know_has_no_letters(bank):
    single = next(item for item in bank.items.values() if item.kind == "single")
    scenario = next(item for item in bank.items.values() if item.kind == "scenario")
    assert lms.encode_answer(single, "option-inventee") is None
    assert lms.encode_answer(single, ["liste"]) is None
    assert lms.encode_answer(scenario, ["choix-invente"]) is None
    assert lms.decode_answer(single, "z") is None and lms.decode_answer(single, "ab") is None


def test_a_full_run_fits_scorm_1_2_suspend_data(bank):
    data = full_run(bank)
    text = lms.suspend(data, bank)
    print(f"\n[mesure] données de reprise d’un parcours complet : {len(text)} caractères "
          f"(SCORM 1.2 : {lms.SUSPEND_LIMIT}) ; {len(json.dumps(data, ensure_ascii=False))} pour le fichier entier")
    data["satisfaction"]["reponses"] = {key: value for key, value in data["satisfaction"]["reponses"].items()
                                        if value != LONG_TEXT}
    print(f"[mesure] sans texte libre : {len(lms.suspend(data, bank))} caractères")
    assert len(text) <= lms.SUSPEND_LIMIT
    assert LONG_TEXT not in text  # the free text went first, the answers stayed
    data["satisfaction"]["reponses"] = {key: "Bien." for key in data["satisfaction"]["reponses"]}
    assert '"Bien."' in lms.suspend(data, bank)  # short text fits: it is kept


def test_the_progress_resumes_on_another_computer_as_it_was(bank):
    learner = full_run(bank, answer=worst_answer)
    other_computer = empty()
    assert lms.resume(other_computer, lms.suspend(learner, bank), bank)
    assert other_computer["profil"]["profession"] == "infirmier" and other_computer["graine"] == learner["graine"]
    assert last_answers(other_computer["activite"]) == last_answers(learner["activite"])
    for kind, record in learner["tests"].items():
        resumed = other_computer["tests"][kind]
        assert resumed["reponses"] == record["reponses"] and resumed["objectifs"] == record["objectifs"]
        assert resumed["termine_le"] == record["termine_le"]
    assert other_computer["satisfaction"]["reponses"] == {key: value for key, value in
                                                          learner["satisfaction"]["reponses"].items() if value == 4}
    assert lms.report(other_computer, bank)["completed"]
    assert not lms.resume(other_computer, lms.suspend(learner, bank), bank)  # a second launch adds nothing


def test_resuming_never_changes_what_this_computer_holds(bank):
    learner = full_run(bank, answer=best_answer)
    here = full_run(bank, answer=worst_answer, profile=("pharmacien", "france"))
    mine = last_answers(here["activite"])
    first = next(event for event in here["activite"] if event.get("quoi") == "reponse")
    first_module = bank.item(first["question"]).module
    here["activite"] = [event for event in here["activite"]
                        if event.get("quoi") != "reponse" or bank.item(event["question"]).module != first_module]
    del here["tests"]["final"]
    kept = json.loads(json.dumps(here))
    assert lms.resume(here, lms.suspend(learner, bank), bank)
    assert here["profil"] == kept["profil"] and here["tests"]["positionnement"] == kept["tests"]["positionnement"]
    answers = last_answers(here["activite"])
    for question, answer in mine.items():
        if bank.item(question).module != first_module:
            assert answers[question] == answer  # this computer's answers stay
        else:
            assert answers[question] == best_answer(bank.item(question))  # what it lacked comes from the LMS
    assert here["tests"]["final"]["reponses"] == learner["tests"]["final"]["reponses"]
    assert all(event.get("repris") for event in here["activite"][len(kept["activite"]):])


def test_a_module_changed_since_is_skipped_and_bad_suspend_data_is_ignored(bank):
    learner = full_run(bank)
    state = json.loads(lms.suspend(learner, bank))
    state["m"]["01"] = "000000" + state["m"]["01"][6:]  # the digest of another version of module 1
    resumed = empty()
    assert lms.resume(resumed, json.dumps(state), bank)
    modules = {bank.item(question).module for question in last_answers(resumed["activite"])}
    assert "01" not in modules and "02" in modules
    for broken in ("", "pas du JSON", "[]", '{"v": 99, "p": ["medecin", "france"]}', '{"v": 1, "m": {"01": 5}}',
                   '{"v": 1, "t": {"final": "x"}, "o": [3]}',
                   "[" * 100_000 + "]" * 100_000,  # nested past Python's recursion limit
                   '{"v": 1, "o": ["x"' + ', "x"' * 500_000 + "]}"):  # 3 MB of a list the course never writes
        untouched = empty()
        assert not lms.resume(untouched, broken, bank), broken[:80]
        assert untouched == empty()


def test_the_report_follows_the_learner_along_the_path(bank):
    data = empty()
    start = lms.report(data, bank)
    assert (start["completed"], start["progress"], start["score"], start["interactions"]) == (False, 0.0, None, [])
    assert start["pass_percent"] == PASS_PERCENT
    done = full_run(bank, profile=("medecin", "france"))
    end = lms.report(done, bank)
    assert end["completed"] and end["progress"] == 1.0 and end["score"] == 100.0
    final = next(module for module in bank.modules if module.evaluation == "final")
    assert [record["id"] for record in end["interactions"]] == [item.id for item in final.items]
    assert {record["result"] for record in end["interactions"]} == {"correct"}
    assert all(len(record["description"]) <= 250 and record["response"] for record in end["interactions"])
    failed = full_run(bank, answer=worst_answer)
    report = lms.report(failed, bank)
    assert report["score"] < PASS_PERCENT and report["completed"]
    assert {record["result"] for record in report["interactions"]} <= {"incorrect"} | {
        record["result"] for record in report["interactions"] if isinstance(record["result"], float)}


def test_a_step_is_done_once_opened_and_every_offered_question_answered(bank):
    data = full_run(bank, profile=("kinesitherapeute", "france"))
    steps = path_steps(bank, data["profil"])
    assert all(steps_done(steps, data))
    module_3 = next(step for step in steps if step.module == "03")
    one = module_3.ids[0]
    data["activite"].append({"quand": "2026-12-01T11:00:00+00:00", "module": "03", "quoi": "reessai", "question": one})
    done = dict(zip([step.module for step in steps], steps_done(steps, data)))
    assert not done["03"] and done["02"]  # an answer taken back with « Réessayer » no longer counts
    report = lms.report(data, bank)
    assert not report["completed"] and report["progress"] == round((len(steps) - 1) / len(steps), 2)
    data["activite"] = [event for event in data["activite"] if event.get("module") != "02"
                        or event.get("quoi") != "ouverture"]
    assert not dict(zip([step.module for step in steps], steps_done(steps, data)))["02"]  # never opened


def test_unanswered_final_questions_are_reported_incorrect_without_an_answer(bank):
    data = empty()
    final = next(module for module in bank.modules if module.evaluation == "final")
    results = objective_results(final, {})
    data["tests"]["final"] = {"termine_le": "2026-12-01T09:00:00+00:00", "reponses": {},
                              "objectifs": {key: list(value) for key, value in results.items()}}
    report = lms.report(data, bank)
    assert report["score"] == 0.0
    assert len(report["interactions"]) == len(final.items)
    assert all(record["response"] == [] and record["result"] == "incorrect" for record in report["interactions"])


def test_in_the_browser_each_write_tells_the_lms_and_its_resume_is_merged_once(bank, tmp_path, monkeypatch):
    from course.learner import store as store_module

    posted = []
    monkeypatch.setattr(store_module, "in_browser", lambda: True)
    monkeypatch.setattr(lms, "publish", lambda data: posted.append(json.loads(json.dumps(data))))
    store = LearnerStore(tmp_path)
    store.record("01", "ouverture")
    assert posted and posted[-1]["activite"][-1]["quoi"] == "ouverture"
    (tmp_path / RESUME_FILE).write_text(lms.suspend(full_run(bank), bank), encoding="utf-8")
    data = store.load()
    assert not (tmp_path / RESUME_FILE).exists()  # merged, then removed
    assert "final" in data["tests"] and json.loads(store.path.read_text())["tests"]["final"]
    assert posted[-1]["tests"]["final"]  # the merged progress went to the LMS at once
    store.erase()
    assert posted[-1] == empty()  # erasing empties what the LMS holds too


def test_suspend_data_edited_by_hand_brings_back_only_what_the_course_could_have_written(bank):
    """Suspend data comes from outside the course (an LMS, or a learner who edited it): shapes the course never writes
    are left out, so that nothing in it can break a page or stand for an answer never given."""
    learner = full_run(bank)
    state = json.loads(lms.suspend(learner, bank))
    state.update(p=["pirate", "mars"], g="<img src=x onerror=alert(1)>", o=["99", {"x": 1}, "03"],
                 t={"final": ["pas une date", state["t"]["final"][1]], "positionnement": state["t"]["positionnement"]},
                 s=["2026-12-01T10:00:00+00:00", {"utile-pour-ma-pratique": 42, "contenus-clairs": 4,
                                                  "a-ameliorer": {"x": 1}, "inconnue": "texte"}])
    resumed = empty()
    assert lms.resume(resumed, json.dumps(state), bank)
    assert resumed["profil"] == {} and "graine" not in resumed
    assert [event["module"] for event in resumed["activite"] if event["quoi"] == "ouverture"] == ["03"]
    assert set(resumed["tests"]) == {"positionnement"}
    assert resumed["satisfaction"]["reponses"] == {"contenus-clairs": 4}


def test_a_link_in_place_of_the_resume_file_is_removed_and_not_followed(bank, tmp_path, monkeypatch):
    from course.learner import store as store_module

    monkeypatch.setattr(store_module, "in_browser", lambda: True)
    monkeypatch.setattr(lms, "publish", lambda data: None)
    elsewhere = tmp_path / "ailleurs.json"
    elsewhere.write_text(lms.suspend(full_run(bank), bank), encoding="utf-8")
    folder = tmp_path / "mes-donnees"
    folder.mkdir()
    (folder / RESUME_FILE).symlink_to(elsewhere)
    data = LearnerStore(folder).load()
    assert data["tests"] == {} and data["profil"] == {}
    assert not (folder / RESUME_FILE).is_symlink() and elsewhere.exists()
