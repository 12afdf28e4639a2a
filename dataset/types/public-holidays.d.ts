/**
 * The public-holidays collection file of the Victorian Obligations Toolkit dataset (dataset/public-holidays.json).
 * Generated from schemas/public-holidays.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface PublicHolidaysFile {
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
  records: PublicHoliday[];
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
 * One public holiday in Victoria, with any caveat a deadline relying on it must carry.
 */
export interface PublicHoliday {
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
  date: string;
  name: string;
  /**
   * True when the date is an estimate not yet fixed (a future AFL Grand Final Friday).
   */
  estimated: boolean;
  /**
   * A warning to give when a result relies on this day.
   */
  caveat?: string | null;
}
