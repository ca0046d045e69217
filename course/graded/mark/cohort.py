"""Autograde a whole cohort with nbgrader's own autograder, in long-lived parallel workers.

Each worker loads nbgrader once and grades its share of the learners one by one (each learner's
notebook still runs in a brand-new kernel). Nothing is dropped silently: every learner ends graded or
listed with a reason; a learner whose kernel died is retried once; a re-run grades only what is not
done yet, including a learner left half-graded by an interrupted run."""

from __future__ import annotations

import fcntl
import getpass
import logging
import multiprocessing
import os
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .records import assignment_records

TRANSIENT = ("Kernel died", "kernel died", "Address already in use", "database is locked",
             # the PostgreSQL gradebook briefly unreachable (restart, network)
             "could not connect to server", "Connection refused", "server closed the connection",
             "terminating connection", "the database system is starting up", "the database system is shutting down",
             # what nbgrader says when it cannot read the gradebook's version, a server down included
             "nbgrader db upgrade")
RETRY_DELAY = 3.0  # seconds before a learner's second try: time for a restarting database to come back


class GradingInProgress(RuntimeError):
    """Another `cours nbgrader corriger` is grading the same assignment."""


@contextmanager
def assignment_lock(root: Path, assignment: str):
    """One cohort grading per assignment at a time, even by two instructors sharing the course folder."""
    path = Path(root) / f".correction-{assignment}.verrou"
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "un autre processus"
        handle.close()
        raise GradingInProgress(holder) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{getpass.getuser()} (processus {os.getpid()}, depuis {time.strftime('%H:%M')})")
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


@dataclass
class Outcome:
    student: str
    ok: bool
    seconds: float
    errors: list[str] = field(default_factory=list)
    first_try: list[str] = field(default_factory=list)  # the transient errors of a first, retried attempt

    @property
    def transient(self) -> bool:
        return not self.ok and any(marker in error for error in self.errors for marker in TRANSIENT)


@dataclass
class Plan:
    """Who a run grades: new copies, copies to grade again from scratch, and why some are graded again."""

    todo: list[str] = field(default_factory=list)
    redo: list[str] = field(default_factory=list)
    resubmitted: list[str] = field(default_factory=list)  # handed in again since their grade
    asked: list[str] = field(default_factory=list)  # named by the instructor (--apprenant, --tout)
    hand_graded: list[str] = field(default_factory=list)  # graded again with hand grades to review


def students_to_grade(root: Path, assignment: str, again: list[str] | None = None,
                      everyone: bool = False) -> Plan:
    """New copies, copies left half-graded, copies handed in again since they were graded (nbgrader collect
    --update), and the copies the instructor asks to grade again (again: learner ids; everyone: all)."""
    submitted = sorted(path.parent.name for path in (root / "submitted").glob(f"*/{assignment}") if path.is_dir())
    try:
        records = {record.student: record for record in assignment_records(root, assignment)}
    except Exception:  # no gradebook entry for the assignment yet: everything is to do
        records = {}
    cut_off = _cut_off(root, assignment)
    graded_at, hand_graded = _grading_state(root, assignment)
    plan = Plan()
    for student in submitted:
        record = records.get(student)
        folder = root / "autograded" / student / assignment
        if record is None or record.score is None or record.status == "non noté" or student in cut_off:
            (plan.redo if folder.exists() else plan.todo).append(student)
        elif _handed_in_at(root / "submitted" / student / assignment) > graded_at.get(student, _NEVER):
            plan.redo.append(student)
            plan.resubmitted.append(student)
        elif everyone or student in (again or []):
            plan.redo.append(student)
            plan.asked.append(student)
    plan.hand_graded = [student for student in plan.resubmitted + plan.asked if student in hand_graded]
    return plan


_NEVER = "0000"


def _handed_in_at(folder: Path) -> str:
    """The submission time nbgrader wrote (timestamp.txt), as sortable text; _NEVER without one."""
    from nbgrader.utils import parse_utc

    try:
        return parse_utc((folder / "timestamp.txt").read_text(encoding="utf-8").strip()).isoformat()
    except (OSError, ValueError, TypeError):
        return _NEVER


def _grading_state(root: Path, assignment: str) -> tuple[dict[str, str], set[str]]:
    """For each graded learner, the submission time their grade was computed from, and who has hand grades."""
    from nbgrader.api import Gradebook

    from .records import course_settings

    db_url, course_id = course_settings(Path(root))
    try:
        with Gradebook(db_url, course_id) as gradebook:
            submissions = gradebook.assignment_submissions(assignment)
            times = {submission.student.id: submission.timestamp.isoformat() if submission.timestamp else _NEVER
                     for submission in submissions}
            hand = {submission.student.id for submission in submissions for notebook in submission.notebooks
                    for grade in notebook.grades if grade.manual_score is not None}
            return times, hand
    except Exception:  # no gradebook entry for the assignment yet
        return {}, set()


def _cut_off(root: Path, assignment: str) -> set[str]:
    """Learners whose grading was cut off (a killed run): the gradebook holds their copy, but a test cell,
    which the autograder always scores, has no score. They are graded again, from scratch."""
    from nbgrader.api import Gradebook

    from .records import course_settings

    db_url, course_id = course_settings(Path(root))
    try:
        with Gradebook(db_url, course_id) as gradebook:
            return {submission.student.id for submission in gradebook.assignment_submissions(assignment)
                    for notebook in submission.notebooks for grade in notebook.grades
                    if grade.cell.cell_type == "code" and grade.auto_score is None}
    except Exception:  # no gradebook entry for the assignment yet: nothing was cut off
        return set()


