/**
 * The ciss-record-keeping collection file of the Victorian Obligations Toolkit dataset (dataset/ciss-record-keeping.json).
 * Generated from schemas/ciss-record-keeping.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface CissRecordKeepingFile {
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
  records: CissRecordKeepingDuty[];
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
 * One thing an information sharing entity records, in the situation the source gives it for.
 */
export interface CissRecordKeepingDuty {
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
   * Order across Chapter 5, 1..n.
   */
  position: number;
  situation: "request-received" | "disclosing" | "making-request" | "request-refused" | "complaint-received";
  /**
   * The source's words introducing the list the item is in, verbatim.
   */
  situation_text: string;
  /**
   * required: 'must be recorded' (the Child Wellbeing and Safety (Information Sharing) Regulations, as the chapter states them); good-practice: 'Good practice considerations', which the source says are not required by the Regulations.
   */
  obligation: "required" | "good-practice";
  /**
   * The item, verbatim.
   */
  what_to_record: string;
  /**
   * Sub-points of the item, verbatim, in order.
   */
  sub_items?: string[];
  /**
   * The source's 'Note:' on the item, verbatim.
   */
  note?: string | null;
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
