/**
 * The social-services collection file of the Victorian Obligations Toolkit dataset (dataset/social-services.json).
 * Generated from schemas/social-services.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface SocialServicesFile {
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
  records: SocialService[];
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
 * One social service prescribed by SSR 2023 reg 5, with what its definition includes and excludes.
 *
 * Reg 5 prescribes nine social services for the definition of social service in s 3(1) of the Social
 * Services Regulation Act 2021 (Vic). Six are defined by their own regulation (regs 6–11); child
 * protection services and secure welfare services are defined in reg 4; supported residential
 * service takes its meaning from s 214(1) of the Act (reg 4), which is not in the sources.
 */
export interface SocialService {
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
   * Order in reg 5 (1 = paragraph (a)).
   */
  position: number;
  /**
   * The paragraph letter of reg 5, e.g. 'a'.
   */
  paragraph: string;
  /**
   * The service as reg 5 names it, verbatim, e.g. 'child protection services'.
   */
  name: string;
  /**
   * Where the regulations define the service, e.g. 'reg 6' or 'reg 4'.
   */
  defined_in: string;
  /**
   * The defining words, verbatim, up to the list of what the service includes (or the whole definition where it has no list).
   */
  definition?: string | null;
  /**
   * The services or activities the definition lists, in order, verbatim; a paragraph with sub-paragraphs is one string with the sub-paragraphs inline, labels kept.
   */
  includes?: string[];
  /**
   * What the definition says the service as a whole does not include, verbatim. Exclusions inside one listed item (e.g. 'other than long-term social housing services') stay in that item's text.
   */
  excludes?: string[];
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
