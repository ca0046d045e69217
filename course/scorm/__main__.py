"""`python -m course.scorm`: build the SCORM packages of the offline site (see package.py)."""

import sys

from .package import main

sys.exit(main())
