"""`make test` runs the suite on two workers, a file each (pytest-xdist, --dist loadfile), except the files that
start Python in Chromium, which share one worker (tests/scheduling.py): checked on a small suite of the
same shape, run by pytest-xdist itself."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from scheduling import ONE_WORKER

RECORD = """
import os
from pathlib import Path


def test_records_its_worker():
    Path(__file__).with_suffix(".worker").write_text(os.environ["PYTEST_XDIST_WORKER"])
"""


def test_the_pyodide_files_run_on_one_worker_and_the_others_spread(tmp_path):
    (tmp_path / "conftest.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO / 'tests')!r})\n"
        "from scheduling import pytest_xdist_make_scheduler  # noqa: F401\n")
    files = [*ONE_WORKER, *(f"tests/test_autre_{number}.py" for number in range(6))]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(RECORD)
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile",
                    "--rootdir", str(tmp_path), str(tmp_path / "tests")], cwd=tmp_path, check=True,
                   capture_output=True, timeout=120)
    workers = {name: (tmp_path / name).with_suffix(".worker").read_text() for name in files}
    assert len({workers[name] for name in ONE_WORKER}) == 1, workers
    assert len(set(workers.values())) == 2, workers  # the others still spread over both workers
