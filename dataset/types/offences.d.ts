/**
 * The offences collection file of the Victorian Obligations Toolkit dataset (dataset/offences.json).
 * Generated from schemas/offences.schema.json by scripts/build_types.mjs: do not edit by hand.
 */

export interface OffencesFile {
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
  records: Offence[];
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
 * One offence: the provision creating it, what it is, and its maximum and infringement penalties.
 */
export interface Offence {
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
   * The Act creating the offence, e.g. 'Social Services Regulation Act 2021 (Vic)'.
   */
  act: string;
  /**
   * The provision, e.g. 's 47(1)'.
   */
  section: string;
  /**
   * What the offence is, where the source says.
   */
  description?: string | null;
  /**
   * The maximum penalty, where the source states it.
   */
  maximum_penalty?: PenaltyUnits | null;
  /**
   * Prescribed as an infringement offence (SSR 2023 reg 46, Sch 5).
   */
  infringement_offence: boolean;
  /**
   * The prescribed infringement penalty (SSR 2023 Sch 5, column 3).
   */
  infringement_penalty?: PenaltyUnits | null;
  /**
   * Who can commit the offence, where a source says more than the penalty does (e.g. a worker's duty priced with one figure); null where the penalty says it all.
   */
  committed_by?: CommittedBy | null;
  /**
   * Protections from liability and exemptions the source states with the offence (e.g. CISS Ministerial Guidelines, Chapter 6).
   */
  protections?: Protection[];
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
 * A penalty in penalty units, by kind of offender, exactly as the source gives it.
 */
export interface PenaltyUnits {
  individual?: string | null;
  body_corporate?: string | null;
  /**
   * A single figure the source gives without distinguishing offenders.
   */
  any_offender?: string | null;
  /**
   * Imprisonment where stated, e.g. '2 years'.
   */
  imprisonment?: string | null;
  /**
   * Where the figure is not stated by the offence provision itself (e.g. only in a prescribed form's words): what the sources do say, shown in the working, and with the refusal for an offender they give no figure for.
   */
  note?: string | null;
  /**
   * When this penalty is in force, where it differs from the offence's (for example an infringement penalty prescribed by a later regulation).
   */
  in_force?: InForce | null;
}
/**
 * Who can commit an offence, where a source settles it though the penalty is one figure for 'any offender'.
 */
export interface CommittedBy {
  /**
   * The kinds of offender who can commit it.
   *
   * @minItems 1
   */
  offenders: ["individual" | "body-corporate", ...("individual" | "body-corporate")[]];
  /**
   * Why, in plain English, from the cited provision.
   */
  reason: string;
  source: Source;
}
/**
 * A protection from liability, or a class of people an offence does not apply to, as the source states it.
 *
 * Shown with every penalty for the offence, so a worker sees the protection beside the fine.
 */
export interface Protection {
  /**
   * Stable id: never changes once published.
   */
  id: string;
  kind: "protection-from-liability" | "offence-does-not-apply";
  /**
   * What it means, in plain English.
   */
  summary: string;
  /**
   * The source's words, verbatim ('[...]' marks an omission).
   */
  quote: string;
  /**
   * The kinds of offender it can protect.
   *
   * @minItems 1
   */
  available_to: ["individual" | "body-corporate", ...("individual" | "body-corporate")[]];
  source: Source;
  in_force: InForce;
}
