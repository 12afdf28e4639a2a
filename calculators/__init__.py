"""Victorian Obligations Toolkit: Victoria's social-services obligations as exact, explained calculations.

Every function takes plain values (dates as `date` or 'YYYY-MM-DD'), validates them, and returns a pydantic
result with the figure, the working step by step with citations, warnings, and the dataset version used.
Bad input raises `InputError`, which names the field.
"""

from .deadlines import Basis, day_of_following_month, day_period, hour_period, month_period
from .errors import InputError
from .penalties import offence_penalty, penalty
from .retention import earliest_destruction

__all__ = [
    "Basis",
    "InputError",
    "day_of_following_month",
    "day_period",
    "earliest_destruction",
    "hour_period",
    "month_period",
    "offence_penalty",
    "penalty",
]
