import { sql, type RawBuilder } from 'kysely';
import type { HubDialect } from '../migrations/hub';
import { chunks } from './database';

/**
 * Bulk statements written once per database. SQLite takes long lists as bound parameters (in
 * slices under its limit). PostgreSQL plans a statement with thousands of parameters slowly, so
 * there a whole list travels as one array parameter and rows as one array per column (`unnest`).
 */

/** Slices of `ids`, each small enough to use with `idIn` in one statement. */
export function idSlices<T>(dialect: HubDialect, ids: readonly T[], parametersPerItem = 1): T[][] {
  if (ids.length === 0) return [];
  return dialect === 'postgres' ? [[...ids]] : chunks(ids, parametersPerItem);
}

/**
 * `column IN (...)`, with one array parameter on PostgreSQL. There it is a semi-join with `unnest`
 * rather than `= any(array)`: PostgreSQL estimates an unnested parameter at a few rows and probes
 * the index for each id, whereas with `= any` and statistics that lag behind a bulk load it
 * sometimes scans the whole programme.
 */
export function idIn(dialect: HubDialect, column: string, ids: readonly string[]): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} in (select unnest(${[...ids]}::text[]))`
    : sql<boolean>`${sql.ref(column)} in (${sql.join([...ids])})`;
}

export type ColumnType = 'text' | 'bigint';

/** `SELECT * FROM unnest($1::text[], …)` over rows given as records: the PostgreSQL form of a multi-row VALUES. */
export function unnestRows<R extends Record<string, unknown>>(columns: readonly { name: keyof R & string; type: ColumnType }[], rows: readonly R[]): RawBuilder<unknown> {
  const arrays = columns.map(({ name, type }) => sql`${rows.map((row) => row[name])}::${sql.raw(type)}[]`);
  return sql`select * from unnest(${sql.join(arrays)})`;
}
