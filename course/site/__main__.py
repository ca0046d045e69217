"""`python -m course.site`: build the offline JupyterLite site (see build.py)."""

import sys

from .build import main

sys.exit(main())
