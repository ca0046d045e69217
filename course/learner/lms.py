"""What the course tells a learning platform (LMS) that launched it as a SCORM package, and what it takes back
from one. Python decides; the site's adapter (course/site/lms.js) only carries: this module posts a report on the
browser's channel CHANNEL after each write of the learner's file, and lms.js writes RESUME_FILE when the LMS held
the learner's progress (cmi.suspend_data), which the next read of the file merges in.

- report(): completion (every step of the path done, path.py), progress, the final test's score in % and the
  default pass mark, one interaction per final-test question, and the suspend data.
- suspend(): the learner's progress in a few hundred characters (SCORM 1.2 keeps 4,096): the profile, the seed
  of the options' order, the modules opened, and each answer as letters (the option's or choice's place in the
  bank), module by module, with a short digest of the module's questions so that a changed module is skipped.
- resume(): that progress merged into the learner's file; it only adds what the file lacks, never removes.

Outside the browser site nothing here runs: the learner's file stays the only place of their data.
"""

from __future__ import annotations

import hashlib
import json
import re
import string

from ..bank.model import COUNTRIES, PROFESSIONS
from ..scoring import PASS_PERCENT, score_item
from .activity import last_answers
from .path import opened_modules, path_steps, steps_done, test_points
from .store import RESUME_FILE, now

CHANNEL = "cours-plateforme"  # the BroadcastChannel lms.js listens on
SUSPEND_VERSION = 1
SUSPEND_LIMIT = 4096  # characters of cmi.suspend_data in SCORM 1.2 (64,000 in 2004)
LETTERS = string.ascii_lowercase
DESCRIPTION_LENGTH = 240  # SCORM 2004 keeps 250 characters of an interaction's description
# What suspend data may bring back: it comes from outside (an LMS, or whoever edited it), so only the shapes the course
# writes are taken.
SEED = re.compile(r"[0-9a-f]{1,64}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}T[\d:.]{5,15}(?:[+-]\d{2}:\d{2}|Z)?")


# --- Answers as letters ---------------------------------------------------------------------------------------

def _choices(item) -> list[str]:
    """Every id the item's answers are made of, in the bank's order (a scenario's choices, step by step)."""
    if item.kind == "scenario":
        return [f"{step.id}/{choice.id}" for step in item.steps for choice in step.choices]
    return [option.id for option in item.options]


def module_digest(module) -> str:
    """Six hex digits that change when a question, an option or a choice of the module is added, removed or moved."""
    text = "|".join(f"{item.id}:{','.join(_choices(item))}" for item in module.items)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def encode_answer(item, answer) -> str | None:
    """The answer as letters: the option (single), the options ticked (multiple, « - » for none), the choice taken
    at each step (scenario); None when the answer is not one the bank knows."""
    try:
        if item.kind == "scenario":
            node, letters = item.start, []
            for choice_id in answer:
                step = item.step(node)
                index = [choice.id for choice in step.choices].index(choice_id)
                letters.append(LETTERS[index])
                node = step.choices[index].next
            return "".join(letters) or None
        ids = [option.id for option in item.options]
        if item.kind == "single":
            return LETTERS[ids.index(answer)]
        return "".join(sorted(LETTERS[ids.index(choice)] for choice in answer)) or "-"
    except (ValueError, IndexError, TypeError, AttributeError):
        return None


def decode_answer(item, code: str):
    """encode_answer's inverse; None when the letters do not fit the item."""
    try:
        if item.kind == "scenario":
            node, path = item.start, []
            for letter in code:
                choice = item.step(node).choices[LETTERS.index(letter)]
                path.append(choice.id)
                node = choice.next
            return path or None
        ids = [option.id for option in item.options]
        if item.kind == "single":
            return ids[LETTERS.index(code)] if len(code) == 1 else None
        return [] if code == "-" else [ids[LETTERS.index(letter)] for letter in code]
    except (ValueError, IndexError, AttributeError):
        return None


def _encode_module(module, answers: dict) -> str | None:
    codes = [encode_answer(item, answers[item.id]) if item.id in answers else "" for item in module.items]
    if not any(codes):
        return None
    return module_digest(module) + ":" + ",".join(code or "" for code in codes)


