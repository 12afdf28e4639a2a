"""What to record when using the Child Information Sharing Scheme (CISS Ministerial Guidelines, Chapter 5)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import LawRecord

Situation = Literal[
    "request-received",    # 'When a request has been received'
    "disclosing",          # 'When disclosing information voluntarily or in response to a request'
    "making-request",      # 'When making a request' (good practice only)
    "request-refused",     # 'Record keeping requirements if a request is refused'
    "complaint-received",  # 'Record keeping requirements if a complaint is made'
]


class CissRecordKeepingDuty(LawRecord):
    """One thing an information sharing entity records, in the situation the source gives it for."""

    position: int = Field(ge=1, description="Order across Chapter 5, 1..n.")
    situation: Situation
    situation_text: str = Field(description="The source's words introducing the list the item is in, verbatim.")
    obligation: Literal["required", "good-practice"] = Field(
        description="required: 'must be recorded' (the Child Wellbeing and Safety (Information Sharing) Regulations, "
                    "as the chapter states them); good-practice: 'Good practice considerations', which the source "
                    "says are not required by the Regulations.")
    what_to_record: str = Field(description="The item, verbatim.")
    sub_items: list[str] = Field(default_factory=list, description="Sub-points of the item, verbatim, in order.")
    note: str | None = Field(default=None, description="The source's 'Note:' on the item, verbatim.")
