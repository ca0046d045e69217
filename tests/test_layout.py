"""course/graded/ reads as the instructor's manual: one sub-package per step, in the order an instructor works, each
importing only the steps above it; the `cours nbgrader` commands map one to one onto those steps; and every dotted
path the repository writes down (nbgrader configs, command lines, notebooks, docs) names something that exists."""

from __future__ import annotations

import argparse
import ast
import importlib
import re
import subprocess
from pathlib import Path

from conftest import REPO

GRADED = REPO / "course" / "graded"
STEPS = ["prepare", "mark", "report", "certify"]  # the order an instructor works in
LEARNER = "the learner's side"  # course/graded/ itself: what a released notebook imports (course.graded, …)
ALLOWED = {"prepare": set(),
           "mark": {"prepare", LEARNER},  # its kernel zygote preloads what a grading kernel imports
           "report": {"prepare", "mark"},
           "certify": {"prepare", "mark", "report"},
           LEARNER: {"prepare"}}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str, is_package: bool) -> set[str]:
    """Every module (or name in a module) that `source`, the text of `module`, imports, as an absolute dotted name."""
    package = module if is_package else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            names |= {target} | {f"{target}.{alias.name}" for alias in node.names}
    return names


def step_of(name: str) -> str | None:
    """The step of course/graded/ a dotted name belongs to; None outside course.graded."""
    parts = name.split(".")
    if parts[:2] != ["course", "graded"]:
        return None
    return parts[2] if len(parts) > 2 and parts[2] in STEPS else LEARNER


def forbidden_imports(path: Path, source: str | None = None) -> list[str]:
    """The imports of one module of course/ that break the steps' order, as « module → imported (step) »."""
    module = module_name(path)
    source = path.read_text(encoding="utf-8") if source is None else source
    own = step_of(module)
    wrong = []
    for name in sorted(imported(source, module, path.name == "__init__.py")):
        step = step_of(name)
        if step is None or step == own:
            continue
        if own is None or step not in ALLOWED[own]:
            wrong.append(f"{module} → {name} ({step})")
    return wrong


def test_each_step_imports_only_the_steps_above_it_and_nothing_outside_imports_the_graded_track():
    wrong = [line for path in sorted((REPO / "course").rglob("*.py")) for line in forbidden_imports(path)]
    assert not wrong, "\n".join(wrong)


def test_the_rule_catches_an_import_back_up():
    """The check can fail: a step that imports a later one, or a module outside the track that imports it."""
    assert forbidden_imports(GRADED / "prepare" / "build.py", "from ..report.analysis import cohort_report\n") == [
        "course.graded.prepare.build → course.graded.report.analysis (report)",
        "course.graded.prepare.build → course.graded.report.analysis.cohort_report (report)"]
    assert forbidden_imports(GRADED / "mark" / "cohort.py", "from ..certify import attestation\n")
    assert forbidden_imports(GRADED / "learner.py", "from .mark.records import assignment_records\n")
    assert forbidden_imports(REPO / "course" / "scoring.py", "import course.graded.prepare.keys\n")
    assert not forbidden_imports(GRADED / "certify" / "attestation.py", "from ..report import training_report\n")


def test_every_step_is_a_package_and_no_step_hides_what_a_released_notebook_imports():
    """`from course.graded import grade` is in released notebooks: a sub-package named « grade » would replace that
    function by itself as soon as it is imported (by the grading kernel's zygote, say)."""
    assert sorted(path.parent.name for path in GRADED.glob("*/__init__.py")) == sorted(STEPS)
    import course.graded

    assert not set(STEPS) & set(course.graded.__all__)
    for step in STEPS:
        importlib.import_module(f"course.graded.{step}.commands")
    assert callable(course.graded.grade) and callable(course.graded.show_graded)


def nbgrader_commands() -> set[str]:
    from course.cli import parser

    def choices(made: argparse.ArgumentParser) -> dict:
        [action] = [a for a in made._actions if isinstance(a, argparse._SubParsersAction)]
        return action.choices

    return set(choices(choices(parser())["nbgrader"]))


def test_each_nbgrader_command_is_done_by_a_function_of_its_name_in_the_commands_of_its_step():
    from course.cli import GRADED_STEPS

    assert set(GRADED_STEPS) == nbgrader_commands()
    assert set(GRADED_STEPS.values()) == set(STEPS)
    for step in STEPS:
        tree = ast.parse((GRADED / step / "commands.py").read_text(encoding="utf-8"))
        functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
                     and not node.name.startswith("_")}
        assert functions == {name.replace("-", "_") for name, owner in GRADED_STEPS.items() if owner == step}, step


DOTTED = re.compile(r"\bcourse\.graded(?:\.[A-Za-z_]\w*)*")
SLASHED = re.compile(r"\bcourse/graded(?:/[\w.-]+)*")


def resolves(dotted: str) -> bool:
    """Whether a dotted path names a module, or something in a module, that can be imported."""
    parts = dotted.split(".")
    for cut in range(len(parts), 1, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def test_every_path_of_the_graded_track_written_in_the_repository_exists():
    """nbgrader configs, `python -m` command lines, notebooks, deploy files and docs name modules as text."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.split()
    missing = set()
    for name in files:
        path = REPO / name
        if not path.is_file() or path.stat().st_size > 1_000_000:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        missing |= {f"{name}: {dotted}" for dotted in set(DOTTED.findall(text)) if not resolves(dotted)}
        missing |= {f"{name}: {slashed}" for slashed in set(SLASHED.findall(text))
                    if not (REPO / slashed.rstrip(".")).exists()}
    assert not missing, "\n".join(sorted(missing))
