"""The learner's activity, recorded as it happens (cells run, answers validated), and the time on task
measured from it. Recording never gets in the learner's way: if the file cannot be written, the course
goes on and says so once."""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import datetime

from .store import LearnerStore

# A pause longer than this between two recorded actions is time away, not time on task: it is not counted.
IDLE_LIMIT_SECONDS = 10 * 60

_state = {"module": None, "hooked": False, "opened": set(), "warned": False, "stopped": False}


def stop() -> None:
    """After « Effacer mes données »: this kernel records nothing more (until it restarts)."""
    _state["stopped"] = True


def record(module: str | None, what: str, **details) -> None:
    if module is None or _state.get("stopped"):
        return
    try:
        LearnerStore().record(module, what, **details)
    except OSError as error:
        if not _state["warned"]:
            _state["warned"] = True
            print(f"Vos données ne peuvent pas être enregistrées ({error.strerror}) ; le cours continue sans "
                  "elles.", file=sys.stderr)


def last_answers(events: list[dict]) -> dict[str, object]:
    """Each question's latest validated answer, so that a re-run shows it again with its feedback; a
    « Réessayer » (event « reessai ») takes it back."""
    answers: dict[str, object] = {}
    for event in events:
        question = event.get("question") if isinstance(event, dict) else None
        if not isinstance(question, str):
            continue
        if event.get("quoi") == "reponse":
            answers[question] = event.get("reponse")
        elif event.get("quoi") == "reessai":
            answers.pop(question, None)
    return answers


def recorded_answers() -> dict[str, object]:
    """last_answers of the learner's file; nothing when it cannot be read or recording was stopped."""
    if _state.get("stopped"):
        return {}
    try:
        return last_answers(LearnerStore().load()["activite"])
    except (OSError, KeyError, TypeError):
        return {}


def track(module: str) -> None:
    """Called by the show_* functions: this kernel is now in `module`; from here each cell run is recorded."""
    _state["module"] = module
    if module not in _state["opened"]:
        _state["opened"].add(module)
        record(module, "ouverture")
    if not _state["hooked"]:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
        if shell is not None:
            shell.events.register("post_run_cell", lambda _result: record(_state["module"], "cellule"))
            _state["hooked"] = True


def time_per_module(events: list[dict], idle_limit: float = IDLE_LIMIT_SECONDS) -> dict[str, float]:
    """Seconds spent in each module: the sum of the gaps between consecutive recorded actions of that
    module, leaving out every gap longer than `idle_limit` (the learner was away)."""
    moments: dict[str, list[datetime]] = defaultdict(list)
    for event in events:
        try:
            moments[str(event["module"])].append(datetime.fromisoformat(event["quand"]))
        except (KeyError, TypeError, ValueError):
            continue  # an event edited by hand and unreadable counts for nothing
    spent = {}
    for module, times in moments.items():
        times.sort()
        gaps = ((later - earlier).total_seconds() for earlier, later in zip(times, times[1:]))
        spent[module] = sum(gap for gap in gaps if gap <= idle_limit)
    return dict(sorted(spent.items()))