def _worker(root: str, assignment: str, jobs, results, parent: int) -> None:
    """Grade the learners sent on `jobs` (student, force) until None; report each on `results`."""
    from .lifeline import die_with_parent

    die_with_parent(parent)
    os.chdir(root)
    warnings.simplefilter("ignore")  # nbgrader's own SQLAlchemy warnings on a broken submission: reported below
    from nbgrader.apps import AutogradeApp
    from nbgrader.converters import Autograde

    app = AutogradeApp()
    app.initialize([])
    # Kernels talk over local sockets in a private folder, not TCP ports: parallel workers cannot race for a
    # port ("Address already in use", then a dead kernel and a learner without a grade).
    app.config.KernelManager.transport = "ipc"
    app.config.KernelManager.ip = os.path.join(tempfile.mkdtemp(prefix="cours-noyaux-"), "noyau")
    # Each kernel is forked from a zygote that has already imported ipykernel: the kernel's start-up CPU,
    # most of a grading's cost, is paid once per worker instead of once per learner.
    app.config.NotebookClient.kernel_manager_class = "course.graded.mark.forking.ForkingKernelManager"
    app.coursedir.assignment_id = assignment
    collected: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.ERROR:
                # nbgrader logs whole tracebacks: keep the lines that name the error.
                lines = [line.strip() for line in record.getMessage().splitlines() if line.strip()]
                named = [line for line in lines if "rror" in line] or lines[-1:]
                collected.extend(line[:300] for line in named[-3:])

    app.log.addHandler(Collect())
    app.log.setLevel(logging.WARNING)
    for handler in list(app.log.handlers):
        if not isinstance(handler, Collect):
            app.log.removeHandler(handler)  # the cohort command prints its own progress and report
    while (job := jobs.get()) is not None:
        student, force = job
        collected.clear()
        started = time.perf_counter()
        app.coursedir.student_id = student
        ok = True
        try:
            converter = Autograde(coursedir=app.coursedir, parent=app)
            converter.force = force
            converter.start()
        except Exception as error:  # nbgrader raises NbGraderException after logging each error
            ok = False
            collected.append(f"{error.__class__.__name__} : {error}"[:300])
        results.put(Outcome(student, ok and not collected, time.perf_counter() - started, list(collected)))
    from .forking import Zygote
    from .zygote import own_cpu, record_cpu

    Zygote.stop()
    record_cpu("nbgrader", own_cpu(), 1)


def autograde_cohort(root: Path, assignment: str, workers: int = 0, progress=sys.stderr,
                     plan: Plan | None = None) -> list[Outcome]:
    root = Path(root).resolve()
    # Workers spend much of their time waiting on kernels, so two per core keep the cores busy; four at
    # most, since SQLite (the default gradebook) is safe with a few writers, not many.
    workers = workers or max(1, min(2 * (os.cpu_count() or 1), 4))
    plan = plan or students_to_grade(root, assignment)
    jobs_list = [(student, False) for student in plan.todo] + [(student, True) for student in plan.redo]
    if not jobs_list:
        return []
    context = multiprocessing.get_context("spawn")  # a clean interpreter per worker, nothing inherited
    jobs, results = context.Queue(), context.Queue()
    for job in jobs_list:
        jobs.put(job)
    workers = min(workers, len(jobs_list))
    processes = [context.Process(target=_worker, args=(str(root), assignment, jobs, results, os.getpid()), daemon=True)
                 for _ in range(workers)]
    for process in processes:
        process.start()
    outcomes: dict[str, Outcome] = {}
    retried: dict[str, list[str]] = {}
    waiting: list[tuple[float, str]] = []  # (when, student): second tries, after a pause
    started = time.perf_counter()
    expected = len(jobs_list)
    while len(outcomes) < expected:
        for due in [entry for entry in waiting if entry[0] <= time.monotonic()]:
            waiting.remove(due)
            jobs.put((due[1], True))  # one more try, from scratch
        if not any(process.is_alive() for process in processes) and results.empty():
            break  # every worker died: the remaining learners are reported below, not lost
        try:
            outcome = results.get(timeout=0.5)
        except Exception:
            continue
        if outcome.transient and outcome.student not in retried:
            retried[outcome.student] = outcome.errors
            waiting.append((time.monotonic() + RETRY_DELAY, outcome.student))
            continue
        outcome.first_try = retried.get(outcome.student, [])
        outcomes[outcome.student] = outcome
        _progress(progress, len(outcomes), expected, time.perf_counter() - started)
    for _ in processes:
        jobs.put(None)
    for process in processes:
        process.join(timeout=30)
    for student, _ in jobs_list:
        outcomes.setdefault(student, Outcome(student, False, 0.0, ["le processus de correction s'est arrêté"]))
    if progress:
        print(file=progress)
    return [outcomes[student] for student, _ in jobs_list]


def _progress(stream, done: int, total: int, elapsed: float) -> None:
    """One line, rewritten in place: a bar, the pace, and the time left at that pace."""
    if not stream:
        return
    width = 30
    filled = int(width * done / total)
    pace = elapsed / done
    shown = f"{pace:.1f}".replace(".", ",")
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} copies — {shown}\u00a0s/copie — "
                 f"reste environ {pace * (total - done):.0f}\u00a0s ")
    stream.flush()