def _decode_module(module, text: str) -> dict:
    """{item id: answer} from _encode_module's text; {} when the module changed since."""
    digest, _, codes = str(text).partition(":")
    if digest != module_digest(module):
        return {}
    answers = {}
    for item, code in zip(module.items, codes.split(",")):
        answer = decode_answer(item, code) if code else None
        if answer is not None and not score_item(item, answer).problem:
            answers[item.id] = answer
    return answers


# --- Suspend data ---------------------------------------------------------------------------------------------

def suspend(data: dict, bank) -> str:
    """The learner's progress for cmi.suspend_data (see the module's docstring); the satisfaction questionnaire's
    free text is left out if it would take the text over SUSPEND_LIMIT."""
    answers = last_answers(data["activite"])
    state: dict = {"v": SUSPEND_VERSION}
    profile = data["profil"]
    if profile.get("profession") and profile.get("pays"):
        state["p"] = [profile["profession"], profile["pays"]]
    if isinstance(data.get("graine"), str):
        state["g"] = data["graine"]
    state["o"] = sorted(opened_modules(data["activite"]))
    state["m"], state["t"] = {}, {}
    for module in bank.modules:
        if module.evaluation:
            record = data["tests"].get(module.evaluation)
            if isinstance(record, dict) and isinstance(record.get("reponses"), dict):
                state["t"][module.evaluation] = [str(record.get("termine_le", "")),
                                                 _encode_module(module, record["reponses"]) or ""]
        elif (encoded := _encode_module(module, answers)) is not None:
            state["m"][module.number] = encoded
    satisfaction = data["satisfaction"]
    if isinstance(satisfaction.get("reponses"), dict):
        state["s"] = [str(satisfaction.get("repondu_le", "")), satisfaction["reponses"]]
    text = _compact(state)
    if len(text) > SUSPEND_LIMIT and "s" in state:
        state["s"][1] = {key: value for key, value in state["s"][1].items() if isinstance(value, int)}
        text = _compact(state)
    return text


def _compact(state: dict) -> str:
    return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


def resume(data: dict, text: str, bank) -> bool:
    """Merge the progress of suspend data into data (the learner's file, changed in place): what the file lacks
    is added, dated now and marked « repris »; nothing it holds is changed. True when something was added."""
    try:
        state = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return False
    if not isinstance(state, dict) or state.get("v") != SUSPEND_VERSION:
        return False
    before = json.dumps(data, sort_keys=True, default=str)
    when = now()
    profile = state.get("p")
    if not data["profil"] and isinstance(profile, list) and len(profile) == 2 \
            and profile[0] in PROFESSIONS and profile[1] in COUNTRIES:
        data["profil"] = {"profession": profile[0], "pays": profile[1], "modifie_le": when}
    seed = state.get("g")
    if isinstance(seed, str) and SEED.fullmatch(seed) and not _is_text(data.get("graine")):
        data["graine"] = seed
    events = data["activite"]
    opened = opened_modules(events)
    numbers = {module.number for module in bank.modules}
    for module in state.get("o") if isinstance(state.get("o"), list) else []:
        if isinstance(module, str) and module in numbers and module not in opened:
            events.append({"quand": when, "module": module, "quoi": "ouverture", "repris": True})
    answered = last_answers(events)
    modules = state.get("m") if isinstance(state.get("m"), dict) else {}
    tests = state.get("t") if isinstance(state.get("t"), dict) else {}
    for module in bank.modules:
        if module.evaluation:
            record = tests.get(module.evaluation)
            if module.evaluation not in data["tests"] and isinstance(record, list) and len(record) == 2 \
                    and isinstance(record[0], str) and DATE.fullmatch(record[0]):
                data["tests"][module.evaluation] = _test_record(module, record[0], _decode_module(module, record[1]))
            continue
        for item_id, answer in _decode_module(module, modules.get(module.number, "")).items():
            if item_id not in answered:
                score = score_item(bank.item(item_id), answer)
                events.append({"quand": when, "module": module.number, "quoi": "reponse", "question": item_id,
                               "reponse": answer, "score": score.earned, "sur": score.points, "repris": True})
    satisfaction = state.get("s")
    if not data["satisfaction"] and isinstance(satisfaction, list) and len(satisfaction) == 2 \
            and isinstance(satisfaction[0], str) and DATE.fullmatch(satisfaction[0]) \
            and isinstance(satisfaction[1], dict):
        answers = _satisfaction_answers(satisfaction[1], bank)
        if answers:
            data["satisfaction"] = {"repondu_le": satisfaction[0], "reponses": answers}
    return json.dumps(data, sort_keys=True, default=str) != before


