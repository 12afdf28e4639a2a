"""Plain-English sentences that restate a duty, a permission or a prohibition, each kept beside the source's words.

A restatement may simplify the words of the law, never their force: the tests check that each sentence is where the
record says, that the source's words are in sources/, and that both carry the force the record states."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..models import Strict
from .base import LawRecord

Force = Literal["must", "must not", "should", "should not", "may", "need not", "cannot"]
"""The force of a duty, permission or prohibition. 'is required to' is 'must'; 'can' is 'may'; 'is not required
to' and 'do not have to' are 'need not'."""


class Place(Strict):
    """Where a plain-English sentence is: a file of the repository and a place in it."""

    file: str = Field(description="The file, from the repository's root: 'docs/guides/imha-opt-out.md' or "
                                  "'dataset/checklists.json'.")
    locator: str = Field(description="In a page, the heading of the section the sentence is in (without the #s). "
                                     "In a dataset file, the path to the text, '/' between steps: a record, outcome, "
                                     "question or obligation by its id, key or rule, a list item by its position "
                                     "from 0, e.g. 'ciss-sharing/outcomes/must-share/next_steps'; the last step may "
                                     "be a list of texts, one of which holds the sentence.")


class Restatement(LawRecord):
    """One plain-English sentence that restates the law's words, with those words and the force they share."""

    where: Place
    plain: str = Field(description="The sentence exactly as it appears at `where`, periods as `{period:RULE-ID}`.")
    verbatim: str = Field(description="The source's words that the sentence restates, verbatim.")
    force: list[Force] = Field(description="The force words both texts carry, as the tests' classifier reads them; "
                                           "empty where both state the rule as a fact (a protection, an offer): "
                                           "then `keeps` holds the words that matter. An exception's 'not "
                                           "required under' reads as 'need not'.")
    keeps: list[str] = Field(default_factory=list,
                             description="The source's conditions or qualifiers that the sentence keeps word for "
                                         "word (e.g. 'provided the client has reached 25 years of age'): both texts "
                                         "contain each.")
