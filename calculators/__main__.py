"""`python -m calculators`: see calculators.cli."""

import sys

from .cli import main

sys.exit(main())
