/**
 * The overridden-provisions collection file of the Victorian Obligations Toolkit dataset (dataset/overridden-provisions.json).
 * Generated from schemas/overridden-provisions.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface OverriddenProvisionsFile {
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
  records: OverriddenProvision[];
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
 * One row of Table 1 (provisions Part 6A overrides) or Table 2 (key provisions that continue to apply).
 */
export interface OverriddenProvision {
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
   * Order across the collection: Table 1 rows first, then Table 2, 1..n.
   */
  position: number;
  /**
   * overridden: Table 1, 'Legislative provisions overridden by Part 6A of the Child Wellbeing and Safety Act 2005'; continues-to-apply: Table 2, 'Key legislative provisions that continue to apply'.
   */
  status: "overridden" | "continues-to-apply";
  /**
   * The table's sub-heading the row sits under, verbatim.
   */
  category: string;
  /**
   * The first column, verbatim, e.g. 'Section 132ZC Disability Act 2006'.
   */
  legislation: string;
  /**
   * The Act named in the first column; null where the source names no single Act.
   */
  act: string | null;
  /**
   * Sections named in the first column, e.g. ['207(2)']; empty where none is named.
   */
  sections?: string[];
  /**
   * The second column, verbatim: for Table 1 'Information that can be shared under the Child Information Sharing Scheme', for Table 2 'Information that cannot be shared under the Child Information Sharing Scheme'. Bullet points are separated by newlines.
   */
  information: string;
  /**
   * Text the source prints directly after the row, verbatim.
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
