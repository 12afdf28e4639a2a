"""The legislative principles of the Child Information Sharing Scheme (CISS Ministerial Guidelines, Introduction)."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class CissPrinciple(LawRecord):
    """One legislative principle information sharing entities must apply when sharing under the scheme."""

    position: int = Field(ge=1, description="Number of the principle in the source's list, 1..9.")
    text: str = Field(description="The principle, verbatim; it completes 'the legislative principles require "
                                  "information sharing entities to:'.")
