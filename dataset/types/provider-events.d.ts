/**
 * The provider-events collection file of the Victorian Obligations Toolkit dataset (dataset/provider-events.json).
 * Generated from schemas/provider-events.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface ProviderEventsFile {
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
  records: ProviderEvent[];
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
 * An event a registered social service provider may face, with the obligations it triggers.
 */
export interface ProviderEvent {
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
  name: string;
  description: string;
  /**
   * The date to enter: what starts the clock.
   */
  clock_starts: string;
  /**
   * The questions that decide which obligations apply, in order.
   */
  questions?: ScreeningQuestion[];
  obligations?: EventObligation[];
  /**
   * A checklist (checklists collection) that helps decide.
   */
  checklist?: string | null;
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
 * A question whose answer decides which of the event's rules apply (one at a time, on the page).
 */
export interface ScreeningQuestion {
  key: string;
  text: string;
  hint?: string | null;
  /**
   * The answers besides 'not-sure', which is always allowed.
   *
   * @minItems 2
   */
  choices: [ScreeningChoice, ScreeningChoice, ...ScreeningChoice[]];
  /**
   * Asked only after these answers (key: value).
   */
  ask_if?: {
    [k: string]: string | undefined;
  };
  /**
   * The provision that states the condition the question asks about.
   */
  citation: string;
}
/**
 * One answer to a screening question.
 */
export interface ScreeningChoice {
  value: string;
  label: string;
}
/**
 * A deadline rule that may follow from the event, and when it applies.
 */
export interface EventObligation {
  /**
   * An id in the deadline-rules collection.
   */
  rule: string;
  /**
   * The condition, in plain English, under which this rule applies.
   */
  applies_when: string;
  /**
   * The answers to the event's screening questions (key: value) under which the rule applies; empty when it applies whatever the answers.
   */
  when?: {
    [k: string]: string | undefined;
  };
}
