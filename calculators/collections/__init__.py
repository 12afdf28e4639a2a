"""The dataset's collections: one record model per collection, keyed by collection name (the file's stem)."""

from __future__ import annotations

from typing import Any

from .base import Envelope, Record
from .checklists import Checklist
from .ciss_excluded_information import CissExcludedInformation
from .ciss_principles import CissPrinciple
from .ciss_record_keeping import CissRecordKeepingDuty
from .ciss_threshold_activities import CissThresholdActivity
from .ciss_threshold_parts import CissThresholdPart
from .cmpr_support_periods import SupportPeriodTier
from .cmpr_thresholds import CmprThreshold
from .deadline_rules import DeadlineRule
from .map_members import MapMember
from .mhwa_principles import MhwaPrinciple
from .notifiable_incident_information import NotifiableIncidentInformation
from .notifiable_incidents import NotifiableIncident
from .offences import Offence
from .overridden_provisions import OverriddenProvision
from .penalty_units import PenaltyUnitValue
from .prescribed_entities import PrescribedEntity
from .provider_events import ProviderEvent
from .public_holidays import PublicHoliday
from .regulatory_entities import RegulatoryEntity
from .relevant_agencies import RelevantAgency
from .restatements import Restatement
from .scenarios import Scenario
from .soa_s284_purposes import Soa284Purpose
from .social_services import SocialService
from .trigger_events import TriggerEvent

COLLECTIONS: dict[str, type[Record]] = {
    "checklists": Checklist,
    "ciss-excluded-information": CissExcludedInformation,
    "ciss-principles": CissPrinciple,
    "ciss-record-keeping": CissRecordKeepingDuty,
    "ciss-threshold-activities": CissThresholdActivity,
    "ciss-threshold-parts": CissThresholdPart,
    "cmpr-support-periods": SupportPeriodTier,
    "cmpr-thresholds": CmprThreshold,
    "deadline-rules": DeadlineRule,
    "map-members": MapMember,
    "mhwa-principles": MhwaPrinciple,
    "notifiable-incident-information": NotifiableIncidentInformation,
    "notifiable-incidents": NotifiableIncident,
    "offences": Offence,
    "overridden-provisions": OverriddenProvision,
    "penalty-units": PenaltyUnitValue,
    "prescribed-entities": PrescribedEntity,
    "provider-events": ProviderEvent,
    "public-holidays": PublicHoliday,
    "regulatory-entities": RegulatoryEntity,
    "relevant-agencies": RelevantAgency,
    "restatements": Restatement,
    "scenarios": Scenario,
    "soa-s284-purposes": Soa284Purpose,
    "social-services": SocialService,
    "trigger-events": TriggerEvent,
}

def envelope_model(collection: str) -> type[Envelope[Any]]:
    """The model of a collection file: Envelope parametrised with the collection's record model."""
    return Envelope[COLLECTIONS[collection]]  # type: ignore[valid-type]  # a record model chosen at run time


__all__ = [
    "COLLECTIONS", "Envelope", "Record", "envelope_model",
    "Checklist",
    "CissExcludedInformation",
    "CissPrinciple",
    "CissRecordKeepingDuty",
    "CissThresholdActivity",
    "CissThresholdPart",
    "CmprThreshold",
    "DeadlineRule",
    "MapMember",
    "MhwaPrinciple",
    "NotifiableIncident",
    "NotifiableIncidentInformation",
    "Offence",
    "OverriddenProvision",
    "PenaltyUnitValue",
    "PrescribedEntity",
    "ProviderEvent",
    "PublicHoliday",
    "RegulatoryEntity",
    "RelevantAgency",
    "Restatement",
    "Scenario",
    "Soa284Purpose",
    "SocialService",
    "SupportPeriodTier",
    "TriggerEvent",
]
