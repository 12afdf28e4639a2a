"""The one exception a caller needs to handle: bad input, named by its field."""

from __future__ import annotations

from pydantic import ValidationError


class InputError(ValueError):
    """Input that cannot be answered, with the field it concerns and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def input_error_from(error: ValidationError) -> InputError:
    """Turn pydantic's first validation error into an InputError naming the field."""
    first = error.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"]) or "input"
    message = first["msg"].removeprefix("Value error, ")
    if "input" in first and first["type"] not in {"missing"}:
        message = f"{message} (got {first['input']!r})"
    return InputError(field, message)
