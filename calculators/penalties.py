"""Penalties: penalty units × the value of a penalty unit for the financial year (Monetary Units Act 2004 (Vic))."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import Field

from . import dataset, in_force
from .clock import long_date, today_in_melbourne
from .collections import Offence, PenaltyUnitValue
from .collections.offences import Protection
from .errors import InputError, shown
from .models import Result, Step, Strict, parse
from .types import DecimalString, IsoDate

MONETARY_UNITS = "Monetary Units Act 2004 (Vic) s 7"
ROUNDING = "Social Services Regulations 2023 (Vic), Endnotes, 3 Explanatory details ('may be rounded to the nearest dollar')"
CENT = Decimal("0.01")


class PenaltyQuestion(Strict):
    """A number of penalty units and the date whose financial year sets their value."""

    units: DecimalString = Field(gt=0, allow_inf_nan=False, max_digits=12, description="May be fractional, e.g. 1.5.")
    on: IsoDate | None = Field(default=None, description="Defaults to today in Australia/Melbourne.")


class PenaltyResult(Result):
    """The penalty in dollars, exact and rounded, and the value and year used."""

    units: DecimalString
    on: dt.date
    financial_year: str = Field(description="The financial year in which `on` falls.")
    value_year: str = Field(description="The financial year whose unit value was used (the latest recorded, if "
                                        "`financial_year` has none).")
    unit_value: DecimalString
    unit_value_recorded: bool = Field(description="False when the value for `financial_year` is not recorded and "
                                                  "the latest recorded value was used: the figure is then an "
                                                  "estimate, not the official amount.")
    unit_value_notice: str | None = Field(default=None, description="When `unit_value_recorded` is false: what "
                                          "the figure is, and where the official value is published.")
    amount: DecimalString = Field(description="Exact: units × unit value, at least to the cent.")
    rounded: int = Field(description="Nearest whole dollar, halves rounded up.")


class OffenceQuestion(Strict):
    """An offence from the dataset, who committed it, and the date whose financial year sets the value."""

    offence: str = Field(min_length=1, description="An id from dataset/offences.json, e.g. 'ssra-s47-1'.")
    offender: Literal["individual", "body-corporate"]
    on: IsoDate | None = None
    kind: Literal["maximum", "infringement"] | None = Field(
        default=None, description="Default: the maximum penalty where stated, otherwise the infringement penalty.")


class ProtectionNote(Strict):
    """A protection or exemption the source states with the offence, and whether it can help this offender."""

    id: str
    kind: Literal["protection-from-liability", "offence-does-not-apply"]
    text: str = Field(description="What it means for this offender, in one line (as in the explanation).")
    summary: str
    quote: str
    citation: str
    available_to: list[Literal["individual", "body-corporate"]]
    available: bool = Field(description="Whether the source makes it available to this kind of offender; "
                                        "whether it applies on the facts is for the reader to judge.")


class OffencePenaltyResult(PenaltyResult):
    """A penalty result for a named offence: which offence, offender and kind of penalty it is."""

    offence: str
    act: str
    section: str
    offender: Literal["individual", "body-corporate"]
    kind: Literal["maximum", "infringement"]
    imprisonment: str | None = None
    protections: list[ProtectionNote] = Field(
        default_factory=list, description="Protections from liability and exemptions that come with the offence.")


def financial_year_of(day: dt.date) -> str:
    """'2024-25' for any day from 1 July 2024 to 30 June 2025."""
    first = day.year if day.month >= 7 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def penalty(units: Decimal | int | str, on: dt.date | str | None = None) -> PenaltyResult:
    """The dollar amount of `units` penalty units on the date `on`, explained."""
    question = parse(PenaltyQuestion, {"units": units, "on": on})
    values = dataset.load("penalty-units")
    return PenaltyResult(**_in_dollars(question.units, question.on), dataset_version=dataset.RELEASE_VERSION,
                         as_at=values.as_at)


def offence_penalty(offence: str, offender: str, on: dt.date | str | None = None,
                    kind: str | None = None) -> OffencePenaltyResult:
    """The penalty for an offence in the dataset, for an individual or a body corporate, in dollars.

    `kind` picks the maximum penalty or the infringement penalty; by default the maximum where the source
    states one, otherwise the infringement penalty."""
    question = parse(OffenceQuestion, {"offence": offence, "offender": offender, "on": on, "kind": kind})
    offences = dataset.load("offences")
    day = question.on or today_in_melbourne()
    record = offences.version_on(question.offence, day)
    if record is None:
        raise InputError("offence", f"no offence {shown(question.offence)} in the dataset; choose one of the listed offences")
    stated = {"maximum": record.maximum_penalty, "infringement": record.infringement_penalty}
    chosen = question.kind or ("maximum" if record.maximum_penalty else "infringement")
    penalty_units = stated[chosen]
    if penalty_units is None:
        raise InputError("kind", f"{record.act} {record.section}: the dataset holds no {chosen} penalty for this offence")
    units = penalty_units.any_offender or (
        penalty_units.individual if question.offender == "individual" else penalty_units.body_corporate)
    who = "an individual" if question.offender == "individual" else "a body corporate"
    if units is None:
        raise InputError("offender", _no_figure(record, chosen, question.offender, who, penalty_units.note))
    committed_by = record.committed_by
    if committed_by is not None and question.offender not in committed_by.offenders:
        raise InputError("offender", f"{record.act} {record.section} is not an offence {who} commits, so it has no "
                                     f"penalty for one: {committed_by.reason} ({committed_by.source.cite()})")
    what = "maximum penalty" if chosen == "maximum" else "infringement penalty"
    for_whom = who
    if penalty_units.any_offender:
        for_whom = "any offender" if committed_by is None else f"{who}. The source gives one figure without naming " \
                                                               f"the offender; who commits the offence is below"
    dated = [in_force.require(f"{record.section} of the {record.act}", record.in_force, day, "on", called="this offence")]
    if penalty_units.in_force is not None:
        dated.append(in_force.require(f"the {what} for {record.section} of the {record.act}", penalty_units.in_force,
                                      day, "on"))
    first = Step(text=f"The offence: {record.section} of the {record.act}. Its {what} is {_units(units)} for "
                      f"{for_whom}.", citation=record.source.cite())
    if committed_by is not None:
        dated.append(Step(text=f"Who commits it: {committed_by.reason}", citation=committed_by.source.cite()))
    if penalty_units.note:
        dated.append(Step(text=f"Where the figure comes from: {penalty_units.note}", citation=record.source.cite()))
    figures = _in_dollars(units, day)
    figures["explanation"][:0] = [first, *dated]
    warnings = figures.pop("warnings")
    other = "infringement" if chosen == "maximum" else "maximum"
    if stated[other] is not None:
        figures["explanation"].append(Step(
            text=f"This offence also has {'an infringement' if other == 'infringement' else 'a maximum'} penalty "
                 f"(choose kind '{other}' to calculate it).", citation=record.source.cite()))
    if penalty_units.imprisonment:
        warnings.append(f"The penalty for an individual may also be imprisonment: {penalty_units.imprisonment}.")
    protections = _protections(record, question.offender, day)
    figures["explanation"] += [Step(text=note.text, citation=note.citation) for note in protections]
    return OffencePenaltyResult(
        **figures, warnings=warnings, offence=record.id, act=record.act, section=record.section,
        offender=question.offender, kind=chosen, imprisonment=penalty_units.imprisonment, protections=protections,
        dataset_version=dataset.RELEASE_VERSION, as_at=offences.as_at,
    )


def _no_figure(record: Offence, chosen: str, offender: str, who: str, note: str | None) -> str:
    """Why no penalty is given for this offender: the sources state none (never a figure borrowed from another)."""
    text = f"{record.act} {record.section}: the sources state no {chosen} penalty for {who}, so no figure is given"
    if note:
        text += f". {note}"
    other = "infringement" if chosen == "maximum" else "maximum"
    stated = record.infringement_penalty if other == "infringement" else record.maximum_penalty
    if stated is not None and (stated.any_offender or (stated.individual if offender == "individual" else
                                                       stated.body_corporate)):
        text += f" Its {other} penalty is stated for {who}: choose kind '{other}'."
    return text


def _protections(record: Offence, offender: str, day: dt.date) -> list[ProtectionNote]:
    """The offence's protections and exemptions in force on `day`, each marked available to `offender` or not."""
    who = "an individual" if offender == "individual" else "a body corporate"
    return [ProtectionNote(id=p.id, kind=p.kind, text=_protection_text(p, offender in p.available_to, who),
                           summary=p.summary, quote=p.quote, citation=p.source.cite(), available_to=p.available_to,
                           available=offender in p.available_to)
            for p in record.protections if p.in_force.applies_on(day)]


