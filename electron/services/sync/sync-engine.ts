import crypto from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/result';
import { MAX_BATCH_CHANGES, type DeviceWatermark } from '../../../shared/sync/protocol';
import type { SyncStatus } from '../../../shared/sync/operations';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { LocalDatabase } from '../database/schema';
import type { InstrumentStore } from '../instruments/instrument-store';
import { applyPulledPage } from './apply-pulled-rows';
import { compactAfterErasure } from './erase-locally';
import { HubClient, HubRequestError, type FetchLike } from './hub-client';
import { countPendingChanges, countRejectedChanges } from './outbox';
import { applyOutcomes, countAcknowledgedChanges, countRecordedChanges, markRejected, nextChanges, type QueuedChange } from './outbox-queue';
import type { SyncClock } from './sync-clock';
import { syncState, type Enrolment, type SyncProblem } from './sync-state';

export type Sleep = (ms: number) => Promise<void>;

export interface SyncEngineOptions {
  db: Kysely<LocalDatabase>;
  clock: SyncClock;
  instruments: InstrumentStore;
  fetch?: FetchLike;
  /** Waits between retries after a 429; tests pass one that returns at once and records the wait. */
  sleep?: Sleep;
  deviceName?: string;
  timeoutMs?: number;
  log?: (message: string) => void;
  /** The database's pre-migration backups folder, emptied with the compaction after an erasure; null in memory. */
  backupDirectory?: string | null;
}

/** How often a push or pull is retried after 429 before the run stops with rate_limited. */
const RATE_LIMIT_RETRIES = 3;
/** However long the hub asks for, one wait never blocks a sync run for longer than this. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** A token older than this is replaced at the end of the next successful run, so a copied token does not work for ever. */
export const TOKEN_MAX_AGE_MS = 30 * 24 * 3_600_000;

const notEnrolled = () =>
  new AppError('conflict', 'This device is not enrolled with a programme office hub yet. Enrol it with the hub address and a code from the programme office first.');

function problemOf(error: unknown): SyncProblem {
  if (error instanceof HubRequestError) return { code: error.problem, detail: error.message };
  return { code: 'server_error', detail: `This device could not complete the sync: ${(error as Error).message}` };
}

function batchKey(batch: readonly QueuedChange[]): string {
  return crypto.createHash('sha256').update(batch.map((q) => q.change.changeId).join(',')).digest('hex');
}

/**
 * The device side of sync: enrolment, push of the outbox, pull of everything the hub holds for this
 * user, and the status the renderer shows. One run at a time; a second caller waits for the same run.
 */
export class SyncEngine {
  private running: Promise<SyncStatus> | null = null;
  /** True while a run talks to the hub; false again by the time its final status is read. */
  private busy = false;
  private readonly sleep: Sleep;
  private readonly log: (message: string) => void;

  constructor(private readonly options: SyncEngineOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.log = options.log ?? ((message) => console.warn(message));
  }

  private get db(): Kysely<LocalDatabase> {
    return this.options.db;
  }

  async status(): Promise<SyncStatus> {
    const [enrolment, lastSyncedAt, problem, pendingChanges, rejectedChanges, openConflicts] = await Promise.all([
      syncState.enrolment(this.db),
      syncState.lastSyncedAt(this.db),
      syncState.problem(this.db),
      countPendingChanges(this.db),
      countRejectedChanges(this.db),
      this.db
        .selectFrom('conflicts')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('status', '!=', 'resolved')
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow()
        .then((row) => Number(row.count)),
    ]);
    return {
      enrolled: enrolment !== null,
      hubUrl: enrolment?.hubUrl ?? null,
      programmeName: enrolment?.identity.programme.name ?? null,
      userName: enrolment?.identity.user.name ?? null,
      role: enrolment?.identity.user.role ?? null,
      syncing: this.busy,
      lastSyncedAt,
      pendingChanges,
      rejectedChanges,
      openConflicts,
      problem,
    };
  }

