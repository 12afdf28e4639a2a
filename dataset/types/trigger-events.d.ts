/**
 * The trigger-events collection file of the Victorian Obligations Toolkit dataset (dataset/trigger-events.json).
 * Generated from schemas/trigger-events.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface TriggerEventsFile {
  /**
   * Address of this file's JSON Schema.
   */
  $schema: string;
  /**
   * Stable id: never changes once published.
   */
  collection: string;
  /**
   * Semantic version of this collection.
   */
  version: string;
  /**
   * The date the law in this collection is stated as at.
   */
  as_at: string;
  /**
   * @minItems 1
   */
  sources: [Source, ...Source[]];
  records: TriggerEvent[];
}
/**
 * Where a rule or value comes from: a document and the provision, heading or table in it.
 */
export interface Source {
  /**
   * The document, e.g. 'Social Services Regulations 2023 (Vic)'.
   */
  document: string;
  /**
   * Section, regulation, table or heading within the document.
   */
  provision: string;
  /**
   * A public address for the document, where known.
   */
  url?: string | null;
}
/**
 * One event of which IMHA must be notified, with its mechanism, data-entry timeframe and intake response time.
 *
 * Table 1's timeframe column is headed "Timeframe for data entry*"; its note * says that "for some
 * events data entry is not able to occur until after the event has concluded. In this circumstance,
 * timeframe for data entry is no more than 24 hours after the event has concluded." The protocol
 * does not say which events those are, so every timed event carries the note in
 * `concluded_event_hours`.
 */
export interface TriggerEvent {
  /**
   * Stable id: never changes once published.
   */
  id: string;
  /**
   * Earlier ids of this record. An id never changes once published and is never reused; a record renamed to end a collision or a second spelling keeps its old id here, and lookups in this collection still accept it.
   *
   * Items: Stable id: never changes once published.
   */
  aliases?: string[];
  source: Source;
  in_force: InForce;
  /**
   * The id of the earlier version of this law, when this record states it as amended.
   */
  supersedes?: string | null;
  /**
   * Row order in Appendix 1, Table 1.
   */
  position: number;
  /**
   * Table 1 'Description' column, as written.
   */
  name: string;
  /**
   * Table 1 'Mechanism for notification', as a closed vocabulary.
   */
  mechanism: "cmi" | "monthly-upload-to-department" | "mht-imha-data-transfer";
  /**
   * Table 1 'Mechanism for notification', as written.
   */
  mechanism_text: string;
  /**
   * True where CMI is the mechanism ('an automated notification will be made from data entered into CMI'). The two 'unautomated trigger events' reach IMHA through the IMHA SharePoint Portal ('IMHA SharePoint portal notification').
   */
  automated: boolean;
  /**
   * Table 1 'Timeframe for data entry', as written.
   */
  timeframe_text: string;
  /**
   * The deadline rule (deadline-rules collection) that holds this timeframe; pages and tables state the period from it.
   */
  rule: string;
  /**
   * The timeframe in hours; null if not in hours.
   */
  timeframe_hours?: number | null;
  /**
   * What the timeframe runs from: 'event' (hours after the event) or 'event-month' (by a day of the month after the month in which the event occurred).
   */
  after: "event" | "event-month";
  /**
   * For a monthly upload: the day of each month it is due by.
   */
  monthly_by_day?: number | null;
  /**
   * For a monthly upload: the first due date.
   */
  monthly_first_due?: string | null;
  /**
   * Table 1 note *: where data entry cannot occur until after the event has concluded, no more than this many hours after it concluded. The protocol does not name the events concerned.
   */
  concluded_event_hours?: number | null;
  /**
   * Table 1 'Responsibility' column, as written. Note **: local policies may give other staff these responsibilities; administrative staff are expected to do the data entry.
   */
  responsibility: string;
  /**
   * Who is responsible for the notification the timeframe times: the Responsibility column's duty holder, unless the protocol puts that step on someone else (see responsible_note).
   */
  responsible: "authorised-psychiatrist" | "designated-mental-health-service" | "forensicare" | "mht";
  /**
   * Where `responsible` is not the Responsibility column's duty holder: why, quoted and cited.
   */
  responsible_note?: string | null;
  /**
   * True where the Mental Health Tribunal, not the mental health and wellbeing service, notifies IMHA ('mental health and wellbeing services are not required to provide notice of MHT hearings. These will be provided by MHT to IMHA.').
   */
  mht_notifies: boolean;
  /**
   * Sections of the Mental Health and Wellbeing Act 2022 (Vic) the protocol names for this event, e.g. 's 200'.
   */
  sections?: string[];
  /**
   * Terms defined in Table 1's 'Definitions' column.
   */
  definitions?: Definition[];
  /**
   * Other text of the Definitions column, as written.
   */
  definition_notes?: string | null;
  /**
   * The matching row of the intake response-time table ('Type of notification').
   */
  intake_notification_type?: string | null;
  /**
   * That row's 'Source' column, as written.
   */
  intake_source?: string | null;
  /**
   * IMHA's indicative intake advocate response time in hours; null where the row gives none or gives different times by setting (see intake_response_by_setting).
   */
  intake_response_hours?: number | null;
  /**
   * That row's 'Intake Advocate response time', as written.
   */
  intake_response_text?: string | null;
  intake_response_by_setting?: IntakeResponseBySetting[];
  /**
   * Notes in that row's 'Type of notification' cell.
   */
  intake_notes?: string | null;
  /**
   * What the protocol's text says elsewhere about this event.
   */
  notes?: string | null;
  /**
   * Circumstances in which IMHA receives no notification of this event.
   */
  exceptions?: NotificationException[];
}
/**
 * When the law a record states is in force: first and last day, each with the provision that says so.
 *
 * Like OpenFisca's dated parameters. `from` is null, with `from_source` "not stated in the sources", where
 * neither the sources nor FACTS.md state a commencement (a guideline's publication date is not one);
 * `to` is null while the law is current.
 */
export interface InForce {
  /**
   * First day in force; null when not stated in the sources.
   */
  from: string | null;
  /**
   * The commencement provision, or the marker 'not stated in the sources'.
   */
  from_source: Source | "not stated in the sources";
  /**
   * Last day in force; null while in force.
   */
  to?: string | null;
  /**
   * The provision that ended it (with `to`).
   */
  to_source?: Source | null;
  /**
   * What the sources do say about when it applies.
   */
  note?: string | null;
}
/**
 * A term the Definitions column of Table 1 defines, with its meaning as written there.
 */
export interface Definition {
  term: string;
  meaning: string;
}
/**
 * An intake response time that the response-time table gives separately for inpatients and the community.
 */
export interface IntakeResponseBySetting {
  setting: "inpatient" | "community";
  hours: number;
  /**
   * The cell as written, e.g. 'Community 48 hrs (2 days)'.
   */
  text: string;
}
/**
 * A circumstance in which, the protocol says, IMHA receives no notification of the event, and what happens instead.
 *
 * Then the row's timeframe has nothing to time: a result says so and gives no due time.
 */
export interface NotificationException {
  /**
   * Stable id: never changes once published.
   */
  id: string;
  /**
   * weekend: the event falls on a Saturday or Sunday in Melbourne (not a public holiday on a weekday).
   */
  when: "weekend";
  /**
   * The circumstance, in plain English, e.g. 'an urgent MHT hearing on the weekend'.
   */
  circumstance: string;
  /**
   * What the protocol says happens instead, in plain English.
   */
  instead: string;
  /**
   * The protocol's words, verbatim.
   */
  quote: string;
  source: Source;
  in_force: InForce;
}
