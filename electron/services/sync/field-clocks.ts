import type { Kysely, Transaction } from 'kysely';
import type { LocalDatabase } from '../database/schema';

type Db = Kysely<LocalDatabase> | Transaction<LocalDatabase>;

/** Column → clock of the value a row holds; empty for a row never written since clocks were kept per column. */
export async function readFieldClocks(db: Db, table: string, rowId: string): Promise<Record<string, string>> {
  const stored = await db.selectFrom('field_clocks').select('clocks').where('table_name', '=', table).where('row_id', '=', rowId).executeTakeFirst();
  return stored ? (JSON.parse(stored.clocks) as Record<string, string>) : {};
}

export async function writeFieldClocks(db: Db, table: string, rowId: string, clocks: Record<string, string>): Promise<void> {
  const text = JSON.stringify(clocks);
  await db
    .insertInto('field_clocks')
    .values({ table_name: table, row_id: rowId, clocks: text })
    .onConflict((oc) => oc.columns(['table_name', 'row_id']).doUpdateSet({ clocks: text }))
    .execute();
}
