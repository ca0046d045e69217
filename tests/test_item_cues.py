"""A test-wise learner who does not read the questions scores no better than chance: options are shown in a
random, reproducible order, the key is not the longest, and scenario endings follow the path taken."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import replace

import pytest

from conftest import REPO, VALID_MODULE
from course.bank import BankError, load_bank
from course.bank.load import GRADED_DIR, bank_files
from course.bank.model import ChoiceQuestion, Module, Option
from course.bank.order import displayed
from course.bank.quality import module_quality
from course.bank.strategies import STRATEGIES, blind_guess_score, strategy_score, seeds

MARGIN = 0.10  # a strategy may beat blind guessing by this share of the points, no more


FILES = bank_files(REPO / "quizzes")
EVALUATIONS = ["00_positionnement.yml", "07_test_final.yml", "06_evaluation.yml"]  # pre-test, final test, graded


@functools.cache
def _bank():
    return load_bank()


def module_of(name: str) -> Module:
    """The bank module written in quizzes/[notees/]name."""
    path = next(path for path in FILES if path.name == name)
    graded = path.parent.name == GRADED_DIR
    return _bank().module(name[:2], graded=graded)


@pytest.mark.parametrize("how", sorted(STRATEGIES))
@pytest.mark.parametrize("name", EVALUATIONS)
def test_no_test_wise_strategy_beats_blind_guessing_on_an_evaluation(name, how):
    module = module_of(name)
    blind = blind_guess_score(module)
    score = strategy_score(how, module, seeds(200))
    assert score <= blind + MARGIN, (f"« {STRATEGIES[how]} » obtient {score:.0%} au module {module.number}, "
                                     f"le hasard {blind:.0%}")


@pytest.mark.parametrize("name", [path.name for path in FILES])
def test_every_bank_file_passes_the_cue_thresholds(name):
    assert module_quality(module_of(name)).problems() == []


def _question(lengths: list[int], right: set[int], kind: str = "single") -> ChoiceQuestion:
    options = tuple(Option(f"o{index}", "x" * length, "-", index in right) for index, length in enumerate(lengths))
    return ChoiceQuestion(f"q{len(lengths)}{sorted(right)}{lengths}", kind, "99", "?", options, "-", ())


def test_the_cue_check_fails_on_a_bank_written_key_first_and_longest():
    items = tuple(_question([40, 10 + n, 12], {0}) for n in range(6)) + tuple(
        _question([30, 31 + n, 8, 9], {0, 1}, "multiple") for n in range(4))
    problems = module_quality(Module("99", "Essai", items)).problems()
    assert any("la plus longue dans 100 %" in problem for problem in problems)
    assert any("l’option la plus longue d’un choix multiple est juste" in problem for problem in problems)
    assert any("une seule bonne réponse" in problem for problem in problems)
    module = Module("99", "Essai", items)
    fixed = Module("99", "Essai", tuple(replace(item, fixed_order=True) for item in items))
    # Shown as written, « always the first » would score everything; shuffled, it falls to chance.
    assert strategy_score("premier", fixed, seeds(50)) == pytest.approx(1.0)
    assert strategy_score("premier", module, seeds(200)) <= blind_guess_score(module) + MARGIN
    assert strategy_score("plus-longue", module, seeds(20)) > blind_guess_score(module) + 0.5


def test_the_order_is_random_reproducible_and_puts_the_key_anywhere():
    question = _question([10, 11, 12], {0})
    assert [o.id for o in displayed(question, "ana").options] == [o.id for o in displayed(question, "ana").options]
    positions = Counter([o.id for o in displayed(question, seed).options].index("o0") for seed in seeds(600))
    assert set(positions) == {0, 1, 2} and all(150 <= count <= 250 for count in positions.values()), positions
    fixed = replace(question, fixed_order=True)
    assert all(displayed(fixed, seed).options == fixed.options for seed in seeds(20))


def _issues(course_copy) -> list[str]:
    with pytest.raises(BankError) as caught:
        load_bank(course_copy / "quizzes", course_copy / "data" / "sources.csv")
    return [issue.message for issue in caught.value.issues]


def test_a_scenario_ending_cannot_conclude_the_best_path_and_a_worse_one(write_module, course_copy):
    # After accepting the friend request, redirecting would reach « fin-sure », the best path's ending.
    after_friend = VALID_MODULE.index("- id: apres-ami")
    text = VALID_MODULE[:after_friend] + (VALID_MODULE[after_friend:].replace("next: fin-risquee", "next: fin-rattrapee")
                                          .replace("score: 2\n            next: fin-rattrapee",
                                                   "score: 2\n            next: fin-sure"))
    write_module(text)
    assert any("la fin « fin-sure » conclut le meilleur parcours mais aussi 1 parcours moins bons "
               "(par exemple accepter → rediriger)" in message for message in _issues(course_copy))


def test_a_scenario_without_a_branch_is_refused(write_module, course_copy):
    # A mistake only ends the scenario or changes the score, never the situation.
    step = VALID_MODULE.index("      - id: apres-ami")
    linear = VALID_MODULE[:step] + VALID_MODULE[VALID_MODULE.index("    endings:"):]
    linear = linear.replace("next: apres-ami", "next: fin-risquee").replace(
        "      - id: fin-rattrapee\n        text: La consultation protège le soin, mais votre vie privée reste "
        "ouverte à votre patiente.\n", "")
    write_module(linear)
    assert any("aucun choix ne mène à une autre situation" in message for message in _issues(course_copy))


def test_the_ending_recalls_each_choice_that_lost_points(write_module, course_copy, learner_folder):
    from course.widgets import ScenarioWidget

    write_module()
    scenario = load_bank(course_copy / "quizzes", course_copy / "data" / "sources.csv").item("essai-scenario")
    poor = ScenarioWidget(scenario, {})
    for choice in ("accepter", "rediriger"):
        poor.choose(choice)
    ending = poor.feedback.replace("\u00a0", " ")
    assert "votre vie privée reste ouverte" in ending
    assert "Ce qui vous a coûté des points" in ending and "« J&#x27;accepte. » : 2 points de moins" in ending
    assert "meilleur parcours" not in ending
    best = ScenarioWidget(scenario, {})
    for choice in ("refuser", "rediriger"):
        best.choose(choice)
    assert "Vous avez suivi le meilleur parcours." in best.feedback


def test_a_learner_sees_the_same_order_after_a_reload_and_another_learner_another_one(
        write_module, course_copy, learner_folder, monkeypatch):
    import course.show as show

    write_module()
    show._bank.cache_clear()
    first = show.question_widget("essai-multiple")
    first.value = ["esanum"]
    first.validate()
    reloaded = show.question_widget("essai-multiple")  # a new widget reading the same learner file
    assert reloaded.options == first.options
    orders = set()
    for number in range(12):  # other learners, other files
        monkeypatch.setenv("COURS_MES_DONNEES", str(learner_folder.parent / f"autre-{number}"))
        orders.add(tuple(option["id"] for option in show.question_widget("essai-multiple").options))
    assert len(orders) > 1
    show._bank.cache_clear()


def test_released_letters_and_scenario_names_do_not_follow_the_authored_order(write_module, course_copy):
    from course.graded.prepare.public import neutral_key, public_form, released_answer

    write_module()
    bank = load_bank(course_copy / "quizzes", course_copy / "data" / "sources.csv")
    single, scenario = bank.item("essai-single"), bank.item("essai-scenario")  # authored key first, best ending 2nd
    key_letters = Counter(released_answer(single, seed, "a") for seed in seeds(300))
    assert set(key_letters) == {"a", "b"} and min(key_letters.values()) > 100, key_letters
    best_endings = Counter()
    for seed in seeds(300):
        key = neutral_key(scenario, seed)
        assert key["start"] == "etape-1" == key["steps"][0]["id"]
        public = public_form(key)
        assert "score" not in str(public) and "Vous avez protégé" not in str(public)
        best = released_answer(scenario, seed, ["refuser", "rediriger"])
        step = next(step for step in key["steps"] if step["id"] == key["start"])
        second = next(s for s in key["steps"] if s["id"] == next(c for c in step["choices"] if c["id"] == best[0])["next"])
        best_endings[next(c for c in second["choices"] if c["id"] == best[1])["next"]] += 1
    assert set(best_endings) == {"fin-1", "fin-2", "fin-3"}, best_endings


def objective_table_rows(bank) -> list[str]:
    """The objective ↔ questions table of the instructor's guide, as the bank defines it."""
    tests = [bank.module("00"), bank.module("07"), bank.module("06", graded=True)]
    rows = []
    for objective in bank.pathway.objectives:
        cells = []
        for module in tests:
            ids = [item.id for item in module.items if item.tags.objective == objective.id]
            cells.append(f"{len(ids)} ({', '.join(f'`{item_id}`' for item_id in ids)})")
        rows.append(f"| `{objective.id}` | " + " | ".join(cells) + " |")
    return rows


def test_the_instructors_guide_shows_the_objective_question_matrix_of_the_bank():
    guide = (REPO / "formateur" / "guide_du_formateur.md").read_text(encoding="utf-8")
    missing = [row for row in objective_table_rows(_bank()) if row not in guide]
    assert not missing, "tableau objectifs ↔ questions à mettre à jour dans le guide :\n" + "\n".join(missing)
