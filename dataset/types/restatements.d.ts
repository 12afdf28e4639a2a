/**
 * The restatements collection file of the Victorian Obligations Toolkit dataset (dataset/restatements.json).
 * Generated from schemas/restatements.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface RestatementsFile {
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
  records: Restatement[];
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
 * One plain-English sentence that restates the law's words, with those words and the force they share.
 */
export interface Restatement {
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
  where: Place;
  /**
   * The sentence exactly as it appears at `where`, periods as `{period:RULE-ID}`.
   */
  plain: string;
  /**
   * The source's words that the sentence restates, verbatim.
   */
  verbatim: string;
  /**
   * The force words both texts carry, as the tests' classifier reads them; empty where both state the rule as a fact (a protection, an offer): then `keeps` holds the words that matter. An exception's 'not required under' reads as 'need not'.
   */
  force: ("must" | "must not" | "should" | "should not" | "may" | "need not" | "cannot")[];
  /**
   * The source's conditions or qualifiers that the sentence keeps word for word (e.g. 'provided the client has reached 25 years of age'): both texts contain each.
   */
  keeps?: string[];
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
 * Where a plain-English sentence is: a file of the repository and a place in it.
 */
export interface Place {
  /**
   * The file, from the repository's root: 'docs/guides/imha-opt-out.md' or 'dataset/checklists.json'.
   */
  file: string;
  /**
   * In a page, the heading of the section the sentence is in (without the #s). In a dataset file, the path to the text, '/' between steps: a record, outcome, question or obligation by its id, key or rule, a list item by its position from 0, e.g. 'ciss-sharing/outcomes/must-share/next_steps'; the last step may be a list of texts, one of which holds the sentence.
   */
  locator: string;
}
