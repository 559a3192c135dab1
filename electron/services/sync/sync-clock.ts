import type { Kysely, Transaction } from 'kysely';
import { HybridClock } from '../../../shared/sync/hlc';
import { newDeviceId } from '../../../shared/sync/uuidv7';
import type { LocalDatabase } from '../database/schema';

export type Now = () => number;

/**
 * The device's hybrid logical clock. The last value issued is stored with every write, in the same
 * transaction, so the clock never runs backwards after a restart even if the wall clock did.
 */
export class SyncClock {
  private constructor(
    private readonly clock: HybridClock,
    private readonly now: Now,
  ) {}

  static async load(db: Kysely<LocalDatabase>, now: Now = Date.now): Promise<SyncClock> {
    const rows = await db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['device_id', 'hlc_last']).execute();
    const meta = new Map(rows.map((row) => [row.key, row.value]));
    let deviceId = meta.get('device_id');
    if (!deviceId) {
      deviceId = newDeviceId();
      await db.insertInto('meta').values({ key: 'device_id', value: deviceId }).execute();
    }
    return new SyncClock(new HybridClock(deviceId, now, meta.get('hlc_last')), now);
  }

  get deviceId(): string {
    return this.clock.device;
  }

  /** Wall-clock time as ISO text, for created_at and deleted_at. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  async stamp(trx: Transaction<LocalDatabase>): Promise<string> {
    // Another process on the same data folder (the command line beside the app) may have received
    // a later clock from the hub; a change stamped below it would lose to a value it had seen.
    const stored = await this.last(trx);
    if (stored !== null && stored > this.clock.peek()) this.clock.receive(stored);
    const hlc = this.clock.tick();
    await this.persist(trx, hlc);
    return hlc;
  }

  /** Merges a clock seen from the hub or another device, so every later local change sorts after it. */
  async receive(db: Kysely<LocalDatabase> | Transaction<LocalDatabase>, remote: string): Promise<string> {
    const hlc = this.clock.receive(remote);
    await this.persist(db, hlc);
    return hlc;
  }

  /** The last clock value this device issued or received, as stored. */
  async last(db: Kysely<LocalDatabase> | Transaction<LocalDatabase>): Promise<string | null> {
    const row = await db.selectFrom('meta').select('value').where('key', '=', 'hlc_last').executeTakeFirst();
    return row?.value ?? null;
  }

  private async persist(db: Kysely<LocalDatabase> | Transaction<LocalDatabase>, hlc: string): Promise<void> {
    await db
      .insertInto('meta')
      .values({ key: 'hlc_last', value: hlc })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: hlc }))
      .execute();
  }
}
