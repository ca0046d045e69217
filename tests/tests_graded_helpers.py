"""The graded-track fixtures' helpers, importable from other test folders (browser tests)."""

from graded.conftest import ASSIGNMENT, COURSE_ID, create_course, make_exchange, nbgrader, write_graded_bank  # noqa: F401