def _protection_text(protection: Protection, available: bool, who: str) -> str:
    """What the protection says, or why it cannot help this offender, in one line."""
    if available:
        lead = "Protection" if protection.kind == "protection-from-liability" else "Exception"
        return f"{lead}: {protection.summary}"
    kinds = " and ".join("individuals" if kind == "individual" else "bodies corporate" for kind in protection.available_to)
    return f"Not available to {who}: it is for {kinds} only. {protection.summary}"


def _in_dollars(units: Decimal, on: dt.date | None) -> dict[str, Any]:
    """The figures and working of `units` penalty units in the financial year of `on` (default today)."""
    day = on or today_in_melbourne()
    values = dataset.load("penalty-units")
    year = financial_year_of(day)
    value = next((record for record in values.records if record.starts <= day <= record.ends), None)
    warnings: list[str] = []
    notice = None
    steps = [Step(text=f"{long_date(day)} falls in the {year} financial year (1 July to 30 June).",
                  citation="Monetary Units Act 2004 (Vic) s 5")]
    if value is None:
        value = _latest_or_refuse(values.records, day)
        notice = (f"Estimate, not the official amount: the value of a penalty unit for {year} is not recorded in "
                  f"this dataset (release {dataset.RELEASE_VERSION}), so the last recorded value, "
                  f"${value.penalty_unit} for {value.financial_year}, was used. The Treasurer fixes the value for "
                  f"each financial year and it is published in the Victoria Government Gazette before 1 June of "
                  f"the year before (Monetary Units Act 2004 (Vic) s 5); the Department of Treasury and Finance "
                  f"lists it under 'Indexation of fees and penalties'.")
        warnings.append(notice)
        steps.append(Step(text=f"No value is recorded for {year}; the last recorded value, ${value.penalty_unit} "
                               f"for {value.financial_year}, gives an estimate only. That value was in force "
                               f"until {long_date(value.ends)}.", citation=value.source.cite()))
    else:
        steps.append(Step(text=f"A penalty unit is worth ${value.penalty_unit} in {year}.", citation=value.source.cite()))
    amount = (units * value.penalty_unit).normalize()
    exponent = amount.as_tuple().exponent  # an int for a finite amount
    if isinstance(exponent, int) and exponent > -2:
        amount = amount.quantize(CENT)
    rounded = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    steps += [
        Step(text=f"{_units(units)} × ${value.penalty_unit} = ${amount:,f}.", citation=MONETARY_UNITS),
        Step(text=f"Rounded to the nearest dollar (halves up): ${rounded:,}.", citation=ROUNDING),
    ]
    return {"units": units, "on": day, "financial_year": year, "value_year": value.financial_year,
            "unit_value": value.penalty_unit, "unit_value_recorded": notice is None, "unit_value_notice": notice,
            "amount": amount, "rounded": rounded, "explanation": steps, "warnings": warnings}


def _latest_or_refuse(records: list[PenaltyUnitValue], day: dt.date) -> PenaltyUnitValue:
    latest = max(records, key=lambda record: record.starts)
    if day < min(record.starts for record in records):
        first = min(records, key=lambda record: record.starts)
        raise InputError("on", f"{day.isoformat()} is before the first financial year recorded here "
                               f"({first.financial_year}, from {first.starts.isoformat()})")
    return latest


def _units(units: Decimal) -> str:
    return f"{units:f} penalty unit" if units == 1 else f"{units:f} penalty units"
