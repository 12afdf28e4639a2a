"""Victorian Obligations Toolkit: Victoria's social-services obligations as exact, explained calculations.

Every function takes plain values (dates as `date` or 'YYYY-MM-DD'), validates them, and returns a pydantic
result with the figure, the working step by step with citations, warnings, and the dataset version used.
Bad input raises `InputError`, which names the field.
"""

from .checklists import evaluate, list_checklists
from .deadlines import Basis, day_of_following_month, day_period, hour_period, month_period, year_period
from .errors import InputError
from .notifications import list_triggers, notification_due
from .penalties import offence_penalty, penalty
from .retention import earliest_destruction
from .rules import deadline_for_rule, list_events, list_rules, obligations_for_event

__version__ = "0.1.0"
"""The package's version (the dataset has its own: `calculators.dataset.RELEASE_VERSION`)."""

__all__ = [
    "Basis",
    "InputError",
    "__version__",
    "day_of_following_month",
    "day_period",
    "deadline_for_rule",
    "earliest_destruction",
    "evaluate",
    "hour_period",
    "list_checklists",
    "list_events",
    "list_rules",
    "list_triggers",
    "month_period",
    "notification_due",
    "obligations_for_event",
    "offence_penalty",
    "penalty",
    "year_period",
]