  async isEnrolled(): Promise<boolean> {
    return (await syncState.enrolment(this.db)) !== null;
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /**
   * Registers this device with the hub under a new Ed25519 key, then runs a first sync. A refused
   * code leaves an earlier enrolment as it was and shows as the problem.
   */
  async enrol(hubUrl: string, code: string): Promise<SyncStatus> {
    await this.idle();
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const client = new HubClient({ hubUrl, token: null, fetch: this.options.fetch, timeoutMs: this.options.timeoutMs });
    let answer;
    try {
      answer = await client.enrol({
        code,
        deviceId: this.options.clock.deviceId,
        deviceName: (this.options.deviceName ?? os.hostname()).slice(0, 120),
        publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      });
    } catch (error) {
      if (!(error instanceof HubRequestError)) throw error;
      await syncState.saveProblem(this.db, problemOf(error));
      return this.status();
    }
    const { token, ...identity } = answer;
    const previous = await syncState.enrolment(this.db);
    await this.db.transaction().execute(async (trx) => {
      if (previous?.identity.hubId !== identity.hubId) await syncState.resetProgress(trx);
      await syncState.saveEnrolment(
        trx,
        { hubUrl, token, identity, privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64') },
        this.options.clock.isoNow(),
      );
      await syncState.saveProblem(trx, null);
    });
    return this.syncNow();
  }

  /**
   * Forgets the hub, its token and this device's identity there; data and unsent changes stay.
   * A compaction still owed for an erasure runs now: no pull will come to run it.
   */
  async leave(): Promise<SyncStatus> {
    await this.idle();
    await this.db.transaction().execute((trx) => syncState.forgetHub(trx));
    await this.compactIfOwed();
    return this.status();
  }

  /** Compacts the file (and removes older backups) once erased values have been emptied on this device. */
  private async compactIfOwed(): Promise<void> {
    if (!(await syncState.compactionPending(this.db))) return;
    await compactAfterErasure(this.db, this.options.backupDirectory ?? null);
    await syncState.saveCompactionPending(this.db, false);
  }

  /** Push, then pull until the hub has nothing more. Resolves with the status, whether the run succeeded or not. */
  syncNow(): Promise<SyncStatus> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** A client for the enrolled hub, for requests outside a sync run (bundle uploads). */
  async hubClient(): Promise<HubClient> {
    const enrolment = await syncState.enrolment(this.db);
    if (!enrolment) throw notEnrolled();
    return this.clientFor(enrolment);
  }

  private clientFor(enrolment: Enrolment): HubClient {
    return new HubClient({ hubUrl: enrolment.hubUrl, token: enrolment.token, fetch: this.options.fetch, timeoutMs: this.options.timeoutMs });
  }

  private async run(): Promise<SyncStatus> {
    const enrolment = await syncState.enrolment(this.db);
    if (!enrolment) throw notEnrolled();
    const client = this.clientFor(enrolment);
    let problem: SyncProblem | null;
    let rejected = 0;
    this.busy = true;
    try {
      await this.catchUpHubThatLostChanges(client);
      rejected = await this.push(client);
      await this.pull(client);
      problem = rejected > 0 ? { code: 'rejected', detail: `The hub refused ${rejected} ${rejected === 1 ? 'change' : 'changes'}; they stay on this device.` } : null;
      await syncState.saveLastSyncedAt(this.db, this.options.clock.isoNow());
      await this.rotateTokenIfOld(client);
    } catch (error) {
      problem = problemOf(error);
      if (!(error instanceof HubRequestError)) this.log(`Sync stopped: ${(error as Error).stack ?? String(error)}`);
    } finally {
      this.busy = false;
    }
    await syncState.saveProblem(this.db, problem);
    return this.status();
  }

  /**
   * Replaces a token older than TOKEN_MAX_AGE_MS, after a run that just reached the hub. Never
   * throws: the sync itself succeeded, so a failure is logged, not shown. The old token is kept and
   * the next run tries again; the hub still accepts it until the new one is first used, which also
   * covers a rotation whose answer was lost on the way.
   */
  private async rotateTokenIfOld(client: HubClient): Promise<void> {
    const issuedAt = await syncState.tokenIssuedAt(this.db);
    // A token whose issue time was never recorded is of unknown age: rotating it is cheap and records one.
    if (issuedAt !== null && Date.parse(this.options.clock.isoNow()) - Date.parse(issuedAt) <= TOKEN_MAX_AGE_MS) return;
    try {
      const { token } = await client.rotateToken();
      await this.db.transaction().execute((trx) => syncState.saveToken(trx, token, this.options.clock.isoNow()));
    } catch (error) {
      this.log(`The device token was not rotated; the current one stays in use and the next sync tries again: ${(error as Error).message}`);
    }
  }

  /** Sends the outbox in batches; returns how many changes the hub refused in this run. */
  private async push(client: HubClient): Promise<number> {
    let limit = MAX_BATCH_CHANGES;
    let rejected = 0;
    for (;;) {
      const batch = await nextChanges(this.db, limit);
      if (batch.length === 0) return rejected;
      const batchId = await this.batchIdFor(batch);
      let answer;
      try {
        answer = await this.withRateLimit(() => client.push({ batchId, changes: batch.map((q) => q.change) }));
      } catch (error) {
        if (!(error instanceof HubRequestError) || error.status !== 413) throw error;
        if (batch.length > 1) {
          limit = Math.ceil(batch.length / 2);
          continue;
        }
        // Even alone it is too large: keep it, refused, rather than block every change behind it.
        await markRejected(this.db, batch[0]!.seq, `This change is larger than the hub accepts. ${error.message}`);
        rejected += 1;
        continue;
      }
      await this.checkWatermark(answer.device);
      const outcome = await applyOutcomes(this.db, batch, answer.results, this.options.clock.isoNow());
      rejected += outcome.rejected;
      if (outcome.unanswered > 0) {
        throw new HubRequestError('server_error', `The hub did not answer for ${outcome.unanswered} of the changes sent; they stay on this device and will be sent again.`, 200);
      }
    }
  }

  /** The same changes retried get the same batch id, even after a restart, so the hub can skip them at once. */
  private async batchIdFor(batch: readonly QueuedChange[]): Promise<string> {
    const key = batchKey(batch);
    const last = await syncState.batch(this.db);
    if (last?.key === key) return last.batchId;
    const batchId = uuidv7();
    await syncState.saveBatch(this.db, { key, batchId });
    return batchId;
  }

  private async pull(client: HubClient): Promise<void> {
    let cursor = (await syncState.cursor(this.db)) ?? '0';
    for (;;) {
      const page = await this.withRateLimit(() => client.pull(cursor));
      await this.checkWatermark(page.device);
      const newest = page.rows.flatMap((row) => Object.values(row.clocks)).reduce<string | null>((a, b) => (a === null || b > a ? b : a), null);
      await this.db.transaction().execute(async (trx) => {
        const outcome = await applyPulledPage({ trx, instruments: this.options.instruments, receivedAt: this.options.clock.isoNow(), log: this.log }, page.rows, page.advisers);
        if (outcome.erasures + outcome.scrubbed > 0) await syncState.saveCompactionPending(trx, true);
        if (newest) await this.options.clock.receive(trx, newest);
        await syncState.saveCursor(trx, page.cursor);
      });
      if (!page.more) {
        await this.compactIfOwed();
        return;
      }
      if (page.cursor === cursor) throw new HubRequestError('server_error', 'The hub said there was more to fetch but did not move the cursor.', 200);
      cursor = page.cursor;
    }
  }

  private async withRateLimit<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if (!(error instanceof HubRequestError) || error.status !== 429 || attempt >= RATE_LIMIT_RETRIES) throw error;
        await this.sleep(Math.min(error.retryAfterMs ?? 1000 * 2 ** attempt, MAX_RATE_LIMIT_WAIT_MS));
      }
    }
  }

  /**
   * A hub that holds fewer of this device's changes than the device has had acknowledged was restored
   * from a backup (or rebuilt): everything is sent again, the hub keeps each change once by its id,
   * and the pull starts over so that rows the hub numbers anew are not skipped.
   */
  private async catchUpHubThatLostChanges(client: HubClient): Promise<void> {
    const hub = await this.withRateLimit(() => client.status());
    const acknowledged = await countAcknowledgedChanges(this.db);
    if (hub.device.changeCount >= acknowledged) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('outbox').set({ sent_at: null }).where('sent_at', 'is not', null).execute();
      await syncState.saveCursor(trx, '0');
    });
    this.log(`The hub holds ${hub.device.changeCount} changes from this device, which had ${acknowledged} acknowledged: it lost some. Sending everything again.`);
  }

  /**
   * The hub knows more of this device than the device does only when the device was restored from
   * an old backup. Its clock then moves past everything it issued before, so new edits win over the
   * lost ones; resending is safe because the hub answers `duplicate` by change id.
   */
  private async checkWatermark(hub: DeviceWatermark): Promise<void> {
    const [lastHlc, recorded, known] = await Promise.all([this.options.clock.last(this.db), countRecordedChanges(this.db), syncState.restore(this.db)]);
    // Changes lost in an earlier restore stay missing locally; only a further gap is news.
    const lost = known ? known.hubChangeCount - known.localChangeCount : 0;
    const aheadInTime = hub.lastHlc !== null && (lastHlc === null || hub.lastHlc > lastHlc);
    const aheadInCount = hub.changeCount > recorded + lost;
    if (!aheadInTime && !aheadInCount) return;
    await this.db.transaction().execute(async (trx) => {
      if (hub.lastHlc) await this.options.clock.receive(trx, hub.lastHlc);
      await syncState.saveRestore(trx, { detectedAt: this.options.clock.isoNow(), hubLastHlc: hub.lastHlc, hubChangeCount: hub.changeCount, localChangeCount: recorded });
    });
    this.log(`This device was restored from a backup: the hub holds ${hub.changeCount} changes from it, the device ${recorded}. Its clock was moved past the hub's.`);
  }
}
