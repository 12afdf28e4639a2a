/**
 * The checklists collection file of the Victorian Obligations Toolkit dataset (dataset/checklists.json).
 * Generated from schemas/checklists.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface ChecklistsFile {
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
  records: Checklist[];
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
 * A threshold checklist: questions in the order they are asked, and outcomes in the order they are tested.
 */
export interface Checklist {
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
  title: string;
  description: string;
  /**
   * @minItems 1
   */
  questions: [Question, ...Question[]];
  /**
   * @minItems 2
   */
  outcomes: [Outcome, Outcome, ...Outcome[]];
  record_keeping?: RecordKeeping[];
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
 * One question, asked only when `ask_if` holds; `reasons` explain what each answer means in law.
 */
export interface Question {
  key: string;
  text: string;
  hint?: string | null;
  kind: "yes-no" | "choice" | "lookup" | "number";
  /**
   * For choice questions.
   */
  choices?: Choice[];
  /**
   * A choice question where the source asks about 'any of' a list: several answers may be given at once (comma-separated), and a condition on one of them holds when it is among them. A 'none' choice stands alone.
   */
  any_of?: boolean;
  /**
   * For lookup questions: the collection the answer is an id of.
   */
  lookup?: string | null;
  ask_if?: AnswerIs | AnswerIn | LookupIs | RatioAtLeast | AllOf | AnyOf | Negation | null;
  /**
   * Answer value (or '*' for any) → plain-English consequence.
   */
  reasons?: {
    [k: string]: string | undefined;
  };
  citation: string;
}
/**
 * One allowed answer to a choice question.
 */
export interface Choice {
  value: string;
  label: string;
}
export interface AnswerIs {
  answer: string;
  is: string;
}
export interface AnswerIn {
  answer: string;
  /**
   * @minItems 1
   */
  in: [string, ...string[]];
}
export interface LookupIs {
  lookup: string;
  field: string;
  is: string | boolean | null;
}
export interface RatioAtLeast {
  /**
   * @minItems 2
   * @maxItems 2
   */
  ratio: [unknown, unknown];
  at_least: string;
}
export interface AllOf {
  /**
   * @minItems 1
   */
  all: [
    AnswerIs | AnswerIn | LookupIs | RatioAtLeast | AllOf | AnyOf | Negation,
    ...(AnswerIs | AnswerIn | LookupIs | RatioAtLeast | AllOf | AnyOf | Negation)[]
  ];
}
export interface AnyOf {
  /**
   * @minItems 1
   */
  any: [
    AnswerIs | AnswerIn | LookupIs | RatioAtLeast | AllOf | AnyOf | Negation,
    ...(AnswerIs | AnswerIn | LookupIs | RatioAtLeast | AllOf | AnyOf | Negation)[]
  ];
}
export interface Negation {
  not: AnswerIs | AnswerIn | LookupIs | RatioAtLeast | AllOf | AnyOf | Negation;
}
/**
 * A possible result: the first outcome whose condition holds, once every earlier one fails, is the answer.
 */
export interface Outcome {
  id: string;
  when: AnswerIs | AnswerIn | LookupIs | RatioAtLeast | AllOf | AnyOf | Negation;
  /**
   * The answer in one line, e.g. 'You must not share this information'.
   */
  label: string;
  summary: string;
  next_steps?: string[];
  citation: string;
  /**
   * Whether the checklist's record-keeping list applies (the items whose applies_to names this outcome, or is null).
   */
  record_keeping?: boolean;
  /**
   * A provider event (provider-events collection) whose deadline rules are this outcome's time limits: every rule that may apply, the shortest first, each with its condition.
   */
  event?: string | null;
}
/**
 * What must be recorded, the provision that says so, and the outcomes it applies to.
 */
export interface RecordKeeping {
  text: string;
  citation: string;
  /**
   * The outcome ids this item applies to, by what happened (a request received, a disclosure, a refusal); null: every outcome that has record keeping.
   */
  applies_to?: string[] | null;
}