def _satisfaction_answers(given: dict, bank) -> dict:
    """The answers the questionnaire can show again: a level from 1 to 5, or text, each for one of its questions."""
    kept = {}
    for question in bank.pathway.satisfaction if bank.pathway else ():
        value = given.get(question.id)
        if question.kind == "likert" and type(value) is int and 1 <= value <= 5:
            kept[question.id] = value
        elif question.kind != "likert" and isinstance(value, str) and len(value) <= SUSPEND_LIMIT:
            kept[question.id] = value
    return kept


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value)


def _test_record(module, finished: str, answers: dict) -> dict:
    from .evaluation import objective_results

    results = objective_results(module, answers)
    return {"termine_le": finished, "reponses": answers, "repris": True,
            "objectifs": {objective: list(result) for objective, result in results.items()}}


# --- The report ----------------------------------------------------------------------------------------------

def final_score(data: dict) -> float | None:
    """The final test's points in % of its maximum (two decimals), None before it is finished or if unreadable."""
    points = test_points(data["tests"].get("final"))
    if points is None or not points[1]:
        return None
    return round(100 * points[0] / points[1], 2)


def interactions(data: dict, bank) -> list[dict]:
    """One record per final-test question once the test is finished: its id, kind (choice, or sequencing for a
    scenario), the learner's answer (ids, none when unanswered), result (correct, incorrect, or the fraction of
    its points earned), weighting (its points) and the start of its text."""
    record = data["tests"].get("final")
    answers = record.get("reponses") if isinstance(record, dict) else None
    if not isinstance(answers, dict):
        return []
    final = next((module for module in bank.modules if module.evaluation == "final"), None)
    records = []
    for item in final.items if final else ():
        answer = answers.get(item.id)
        score = score_item(item, answer)
        fraction = 0.0 if score.problem else score.fraction
        response = [answer] if isinstance(answer, str) else list(answer) if isinstance(answer, list) else []
        prompt = " ".join(str(getattr(item, "prompt", "") or getattr(item, "title", "")).split())
        records.append({
            "id": item.id, "type": "sequencing" if item.kind == "scenario" else "choice",
            "response": [] if score.problem else response,
            "result": "correct" if fraction == 1 else "incorrect" if fraction == 0 else round(fraction, 4),
            "weighting": item.points,
            "description": prompt if len(prompt) <= DESCRIPTION_LENGTH else prompt[:DESCRIPTION_LENGTH - 1] + "…"})
    return records


def report(data: dict, bank) -> dict:
    """Everything lms.js tells the LMS, in neutral terms (lms.js names them in SCORM 1.2 or 2004)."""
    steps = path_steps(bank, data["profil"])
    done = steps_done(steps, data)
    return {"completed": all(done), "progress": round(sum(done) / len(done), 2) if done else 0.0,
            "score": final_score(data), "pass_percent": PASS_PERCENT, "interactions": interactions(data, bank),
            "suspend": suspend(data, bank)}


# --- In the browser site -------------------------------------------------------------------------------------

def publish(data: dict) -> None:
    """Post report(data) to lms.js (the page's adapter; no one listens when no LMS launched the course)."""
    from js import BroadcastChannel  # Pyodide's bridge to the browser: only in the site

    from ..show import bank

    channel = BroadcastChannel.new(CHANNEL)
    try:
        channel.postMessage(json.dumps(report(data, bank()), ensure_ascii=False))
    finally:
        channel.close()


def absorb(data: dict, folder) -> bool:
    """Merge the progress lms.js left in folder/RESUME_FILE into data and remove the file; True if data changed."""
    path = folder / RESUME_FILE
    if path.is_symlink():  # the course writes a file there, never a link: the link goes, what it points to stays
        path.unlink()
        return False
    if not path.is_file():
        return False
    from ..show import bank

    try:
        changed = resume(data, path.read_text(encoding="utf-8"), bank())
    except (OSError, UnicodeDecodeError):
        return False
    path.unlink(missing_ok=True)
    return changed
