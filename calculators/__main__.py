"""`python -m calculators`: see calculators.cli."""

import sys

from .cli import PROG, main

sys.exit(main(prog=PROG))
