"""The learner's path: its steps (positioning test, modules 1 to 5, final test), each with the questions offered to
the learner's profile, and when a step is done. The home page's progress table and what the course reports to a
learning platform (lms.py) both read it."""

from __future__ import annotations

from dataclasses import dataclass

from .activity import last_answers

LABELS = {"positionnement": "test de positionnement", "final": "test final"}


@dataclass(frozen=True)
class Step:
    """One step of the learner's path as the progress table shows it."""

    module: str  # the bank's module number: the key of the recorded activity
    title: str  # what the learner reads (« Module 1 — … », « Test final »), never the bank's bare number
    questions: int  # questions offered to this learner (those of their profile)
    test: str | None = None  # « positionnement » or « final » for the two tests
    ids: tuple[str, ...] = ()  # the offered questions' ids


def offered(item, profile: dict) -> bool:
    """The item is for this profile (profession and country; every item before the learner chooses)."""
    return item.tags.fits(profile.get("profession"), profile.get("pays"))


def path_steps(bank, profile: dict) -> list[Step]:
    """Every module of the open bank in order, with the questions offered to profile."""
    steps = []
    for module in bank.modules:
        ids = tuple(item.id for item in module.items if offered(item, profile))
        if module.evaluation:
            title = LABELS[module.evaluation].capitalize()
        else:
            title = f"Module {module.number.lstrip('0') or '0'} — {module.title}"
        steps.append(Step(module.number, title, len(ids), module.evaluation, ids))
    return steps


def opened_modules(events: list) -> set[str]:
    """The modules the learner opened: one « ouverture » event each."""
    return {event["module"] for event in events if isinstance(event, dict) and event.get("quoi") == "ouverture"
            and isinstance(event.get("module"), str)}


def test_points(record) -> tuple[float, float] | None:
    """A finished test's points earned and possible, summed over its objectives; None if the record is unreadable
    (edited by hand, say)."""
    try:
        results = record["objectifs"].values()
        return sum(float(result[0]) for result in results), sum(float(result[1]) for result in results)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def steps_done(steps: list[Step], data: dict) -> list[bool]:
    """For each step: a module is done once opened with each of its offered questions answered (an answer taken
    back with « Réessayer » no longer counts); a test, once finished (« Terminer le test »)."""
    answered = set(last_answers(data["activite"]))
    opened = opened_modules(data["activite"])
    return [step.test in data["tests"] if step.test else (step.module in opened and set(step.ids) <= answered)
            for step in steps]
