"""Reading a learner's answers (or questionnaire) file never raises: any bytes, any JSON, any numbers, any depth
give answers of the shapes clicks produce, or a French reason; later steps (scoring, time on task) cannot trip."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import VALID_MODULE
from course.bank.serialize import item_from_data
from course.graded.prepare.answers import FORMAT, UNREADABLE, read_answers, read_document
from course.learner.activity import time_per_module
from course.scoring import score_item

import yaml

ITEMS = [item_from_data(data, "09") for data in yaml.safe_load(VALID_MODULE)["items"]]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
anything = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner,
                                                                                            max_size=5), max_leaves=30)
documents = st.fixed_dictionaries({"format": st.just(FORMAT) | anything, "answers": st.dictionaries(
    st.sampled_from([item.id for item in ITEMS]) | st.text(max_size=10), anything, max_size=5)},
    optional={"version": anything, "moments": anything | st.lists(st.datetimes().map(str) | st.text(max_size=30)),
              "partage": anything | st.fixed_dictionaries({}, optional={
                  "profil": anything, "debut": anything, "fin": anything,
                  "temps_par_module": st.dictionaries(st.text(max_size=4), anything, max_size=4)})})


def _check(path) -> None:
    document, problem = read_document(path)
    assert isinstance(document, dict) and isinstance(problem, str)
    answers = document.get("answers", {})
    for item in ITEMS:
        score = score_item(item, answers.get(item.id))
        assert 0 <= score.earned <= item.points
    events = [{"quand": moment, "module": "09"} for moment in document.get("moments", [])]
    assert all(seconds >= 0 for seconds in time_per_module(events).values())
    times = document.get("partage", {}).get("temps_par_module", {})
    assert all(math.isfinite(seconds) and 0 <= seconds <= 24 * 3600 for seconds in times.values())


@SETTINGS
@given(document=documents)
def test_any_json_document_is_read_without_raising(tmp_path, document):
    path = tmp_path / "quiz-09.reponses.json"
    path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
    _check(path)


@SETTINGS
@given(content=st.binary(max_size=300))
def test_any_bytes_are_read_without_raising(tmp_path, content):
    path = tmp_path / "quiz-09.reponses.json"
    path.write_bytes(content)
    _check(path)


def test_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "quiz-09.reponses.json"
    path.write_text("\ufeff" + json.dumps({"format": FORMAT, "version": 1, "answers": {"essai-single": "a"}}),
                    encoding="utf-8")
    assert read_answers(path) == ({"essai-single": "a"}, "")


def test_absurd_depth_and_numbers_get_a_french_reason(tmp_path):
    path = tmp_path / "quiz-09.reponses.json"
    path.write_text('{"format": "cours-reponses", "answers": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}")
    assert read_answers(path) == ({}, "fichier de réponses illisible (RecursionError)")
    path.write_text('{"format": "cours-reponses", "answers": {"x": ' + "9" * 5000 + "}}")
    assert read_answers(path) == ({}, "fichier de réponses illisible (ValueError)")
    path.write_text(json.dumps({"format": FORMAT, "answers": {"essai-single": [[["a"]]], "essai-multiple": ["esanum"]},
                                "moments": ["2026-11-20T10:00:00+00:00", "2026-11-20T10:05:00", 7],
                                "partage": {"temps_par_module": {"01": float("inf"), "02": 600}}}, allow_nan=True))
    document, problem = read_document(path)
    assert document["answers"] == {"essai-single": UNREADABLE, "essai-multiple": ["esanum"]}
    assert problem == "réponses illisibles pour : essai-single"
    assert document["moments"] == ["2026-11-20T10:00:00+00:00"]  # a time without its zone cannot be compared
    assert document["partage"] == {"temps_par_module": {"02": 600.0}}
