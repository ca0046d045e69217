"""The quiz bank as plain immutable objects: no YAML, no widgets, no nbgrader here."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Reference:
    source: str
    article: str | None = None
    where: str | None = None


PROFESSIONS = {"medecin": "médecin", "infirmier": "infirmier·e", "pharmacien": "pharmacien·ne",
               "kinesitherapeute": "masseur-kinésithérapeute", "autre": "autre professionnel de santé"}
COUNTRIES = {"france": "France", "maroc": "Maroc"}


@dataclass(frozen=True)
class Tags:
    """Who an item is for (empty: everyone), the course objective it tests, and the rule themes it cites."""

    professions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    objective: str | None = None
    rules: tuple[str, ...] = ()

    def fits(self, profession: str | None, country: str | None) -> bool:
        """An untagged item is for everyone; an unknown profile sees everything."""
        return ((not self.professions or profession is None or profession in self.professions)
                and (not self.countries or country is None or country in self.countries))


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str
    correct: bool = False


@dataclass(frozen=True)
class ChoiceQuestion:
    """A single-choice ('single') or multiple-choice ('multiple') question."""

    id: str
    kind: str
    module: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str
    references: tuple[Reference, ...]
    points: int = 1
    graded: bool = False  # graded items are never shown with feedback in the self-paced modules
    tags: Tags = Tags()
    fixed_order: bool = False  # « ordre: fixe »: shown in the authored order (scales, Oui / Non)

    def option(self, option_id: str) -> Option:
        return next(option for option in self.options if option.id == option_id)

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options if option.correct)


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    feedback: str
    score: int
    next: str


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    choices: tuple[Choice, ...]

    def choice(self, choice_id: str) -> Choice:
        return next(choice for choice in self.choices if choice.id == choice_id)


@dataclass(frozen=True)
class Ending:
    id: str
    text: str


@dataclass(frozen=True)
class Scenario:
    """A branching situation: each choice leads to a step or an ending; the path score is the sum."""

    id: str
    module: str
    title: str
    prompt: str
    start: str
    steps: tuple[Step, ...]
    endings: tuple[Ending, ...]
    explanation: str
    references: tuple[Reference, ...]
    points: int = 1
    tags: Tags = Tags()
    graded: bool = False
    fixed_order: bool = False  # « ordre: fixe »: choices shown in the authored order
    kind: str = field(default="scenario", init=False)

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)

    def ending(self, ending_id: str) -> Ending | None:
        return next((ending for ending in self.endings if ending.id == ending_id), None)

    @cached_property
    def _best_from(self) -> dict[str, int]:
        """The highest score still to earn from each step or ending (the bank guarantees no cycle)."""
        best: dict[str, int] = {}

        def best_from(node: str) -> int:
            step = self.step(node)
            if step is None:
                return 0
            if node not in best:
                best[node] = max(choice.score + best_from(choice.next) for choice in step.choices)
            return best[node]

        best_from(self.start)
        return best

    @property
    def best_path_score(self) -> int:
        """Highest path score from start to an ending."""
        return self._best_from.get(self.start, 0)

    def choice_value(self, choice: Choice) -> int:
        """What a choice is worth: its score plus the best that can still be earned after it."""
        return choice.score + self._best_from.get(choice.next, 0)

    def paths(self) -> list[tuple[tuple[str, ...], int, str]]:
        """Every path from the start: its choice ids, its score and the ending it reaches (the bank is acyclic)."""
        found: list[tuple[tuple[str, ...], int, str]] = []

        def walk(node: str, taken: tuple[str, ...], total: int) -> None:
            step = self.step(node)
            if step is None:
                found.append((taken, total, node))
                return
            for choice in step.choices:
                walk(choice.next, taken + (choice.id,), total + choice.score)

        walk(self.start, (), 0)
        return found

    def missteps(self, path: list[str]) -> list[tuple[Step, Choice]]:
        """The choices of a path that lose points against the best choice of their step, in order."""
        node, found = self.start, []
        for choice_id in path:
            step = self.step(node)
            if step is None:
                break
            choice = step.choice(choice_id)
            if self.choice_value(choice) < max(self.choice_value(other) for other in step.choices):
                found.append((step, choice))
            node = choice.next
        return found


@dataclass(frozen=True)
class Criterion:
    points: int
    text: str


@dataclass(frozen=True)
class OpenQuestion:
    """A written answer, graded by hand against a rubric."""

    id: str
    module: str
    prompt: str
    rubric: tuple[Criterion, ...]
    explanation: str
    references: tuple[Reference, ...]
    tags: Tags = Tags()
    graded: bool = False
    kind: str = field(default="open", init=False)

    @property
    def points(self) -> int:
        return sum(criterion.points for criterion in self.rubric)


Item = ChoiceQuestion | Scenario | OpenQuestion


@dataclass(frozen=True)
class Module:
    number: str
    title: str
    items: tuple[Item, ...]
    graded: bool = False  # from quizzes/notees/: only for nbgrader assignments
    evaluation: str | None = None  # « positionnement » (pre-test) or « final » (post-test)
