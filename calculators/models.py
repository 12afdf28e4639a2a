"""Shared building blocks of every dataset record and calculator result."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import input_error_from


class Strict(BaseModel):
    """A model that refuses unknown fields, so a typo is an error, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """Where a rule or value comes from: a document and the provision, heading or table in it."""

    document: str = Field(description="The document, e.g. 'Social Services Regulations 2023 (Vic)'.")
    provision: str = Field(description="Section, regulation, table or heading within the document.")
    url: str | None = Field(default=None, description="A public address for the document, where known.")

    def cite(self) -> str:
        """The citation as one line of text."""
        return f"{self.document}, {self.provision}"


class Step(Strict):
    """One step of a result's working, in plain English, with the provision it rests on, where to read that
    provision, and its words (calculators.citations), so that every citation is one click from its words."""

    text: str
    citation: str | None = None
    url: str | None = Field(default=None, description="The cited document's official public address (a chapter's "
                                                      "own page where the publisher has one); null where not known.")
    words: str | None = Field(default=None, description="The dataset's verbatim words for the citation, where it "
                                                        "has them.")

    @model_validator(mode="before")
    @classmethod
    def _where_to_read_it(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("citation"):
            from .citations import address, words
            data = {"url": address(data["citation"]), "words": words(data["citation"]), **data}
        return data


@lru_cache(maxsize=65536)
def step(text: str, citation: str | None = None) -> Step:
    """A Step, shared when the same words recur: steps are immutable, and deadlines repeat them often."""
    return Step(text=text, citation=citation)


class Result(Strict):
    """What every calculator returns besides its figure: the working, warnings and the law's date."""

    explanation: list[Step]
    warnings: list[str] = Field(default_factory=list)
    dataset_version: str = Field(description="The dataset release the result used.")
    as_at: dt.date = Field(description="The date the law in that data is stated as at.")


M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], data: dict[str, Any]) -> M:
    """Validate a question's inputs; bad input becomes an InputError naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise input_error_from(exc) from None
