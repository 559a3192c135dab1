/**
 * The tables that travel between devices and the hub, with the columns a change may carry and how
 * each row finds the firm it belongs to. The hub authorises from this, the device applies pulled
 * rows from this: a column not listed here is never written by sync on either side.
 */
export type Ownership =
  /** The row is a firm: it belongs to the adviser whose device created it. */
  | { kind: 'company' }
  /** The row hangs off a firm or an assessment through a column naming its parent. */
  | { kind: 'child'; parentTable: 'companies' | 'assessments'; column: string }
  /**
   * The row belongs to the user who wrote it and to no firm (an adviser's own directory entries);
   * written by the programme office it belongs to nobody, so the whole programme receives it.
   */
  | { kind: 'user' };

export interface SyncedTableSpec {
  columns: readonly string[];
  ownership: Ownership;
  /** Who may write the table: advisers their firms' data, the programme office annotations and programme-wide directory entries. */
  writers: readonly ('adviser' | 'office')[];
}

const synced = ['created_at', 'deleted_at'] as const;

export const syncedTables = {
  companies: {
    columns: [
      'name', 'registration_number', 'nace_code', 'employee_band', 'turnover_band', 'street', 'town', 'postcode',
      'region', 'country', 'consent_to_share', 'consent_date', ...synced,
    ],
    ownership: { kind: 'company' },
    writers: ['adviser'],
  },
  contacts: {
    columns: ['company_id', 'position', 'name', 'role', 'email', 'phone', ...synced],
    ownership: { kind: 'child', parentTable: 'companies', column: 'company_id' },
    writers: ['adviser'],
  },
  assessments: {
    columns: [
      'company_id', 'kind', 'baseline_id', 'revision_of', 'status', 'visit_date', 'people_present', 'report_language',
      'finalised_at', ...synced,
    ],
    ownership: { kind: 'child', parentTable: 'companies', column: 'company_id' },
    writers: ['adviser'],
  },
  assessment_instruments: {
    columns: ['assessment_id', 'instrument_id', 'instrument_version', 'position', ...synced],
    ownership: { kind: 'child', parentTable: 'assessments', column: 'assessment_id' },
    writers: ['adviser'],
  },
  answers: {
    columns: ['assessment_id', 'instrument_id', 'question_id', 'value', 'not_applicable', 'note', 'flagged', ...synced],
    ownership: { kind: 'child', parentTable: 'assessments', column: 'assessment_id' },
    writers: ['adviser'],
  },
  dimension_targets: {
    columns: ['assessment_id', 'instrument_id', 'dimension_id', 'target', 'importance', ...synced],
    ownership: { kind: 'child', parentTable: 'assessments', column: 'assessment_id' },
    writers: ['adviser'],
  },
  roadmap_steps: {
    columns: [
      'assessment_id', 'catalogue_step_id', 'catalogue_version', 'origin', 'horizon', 'position', 'title', 'description',
      'effort_days', 'cost_band', 'kpi', 'owner', 'target_month', 'status', 'carried_from', 'edited', 'pinned', 'why',
      'enabler', ...synced,
    ],
    ownership: { kind: 'child', parentTable: 'assessments', column: 'assessment_id' },
    writers: ['adviser'],
  },
  directory_entries: {
    columns: ['directory', 'entry', ...synced],
    ownership: { kind: 'user' },
    // The office's entries have no owner: every adviser of the programme receives them, none may change them.
    writers: ['adviser', 'office'],
  },
  annotations: {
    columns: ['company_id', 'assessment_id', 'body', 'author', ...synced],
    ownership: { kind: 'child', parentTable: 'companies', column: 'company_id' },
    writers: ['office'],
  },
} as const satisfies Record<string, SyncedTableSpec>;

export type SyncedTableName = keyof typeof syncedTables;
export const syncedTableNames = Object.keys(syncedTables) as SyncedTableName[];

export function isSyncedTable(name: string): name is SyncedTableName {
  return Object.hasOwn(syncedTables, name);
}

/**
 * Tables only the hub writes, which devices receive with the pull: conflict records (a device may
 * only mark one resolved), instrument and catalogue versions the programme office published, and
 * the firms the office erased (row id = the firm's id), which every device scrubs on receipt.
 */
export const hubTables = {
  conflicts: {
    columns: [
      'table_name', 'row_id', 'field', 'kept_value', 'kept_hlc', 'other_value', 'other_hlc', 'status', 'resolved_at',
      'resolution', 'created_at', 'deleted_at',
    ],
  },
  published_instruments: { columns: ['instrument_id', 'version', 'definition', 'created_at', 'deleted_at'] },
  published_catalogues: { columns: ['version', 'definition', 'created_at', 'deleted_at'] },
  erasures: { columns: ['company_id', 'erased_at', 'created_at', 'deleted_at'], since: 2 },
} as const satisfies Record<string, { columns: readonly string[]; since?: number }>;
export type HubTableName = keyof typeof hubTables;

/**
 * Hub tables a device on an older change schema does not know. It would refuse a whole pull page
 * holding one of their rows and stop syncing, so the hub leaves them out for it; what matters
 * reaches it anyway (an erased firm's emptied values travel as ordinary rows).
 */
export function tablesUnknownTo(schemaVersion: number): HubTableName[] {
  return (Object.keys(hubTables) as HubTableName[]).filter((name) => {
    const spec = hubTables[name];
    return ('since' in spec ? spec.since : 1) > schemaVersion;
  });
}

/** What a device may change in a conflict record: that it was resolved, how and when. */
export const conflictResolutionColumns = ['status', 'resolved_at', 'resolution'] as const;

/**
 * Columns that identify or describe people: removed when a firm is erased, and left out of every
 * export of a firm that has not consented to share. What stays (sector, size band, region, scores)
 * describes the firm only as one of many.
 */
export const personalColumns = {
  companies: ['name', 'registration_number', 'street', 'town', 'postcode'],
  contacts: ['name', 'role', 'email', 'phone'],
  assessments: ['people_present'],
  answers: ['note'],
  roadmap_steps: ['owner'],
  annotations: ['body', 'author'],
} as const satisfies Partial<Record<SyncedTableName, readonly string[]>>;
