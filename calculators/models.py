"""Shared building blocks of every dataset record and calculator result."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

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
    """One step of a result's working, in plain English, with the provision it rests on; its `url` and `words` say
    where to read that provision and what it says (calculators.citations), so every citation is one click from its
    words. They are worked out when the result is written out, not when the step is made."""

    text: str
    citation: str | None = None
    quote: str | None = Field(default=None, exclude=True,
                              description="The provision's words, where the step has them and the dataset does not.")

    @computed_field(description="The cited document's official public address (a chapter's own page where the "  # type: ignore[prop-decorator]
                                "publisher has one); null where not known.")
    @property
    def url(self) -> str | None:
        from .citations import address
        return address(self.citation) if self.citation else None

    @computed_field(description="The words of the cited provision: the step's own quotation, or the dataset's "  # type: ignore[prop-decorator]
                                "verbatim words for the citation; null where there are none.")
    @property
    def words(self) -> str | None:
        from .citations import words
        return self.quote or (words(self.citation) if self.citation else None)


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
