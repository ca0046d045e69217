"""How `make test` shares the suite between its two workers (pytest-xdist, --dist loadfile: a file each): the files
that start Python in Chromium (Pyodide) again and again run on one worker, one after the other, since two of them at
once on two cores starve each other's kernel past their timeouts. tests/conftest.py makes the hook its own."""

from __future__ import annotations

ONE_WORKER = {"tests/browser/test_scorm.py": "pyodide", "tests/browser/test_site.py": "pyodide"}


def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile, but the files of ONE_WORKER are one unit of work."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            return ONE_WORKER.get(scope, scope)

    return Scheduling(config, log)
