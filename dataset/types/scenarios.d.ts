/**
 * The scenarios collection file of the Victorian Obligations Toolkit dataset (dataset/scenarios.json).
 * Generated from schemas/scenarios.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface ScenariosFile {
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
  records: Scenario[];
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
 * A story, the calculator inputs, the expected answer and the law, ready to embed in a course.
 *
 * Each scenario names the golden case (tests/cases/<golden_case>.json) it is drawn from; the tests check
 * that its inputs and expected answer are the golden case's and that the engine gives that answer.
 */
export interface Scenario {
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
  title: string;
  /**
   * The situation, told as a trainer would tell it.
   */
  story: string;
  /**
   * What the learner is asked to work out.
   */
  question: string;
  calculator: "penalty" | "deadline" | "notify" | "obligations" | "check" | "retention";
  /**
   * The id of the golden case this scenario is drawn from.
   */
  golden_case: string;
  /**
   * The command line (without `python -m calculators`).
   *
   * @minItems 1
   */
  args: [string, ...string[]];
  /**
   * Result keys and their expected values (a subset of the result).
   */
  expected: {
    [k: string]: unknown | undefined;
  };
  /**
   * The answer in plain English, as the learner should find it.
   */
  answer: string;
  /**
   * The embed page, pre-filled, relative to the site root.
   */
  embed: string;
}
