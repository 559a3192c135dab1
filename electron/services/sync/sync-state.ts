import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { IdentitySchema, type Identity } from '../../../shared/sync/protocol';
import { SyncProblemCodeSchema } from '../../../shared/sync/operations';
import type { LocalDatabase } from '../database/schema';

type Db = Kysely<LocalDatabase> | Transaction<LocalDatabase>;

/**
 * What the device remembers about its hub, in `meta` so a second process (the CLI beside the
 * running app) sees the same enrolment and status.
 */
const keys = {
  hubUrl: 'sync_hub_url',
  token: 'sync_token',
  tokenIssuedAt: 'sync_token_issued_at',
  identity: 'sync_identity',
  privateKey: 'sync_private_key',
  cursor: 'sync_cursor',
  lastSyncedAt: 'sync_last_synced_at',
  problem: 'sync_problem',
  batch: 'sync_batch',
  restore: 'sync_restore',
  compactionPending: 'sync_compaction_pending',
} as const;
type Key = keyof typeof keys;

export const ProblemSchema = z.object({ code: SyncProblemCodeSchema, detail: z.string() });
export type SyncProblem = z.infer<typeof ProblemSchema>;

export interface Enrolment {
  hubUrl: string;
  token: string;
  identity: Identity;
  /** The device's Ed25519 private key, PKCS8 DER in base64, for signing bundles. */
  privateKey: string;
}

/** The last batch pushed and its id, so a retry of exactly those changes reuses the id. */
const BatchSchema = z.object({ key: z.string(), batchId: z.string() });

/** Set when the hub knew more of this device than the device did: it was restored from a backup. */
export const RestoreSchema = z.object({
  detectedAt: z.string(),
  hubLastHlc: z.string().nullable(),
  hubChangeCount: z.number(),
  localChangeCount: z.number(),
});
export type RestoreRecord = z.infer<typeof RestoreSchema>;

async function read(db: Db, key: Key): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', keys[key]).executeTakeFirst();
  return row?.value ?? null;
}

async function write(db: Db, key: Key, value: string | null): Promise<void> {
  if (value === null) {
    await db.deleteFrom('meta').where('key', '=', keys[key]).execute();
    return;
  }
  await db
    .insertInto('meta')
    .values({ key: keys[key], value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

async function readJson<S extends z.ZodType>(db: Db, key: Key, schema: S): Promise<z.infer<S> | null> {
  const text = await read(db, key);
  if (text === null) return null;
  const parsed = schema.safeParse(JSON.parse(text));
  return parsed.success ? (parsed.data as z.infer<S>) : null;
}

export const syncState = {
  async enrolment(db: Db): Promise<Enrolment | null> {
    const [hubUrl, token, identity, privateKey] = await Promise.all([
      read(db, 'hubUrl'),
      read(db, 'token'),
      readJson(db, 'identity', IdentitySchema),
      read(db, 'privateKey'),
    ]);
    return hubUrl && token && identity && privateKey ? { hubUrl, token, identity, privateKey } : null;
  },

  async saveEnrolment(trx: Transaction<LocalDatabase>, enrolment: Enrolment, tokenIssuedAt: string): Promise<void> {
    await write(trx, 'hubUrl', enrolment.hubUrl);
    await syncState.saveToken(trx, enrolment.token, tokenIssuedAt);
    await write(trx, 'identity', JSON.stringify(enrolment.identity));
    await write(trx, 'privateKey', enrolment.privateKey);
  },

  /** When this device received its current token, by its own clock; null if it never recorded it. */
  tokenIssuedAt: (db: Db) => read(db, 'tokenIssuedAt'),

  /** A transaction, so the token and its issue time are never out of step. */
  async saveToken(trx: Transaction<LocalDatabase>, token: string, issuedAt: string): Promise<void> {
    await write(trx, 'token', token);
    await write(trx, 'tokenIssuedAt', issuedAt);
  },

  /** Forgets the hub and everything learnt from it about this device's progress there. */
  async forgetHub(db: Db): Promise<void> {
    // A compaction still owed is about the file, not the hub: erased values must not outlive leaving it.
    for (const key of Object.keys(keys) as Key[]) if (key !== 'compactionPending') await write(db, key, null);
  },

  /** Starts over with a different hub: its cursor and watermarks mean nothing to the new one. */
  async resetProgress(db: Db): Promise<void> {
    for (const key of ['cursor', 'lastSyncedAt', 'batch', 'restore'] as const) await write(db, key, null);
  },

  cursor: (db: Db) => read(db, 'cursor'),
  saveCursor: (db: Db, cursor: string) => write(db, 'cursor', cursor),
  lastSyncedAt: (db: Db) => read(db, 'lastSyncedAt'),
  saveLastSyncedAt: (db: Db, at: string) => write(db, 'lastSyncedAt', at),
  problem: (db: Db) => readJson(db, 'problem', ProblemSchema),
  saveProblem: (db: Db, problem: SyncProblem | null) => write(db, 'problem', problem ? JSON.stringify(problem) : null),
  batch: (db: Db) => readJson(db, 'batch', BatchSchema),
  saveBatch: (db: Db, batch: z.infer<typeof BatchSchema>) => write(db, 'batch', JSON.stringify(batch)),
  restore: (db: Db) => readJson(db, 'restore', RestoreSchema),
  saveRestore: (db: Db, record: RestoreRecord) => write(db, 'restore', JSON.stringify(record)),
  /**
   * Set in the transaction that emptied erased values, cleared once the file is compacted: a pull
   * that stops after that transaction, or an app that quits, still owes the compaction next time.
   */
  compactionPending: async (db: Db) => (await read(db, 'compactionPending')) !== null,
  saveCompactionPending: (db: Db, pending: boolean) => write(db, 'compactionPending', pending ? '1' : null),
};
