/**
 * The cmpr-support-periods collection file of the Victorian Obligations Toolkit dataset (dataset/cmpr-support-periods.json).
 * Generated from schemas/cmpr-support-periods.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface CmprSupportPeriodsFile {
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
  records: SupportPeriodTier[];
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
 * One tier of the standardised mix of hours from which the total number of support periods is set.
 *
 * The FAQ: "The total number of support periods will be from a standardised mix of hours based on
 * the following tiers". Services count total support periods only, not support periods by tier.
 */
export interface SupportPeriodTier {
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
   * Order in the FAQ's list.
   */
  position: number;
  /**
   * The tier as the FAQ names it, e.g. 'average brief'.
   */
  name: string;
  /**
   * The tier's average hours.
   */
  hours: number;
  /**
   * The hours as written, e.g. '10 hour'.
   */
  hours_text: string;
  /**
   * What the tier covers, where the source says.
   */
  covers?: string | null;
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
