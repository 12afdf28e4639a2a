/**
 * The prescribed-entities collection file of the Victorian Obligations Toolkit dataset (dataset/prescribed-entities.json).
 * Generated from schemas/prescribed-entities.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface PrescribedEntitiesFile {
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
  records: PrescribedEntity[];
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
 * One prescribed organisation or service as listed in Appendix 2, with the legal description given for it.
 *
 * Appendix 2 sometimes lists several organisations or services one after another and gives a single
 * description after them. Each name is one record and `listed_with` names the others in that group. The
 * group's description is repeated on each of them where it plainly covers them all; where its words describe
 * only some of them (or it is unclear that it covers the others), it is given only to the name(s) it describes
 * or is printed directly under, and the others are null.
 */
export interface PrescribedEntity {
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
   * Order in Appendix 2, 1..n.
   */
  position: number;
  /**
   * The heading the entry sits under, as written in Appendix 2; null for the first table, which has no heading in the source.
   */
  sector: string | null;
  /**
   * The prescribed organisation or service as listed (first column).
   */
  name: string;
  /**
   * Programs or roles the source lists as included ('..., including:'), in source order.
   */
  includes?: string[];
  /**
   * The source's 'Description of information sharing entity', verbatim; several bullet points are separated by newlines. Null where the source gives none for this name.
   */
  legal_description: string | null;
  /**
   * Ids of other entries listed together with this one before a single description in the source.
   *
   * Items: Stable id: never changes once published.
   */
  listed_with?: string[];
  /**
   * A restricted information sharing entity: may request and collect information, may not disclose it.
   */
  restricted: boolean;
  /**
   * The source's words on the restriction, where restricted.
   */
  restriction?: string | null;
  /**
   * A note the source prints against the entry, verbatim.
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
