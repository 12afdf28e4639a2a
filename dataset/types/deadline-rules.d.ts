/**
 * The deadline-rules collection file of the Victorian Obligations Toolkit dataset (dataset/deadline-rules.json).
 * Generated from schemas/deadline-rules.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface DeadlineRulesFile {
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
  records: DeadlineRule[];
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
 * One timeframe set by an Act, a regulation, or a protocol or guideline.
 */
export interface DeadlineRule {
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
   * Short name, e.g. 'Notify a change to key personnel'.
   */
  title: string;
  /**
   * What must be done, and by whom.
   */
  obligation: string;
  /**
   * What starts the clock, in the source's words where possible.
   */
  trigger: string;
  /**
   * How many units; null for annual dates or no period. Checklists, provider events and the site's pages state it only through this field (issue 17).
   */
  period?: number | null;
  convention:
    | "statutory-days"
    | "plain-days"
    | "elapsed-hours"
    | "calendar-months"
    | "calendar-years"
    | "day-of-following-month"
    | "annual-dates"
    | "length-in-days"
    | "not-computable";
  /**
   * legislation: an Act or regulation (s 44 applies); protocol: a protocol or guideline.
   */
  basis: "legislation" | "protocol";
  /**
   * deadline: a time limited for doing a thing (s 44 rolls it past holidays); waiting-period: something may be done only after the period has elapsed, so the earliest day is the day after the period's last day; window: the last day of a period in which something may be done; length: a length of time, not counted from an event, so no date is computed (convention length-in-days). Only deadlines roll over.
   */
  kind?: "deadline" | "waiting-period" | "window" | "length";
  /**
   * 'MM-DD' dates, for annual-dates rules.
   */
  annual_dates?: string[];
  /**
   * The words of the source that set the timeframe.
   */
  quote: string;
  /**
   * Further conditions the source attaches, which the period does not count.
   */
  conditions?: RuleCondition[];
  notes?: string | null;
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
 * A further condition the source attaches to the period, so the period alone does not settle the date.
 */
export interface RuleCondition {
  /**
   * minimum-age: a person must also have reached an age.
   */
  kind: "minimum-age";
  /**
   * Whose age.
   */
  of: "client";
  years: number;
  /**
   * The source's words for the condition, verbatim.
   */
  quote: string;
}
