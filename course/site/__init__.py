"""The course as a static JupyterLite site: the self-paced modules in the browser, with nothing to install and no
network beyond the site itself (`make site`, issue 22).

One module per job, in the order the build runs them:
- notebooks.py: which notebooks a learner gets, and the site's copy of each (Pyodide kernel, a French note on top);
- wheels.py: the Python wheels the browser needs, downloaded from PyPI into a cache, and the course's own wheel;
- pyodide.py: Pyodide self-hosted from the npm package, its lock file listing every wheel with its sha256;
- build.py: the whole build, from the repository to one folder (`python -m course.site`).
lms.js, loaded by JupyterLab's page, is the course's link to an LMS that launches the site as a SCORM package
(course/scorm/); without one it does nothing.
config/ holds the templates of JupyterLite's settings that the build fills in: they sit beside the code that reads
them (and stay out of the course's wheel for the browser, which leaves course/site/ out).
"""

from __future__ import annotations

from ..typography import french


class MissingFile(Exception):
    """A file the build needs is not there: the message says, in French, which one and how to get it."""

    def __init__(self, message: str):
        super().__init__(french(message))
