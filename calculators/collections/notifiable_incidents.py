"""Notifiable incidents prescribed by the Social Services Regulations 2023 (Vic), reg 36(1)."""

from __future__ import annotations

from pydantic import Field

from .base import LawRecord


class NotifiableIncident(LawRecord):
    """One incident prescribed by SSR 2023 reg 36(1) for s 48(2)(c) of the Social Services Regulation Act 2021 (Vic).

    These are only the incidents the regulations prescribe. The serious incidents in s 48(2)(a) and (b)
    of the Act are not in the sources and so not in this collection. Reg 36(3) defines injury and
    serious injury for these incidents.
    """

    position: int = Field(ge=1, description="Order in reg 36(1) (1 = paragraph (a)).")
    paragraph: str = Field(pattern=r"^[a-z]$", description="The paragraph letter of reg 36(1), e.g. 'a'.")
    incident: str = Field(description="The incident, verbatim, without the closing ';' or '.'.")
