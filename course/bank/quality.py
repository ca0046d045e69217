"""Does a module measure knowledge? The cues a test-wise learner reads without the question, measured.

For each bank file: how often the key is the longest option (against what chance would give), how many
multiple choices have a single right option, how many scenario steps offer only two choices, how often a key
repeats a word of the stem that no distractor repeats. `cours verifier` prints these figures and fails when
one passes its threshold (THRESHOLDS, stated in the README). The test-wise strategies themselves are
simulated in course/bank/strategies.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import ChoiceQuestion, Module, Scenario

# A share may exceed the share chance gives by this much at most: small files are noisy, large gaps are not.
THRESHOLDS = {
    "single_longest": 0.10,     # single: the key is strictly the longest option
    "multiple_longest": 0.15,   # multiple: the longest option is a right one
    "step_longest": 0.15,       # scenario step: the best choice is strictly the longest
    "single_right_min": 0.20,   # multiple: share with exactly one right option, at least (from 3 multiples)
    "two_choice_steps": 0.34,   # scenario steps with two choices only, at most
    "word_match": 0.30,         # key repeats a stem word that no distractor repeats, at most
}
MIN_MULTIPLES = 3


@dataclass(frozen=True)
class Rate:
    """count of cases out of total, against what chance alone would give (expected count)."""

    count: int
    total: int
    expected: float = 0.0

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def chance(self) -> float:
        return self.expected / self.total if self.total else 0.0


@dataclass(frozen=True)
class ModuleQuality:
    module: Module
    single_longest: Rate
    multiple_longest: Rate
    step_longest: Rate
    single_right: Rate
    two_choice_steps: Rate
    word_match: Rate
    fixed_order: tuple[str, ...]

    def problems(self) -> list[str]:
        """What passes a threshold, in French; empty when the module is fine."""
        found = []
        for name, label in (("single_longest", "la bonne réponse d’une question à choix unique est la plus longue"),
                            ("multiple_longest", "l’option la plus longue d’un choix multiple est juste"),
                            ("step_longest", "le meilleur choix d’une étape de scénario est le plus long")):
            rate: Rate = getattr(self, name)
            if rate.total and rate.share > rate.chance + THRESHOLDS[name]:
                found.append(f"{label} dans {percent(rate.share)} des cas ({rate.count} sur {rate.total}) ; "
                             f"le hasard donnerait {percent(rate.chance)}, "
                             f"seuil {percent(rate.chance + THRESHOLDS[name])}")
        if self.single_right.total >= MIN_MULTIPLES and self.single_right.share < THRESHOLDS["single_right_min"]:
            found.append(f"seuls {self.single_right.count} choix multiples sur {self.single_right.total} ont une seule "
                         f"bonne réponse (au moins {percent(THRESHOLDS['single_right_min'])} attendus) : "
                         "« plusieurs réponses possibles » ne doit pas vouloir dire « au moins deux »")
        if self.two_choice_steps.total and self.two_choice_steps.share > THRESHOLDS["two_choice_steps"]:
            found.append(f"{self.two_choice_steps.count} étapes de scénario sur {self.two_choice_steps.total} n’offrent "
                         f"que deux choix (au plus {percent(THRESHOLDS['two_choice_steps'])})")
        if self.word_match.total and self.word_match.share > THRESHOLDS["word_match"]:
            found.append(f"la bonne réponse reprend un mot de l’énoncé absent des autres options dans "
                         f"{percent(self.word_match.share)} des questions (au plus {percent(THRESHOLDS['word_match'])})")
        return found

    def summary(self) -> str:
        """One French line of figures for `cours verifier`."""
        parts = [f"clé la plus longue (choix unique) {fraction(self.single_longest)}",
                 f"option la plus longue juste (choix multiple) {fraction(self.multiple_longest)}",
                 f"meilleur choix le plus long (scénarios) {fraction(self.step_longest)}",
                 f"choix multiples à une seule bonne réponse {self.single_right.count}/{self.single_right.total}",
                 f"étapes à deux choix {self.two_choice_steps.count}/{self.two_choice_steps.total}",
                 f"clé qui reprend un mot de l’énoncé {self.word_match.count}/{self.word_match.total}"]
        return " ; ".join(parts)


def percent(value: float) -> str:
    return f"{round(100 * value)} %"


def fraction(rate: Rate) -> str:
    if not rate.total:
        return "—"
    return f"{rate.count}/{rate.total} (hasard : {percent(rate.chance)})"


def strictly_longest(texts: list[str], index: int) -> bool:
    return all(len(texts[index]) > len(text) for other, text in enumerate(texts) if other != index)


def module_quality(module: Module) -> ModuleQuality:
    choices = [item for item in module.items if isinstance(item, ChoiceQuestion)]
    singles = [item for item in choices if item.kind == "single"]
    multiples = [item for item in choices if item.kind == "multiple"]
    steps = [step for item in module.items if isinstance(item, Scenario) for step in item.steps]

    single_longest = Rate(sum(strictly_longest([o.text for o in q.options], _key_index(q)) for q in singles),
                          len(singles), sum(1 / len(q.options) for q in singles))
    multiple_longest = Rate(sum(_longest(q.options, lambda o: o.text).correct for q in multiples), len(multiples),
                            sum(len(q.correct_ids) / len(q.options) for q in multiples))
    best_steps = [step for step in steps if len({c.score for c in step.choices}) > 1]
    step_longest = Rate(sum(strictly_longest([c.text for c in step.choices], _best_index(step)) for step in best_steps),
                        len(best_steps), sum(1 / len(step.choices) for step in best_steps))
    return ModuleQuality(
        module, single_longest, multiple_longest, step_longest,
        Rate(sum(len(q.correct_ids) == 1 for q in multiples), len(multiples)),
        Rate(sum(len(step.choices) == 2 for step in steps), len(steps)),
        Rate(sum(word_match(q) for q in choices), len(choices)),
        tuple(item.id for item in module.items if getattr(item, "fixed_order", False)))


def _key_index(question: ChoiceQuestion) -> int:
    return next(index for index, option in enumerate(question.options) if option.correct)


def _best_index(step) -> int:
    best = max(choice.score for choice in step.choices)
    return next(index for index, choice in enumerate(step.choices) if choice.score == best)


def _longest(entries, text_of):
    return max(entries, key=lambda entry: len(text_of(entry)))


def _plain(text: str) -> str:
    """Lower case without accents: « Élément » and « element » are the same word here."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Words every stem uses (questions are asked in the « vous » form): repeating them is no cue.
_COMMON = {_plain(word) for word in (
    "votre", "vous", "leurs", "cette", "quelle", "quelles", "quels", "comme", "entre", "avant", "après", "selon",
    "aussi", "encore", "toujours", "jamais", "depuis", "faites", "pouvez", "devez", "plusieurs", "réponses",
    "possibles", "cabinet", "patient", "patiente", "patients")}


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]{5,}", _plain(text)) if word not in _COMMON}


def word_match(question: ChoiceQuestion) -> bool:
    """A right option repeats a word of the stem that no wrong option repeats (a « clang » cue)."""
    stem = _words(question.prompt)
    wrong = set().union(*(_words(o.text) for o in question.options if not o.correct))
    return any((_words(o.text) & stem) - wrong for o in question.options if o.correct)
