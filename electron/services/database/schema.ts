import type { Generated, Insertable, Selectable } from 'kysely';

/** The local database as the current code sees it. Migrations do not use these types. */
export interface LocalDatabase {
  meta: MetaTable;
  companies: CompanyTable;
  contacts: ContactTable;
  outbox: OutboxTable;
  schema_migrations: SchemaMigrationTable;
  instruments: InstrumentTable;
  assessments: AssessmentTable;
  assessment_instruments: AssessmentInstrumentTable;
  answers: AnswerTable;
  dimension_targets: DimensionTargetTable;
  assessment_positions: AssessmentPositionTable;
  roadmap_steps: RoadmapStepTable;
  settings: SettingsTable;
  directory_entries: DirectoryEntryTable;
  field_clocks: FieldClockTable;
  conflicts: ConflictTable;
  annotations: AnnotationTable;
  catalogues: CatalogueTable;
  parked_rows: ParkedRowTable;
  advisers: AdviserTable;
  company_advisers: CompanyAdviserTable;
  erasures: ErasureTable;
  scored_assessments: ScoredAssessmentTable;
  assessment_scores: AssessmentScoreTable;
  assessment_barriers: AssessmentBarrierTable;
  directory_entry_owners: DirectoryEntryOwnerTable;
}

export interface MetaTable {
  key: string;
  value: string;
}

interface SyncedColumns {
  id: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

export interface CompanyTable extends SyncedColumns {
  name: string;
  registration_number: string;
  nace_code: string;
  employee_band: string;
  turnover_band: string;
  street: string;
  town: string;
  postcode: string;
  region: string;
  country: string;
  consent_to_share: number;
  consent_date: string | null;
}
export type CompanyRow = Selectable<CompanyTable>;

export interface ContactTable extends SyncedColumns {
  company_id: string;
  position: number;
  name: string;
  role: string;
  email: string;
  phone: string;
}
export type ContactRow = Selectable<ContactTable>;

export interface OutboxTable {
  seq: Generated<number>;
  change_id: string;
  table_name: string;
  row_id: string;
  operation: 'upsert' | 'delete';
  hlc: string;
  base_hlc: string | null;
  changes: string;
  schema_version: number;
  created_at: string;
  sent_at: string | null;
  /** Column → the clock of the value this change replaced (JSON); null for changes made before per-column clocks. */
  replaced: string | null;
  /** Why the hub refused the change; a refused change stays here and is not sent again. */
  rejected_reason: string | null;
}
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;

export interface SchemaMigrationTable {
  name: string;
  applied_at: string;
}

export interface InstrumentTable {
  id: string;
  version: string;
  /** The instrument as JSON, exactly as published. */
  definition: string;
  source: 'builtin' | 'hub' | 'file';
  received_at: string;
}

export interface AssessmentTable extends SyncedColumns {
  company_id: string;
  kind: 'baseline' | 'follow-up';
  baseline_id: string | null;
  revision_of: string | null;
  status: 'draft' | 'finalised' | 'superseded';
  visit_date: string;
  people_present: string;
  report_language: string;
  finalised_at: string | null;
}
export type AssessmentRow = Selectable<AssessmentTable>;

export interface AssessmentInstrumentTable extends SyncedColumns {
  assessment_id: string;
  instrument_id: string;
  instrument_version: string;
  position: number;
}

export interface AnswerTable extends SyncedColumns {
  assessment_id: string;
  instrument_id: string;
  question_id: string;
  /** The answer as JSON, or null when not (yet) answered. */
  value: string | null;
  not_applicable: number;
  note: string;
  flagged: number;
}
export type AnswerRow = Selectable<AnswerTable>;

export interface DimensionTargetTable extends SyncedColumns {
  assessment_id: string;
  instrument_id: string;
  dimension_id: string;
  target: number | null;
  importance: number | null;
}
export type DimensionTargetRow = Selectable<DimensionTargetTable>;

export interface DirectoryEntryTable extends SyncedColumns {
  directory: 'peers' | 'intermediaries' | 'trainingProviders' | 'fundingSchemes';
  /** The entry as JSON, in the catalogue's directory format. */
  entry: string;
}
export type DirectoryEntryRow = Selectable<DirectoryEntryTable>;

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AssessmentPositionTable {
  assessment_id: string;
  instrument_id: string;
  question_id: string;
  updated_at: string;
}

export interface RoadmapStepTable extends SyncedColumns {
  assessment_id: string;
  catalogue_step_id: string | null;
  catalogue_version: string | null;
  origin: 'generated' | 'custom' | 'carried';
  horizon: 'now' | 'next' | 'later';
  position: number;
  title: string | null;
  description: string | null;
  effort_days: number | null;
  cost_band: string | null;
  kpi: string | null;
  owner: string;
  target_month: string | null;
  status: 'planned' | 'in-progress' | 'done' | 'dropped' | null;
  carried_from: string | null;
  edited: number;
  pinned: number;
  /** Why the generator proposed the step, as JSON. */
  why: string;
  enabler: string | null;
}
export type RoadmapStepRow = Selectable<RoadmapStepTable>;

export interface FieldClockTable {
  table_name: string;
  row_id: string;
  /** Column → clock of the value the row holds, as JSON. */
  clocks: string;
}

/** A concurrent edit the hub recorded: the value that won by clock and the one that lost. */
export interface ConflictTable extends SyncedColumns {
  table_name: string;
  row_id: string;
  field: string;
  kept_value: string | number | null;
  kept_hlc: string | null;
  other_value: string | number | null;
  other_hlc: string | null;
  status: string;
  resolved_at: string | null;
  resolution: string | null;
}
export type ConflictRow = Selectable<ConflictTable>;

export interface AnnotationTable extends SyncedColumns {
  company_id: string;
  assessment_id: string | null;
  body: string;
  author: string;
}

/** Roadmap catalogue versions the programme office published. */
export interface CatalogueTable {
  version: string;
  definition: string;
  received_at: string;
}

export interface ParkedRowTable {
  table_name: string;
  row_id: string;
  /** The pulled values and their clocks, as JSON, waiting for the row's parent. */
  row_values: string;
  clocks: string;
  reason: string;
  parked_at: string;
}

/** Tables whose rows travel to the hub; every write to them goes through the outbox. */
export type SyncedTable =
  | 'companies'
  | 'contacts'
  | 'assessments'
  | 'assessment_instruments'
  | 'answers'
  | 'dimension_targets'
  | 'roadmap_steps'
  | 'directory_entries'
  | 'annotations';

/** Tables a device records changes to: its own synced tables and, to mark one resolved, conflicts. */
export type RecordedTable = SyncedTable | 'conflicts';

/** The programme's advisers, as the hub names them to the programme office. */
export interface AdviserTable {
  id: string;
  name: string;
}

export interface CompanyAdviserTable {
  company_id: string;
  adviser_id: string;
}

export interface ErasureTable {
  company_id: string;
  erased_at: string;
}

/** Assessments whose derived scores are current; triggers strike one off when its answers change. */
export interface ScoredAssessmentTable {
  assessment_id: string;
}

export interface AssessmentScoreTable {
  assessment_id: string;
  instrument_id: string;
  dimension_id: string;
  score: number | null;
  band_id: string | null;
}

export interface AssessmentBarrierTable {
  assessment_id: string;
  barrier_id: string;
  rating: number;
}

/** Whose a pulled directory entry is: an adviser's user id, or null when the programme office published it. */
export interface DirectoryEntryOwnerTable {
  entry_id: string;
  owner_user_id: string | null;
}
