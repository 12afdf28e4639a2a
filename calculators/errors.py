"""The one exception a caller needs to handle: bad input, named by its field."""

from __future__ import annotations

from pydantic import ValidationError

MAX_SHOWN = 60
"""The most characters of a reader's input an error message repeats: enough to recognise it, never a 100 KB echo."""
MAX_MESSAGE = 1500
"""The longest error message: one line, bounded whatever the input (the longest written here, an offence a body
corporate cannot commit with the dataset's reason and citation, is about 900 characters)."""


def shown(value: object) -> str:
    """The input as an error message quotes it: its repr, cut to MAX_SHOWN characters."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN - 1]}…"


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """The text on one line (line breaks and runs of spaces become one space), cut to `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[:limit - 1]}…"


class InputError(ValueError):
    """Input that cannot be answered, with the field it concerns and why (one line, of bounded length)."""

    def __init__(self, field: str, message: str) -> None:
        field, message = one_line(field, MAX_SHOWN), one_line(message)
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def renamed(self, field: str) -> InputError:
        """The same error (its kind and what it carries kept) naming another field: a caller's name for it."""
        error = self.__class__.__new__(self.__class__)
        error.__dict__.update(self.__dict__)
        error.field = one_line(field, MAX_SHOWN)
        error.args = (f"{error.field}: {self.message}",)
        return error


def input_error_from(error: ValidationError) -> InputError:
    """Turn pydantic's first validation error into an InputError naming the field."""
    first = error.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"]) or "input"
    message = first["msg"].removeprefix("Value error, ")
    if "input" in first and first["type"] not in {"missing"}:
        message = f"{message} (got {shown(first['input'])})"
    return InputError(field, message)
