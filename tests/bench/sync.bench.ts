import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import type { FetchLike } from '../../electron/services/sync/hub-client';
import { OUTBOX_SCHEMA_VERSION } from '../../electron/services/sync/outbox';
import { createProgramme, createUser } from '../../hub/admin';
import { chunks, openHubDatabase, type HubDatabase, type OpenHubDatabaseOptions } from '../../hub/database';
import { createEnrolCode } from '../../hub/enrolment';
import { createHub } from '../../hub/server';
import { HybridClock } from '../../shared/sync/hlc';
import { uuidv7 } from '../../shared/sync/uuidv7';
import { startPostgres } from '../support/postgres';
import type { Figure } from './report';

const COMPANIES = 50;
const ASSESSMENTS_PER_COMPANY = 20;
const ANSWERS_PER_ASSESSMENT = 200;

/**
 * Writes 1,000 assessments of 200 answers straight into a device's database, each row with the
 * outbox entry and column clocks `recordChange` would have written: going through the services
 * would take minutes and measure the services, not sync.
 */
function recordAssessments(device: AppServices): number {
  const { sqlite } = device.database;
  const clock = new HybridClock(device.clock.deviceId, Date.now);
  const now = new Date().toISOString();
  const outbox = sqlite.prepare(
    `insert into outbox (change_id, table_name, row_id, operation, hlc, base_hlc, changes, schema_version, created_at, sent_at, replaced, rejected_reason)
     values (?, ?, ?, 'upsert', ?, null, ?, ${OUTBOX_SCHEMA_VERSION}, ?, null, ?, null)`,
  );
  const clocks = sqlite.prepare('insert into field_clocks (table_name, row_id, clocks) values (?, ?, ?)');
  const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
  let changes = 0;
  const write = (table: string, values: Record<string, string | number | null>) => {
    const id = uuidv7();
    const hlc = clock.tick();
    const columns = Object.keys(values);
    const key = `${table}:${columns.join(',')}`;
    let insert = statements.get(key);
    if (!insert) {
      insert = sqlite.prepare(`insert into ${table} (id, ${columns.join(', ')}, updated_at, updated_by) values (?, ${columns.map(() => '?').join(', ')}, ?, ?)`);
      statements.set(key, insert);
    }
    insert.run([id, ...Object.values(values), hlc, device.clock.deviceId]);
    outbox.run(uuidv7(), table, id, hlc, JSON.stringify(values), now, JSON.stringify(Object.fromEntries(columns.map((c) => [c, null]))));
    clocks.run(table, id, JSON.stringify(Object.fromEntries(columns.map((c) => [c, hlc]))));
    changes += 1;
    return id;
  };
  sqlite.transaction(() => {
    for (let c = 0; c < COMPANIES; c++) {
      const companyId = write('companies', {
        name: `Bench Manufacturing ${c} Ltd`, registration_number: '', nace_code: '25', employee_band: '10-49', turnover_band: '2m-10m',
        street: '', town: 'Halifax', postcode: '', region: 'Yorkshire and the Humber', country: 'GB', consent_to_share: 1, consent_date: '2026-11-01', created_at: now,
      });
      for (let a = 0; a < ASSESSMENTS_PER_COMPANY; a++) {
        const assessmentId = write('assessments', {
          company_id: companyId, kind: 'baseline', baseline_id: null, revision_of: null, status: 'finalised', visit_date: '2026-11-20',
          people_present: 'Managing director', report_language: 'en', finalised_at: now, created_at: now,
        });
        write('assessment_instruments', { assessment_id: assessmentId, instrument_id: 'digital-maturity', instrument_version: '1.0.0', position: 0, created_at: now });
        for (let q = 0; q < ANSWERS_PER_ASSESSMENT; q++) {
          write('answers', {
            assessment_id: assessmentId, instrument_id: 'digital-maturity', question_id: `bench-${q}`, value: String(q % 6),
            not_applicable: 0, note: q % 10 === 0 ? 'Discussed with the production manager' : '', flagged: 0, created_at: now,
          });
        }
      }
    }
    sqlite.prepare(`insert into meta (key, value) values ('hlc_last', ?) on conflict (key) do update set value = excluded.value`).run(clock.tick());
  })();
  return changes;
}

interface BenchHub {
  url: string;
  database: HubDatabase;
  code(): Promise<string>;
  close(): Promise<void>;
}

async function startBenchHub(location: OpenHubDatabaseOptions): Promise<BenchHub> {
  const database = await openHubDatabase(location);
  // The bench device sends as fast as it can; the default per-device limit would pace it.
  const app = createHub({ database, rateLimits: { device: { capacity: 1_000_000, refillPerSecond: 1_000_000 } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const programme = await createProgramme(database.db, new Date(), 'Bench programme');
  const adviser = await createUser(database.db, new Date(), { programme: programme.id, role: 'adviser', name: 'Bench adviser' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    database,
    code: async () => (await createEnrolCode(database.db, new Date(), adviser.id)).code,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** The same rows the push stored, inserted again under another programme in one transaction of multi-row inserts. */
async function rawBulkInsert(database: HubDatabase): Promise<number> {
  const stored = await database.db.selectFrom('rows').selectAll().execute();
  const programme = await createProgramme(database.db, new Date(), 'Bench raw copy');
  const start = performance.now();
  await database.db.transaction().execute(async (trx) => {
    for (const part of chunks(stored, 8)) {
      await trx.insertInto('rows').values(part.map((row) => ({ ...row, programme_id: programme.id }))).execute();
    }
  });
  return performance.now() - start;
}

/** The pulled rows inserted again into a copy of each table on the second device, with prepared statements in one transaction. */
function rawLocalInsert(device: AppServices, tables: readonly string[]): number {
  const { sqlite } = device.database;
  const copies = tables.map((table) => {
    const rows = sqlite.prepare(`select * from ${table}`).all() as Record<string, unknown>[];
    sqlite.exec(`create table bench_${table} as select * from ${table} where 0`);
    const columns = Object.keys(rows[0] ?? {});
    return { rows, insert: sqlite.prepare(`insert into bench_${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`) };
  });
  const start = performance.now();
  sqlite.transaction(() => {
    for (const { rows, insert } of copies) for (const row of rows) insert.run(...Object.values(row));
  })();
  return performance.now() - start;
}

async function benchBackend(label: string, location: OpenHubDatabaseOptions, directory: string): Promise<Figure[]> {
  const hub = await startBenchHub(location);
  let firstPull = 0;
  const watching: FetchLike = (url, init) => {
    if (firstPull === 0 && String(url).includes('/v1/pull')) firstPull = performance.now();
    return globalThis.fetch(url, init);
  };
  const laptop = await createAppServices({ dataDirectory: path.join(directory, `${label}-laptop`), fetch: watching });
  const second = await createAppServices({ dataDirectory: path.join(directory, `${label}-second`) });
  try {
    const enrolled = await laptop.sync.enrol(hub.url, await hub.code());
    if (enrolled.problem) throw new Error(`enrolment failed: ${enrolled.problem.detail}`);
    const changes = recordAssessments(laptop);
    firstPull = 0;
    const start = performance.now();
    const pushed = await laptop.sync.syncNow();
    if (pushed.problem || pushed.pendingChanges > 0) throw new Error(`push failed: ${JSON.stringify(pushed.problem)}`);
    const push = firstPull - start;
    const raw = await rawBulkInsert(hub.database);

    // Enrolment ends with a first sync, which is where a new laptop pulls everything.
    const code = await hub.code();
    const pullStart = performance.now();
    const secondEnrolled = await second.sync.enrol(hub.url, code);
    const pull = performance.now() - pullStart;
    if (secondEnrolled.problem) throw new Error(`second device failed: ${secondEnrolled.problem.detail}`);
    const answers = (second.database.sqlite.prepare('select count(*) as n from answers').get() as { n: number }).n;
    if (answers !== COMPANIES * ASSESSMENTS_PER_COMPANY * ANSWERS_PER_ASSESSMENT) throw new Error(`the second device has ${answers} answers`);
    const rawPull = rawLocalInsert(second, ['companies', 'assessments', 'assessment_instruments', 'answers']);
    return [
      { name: `push 1,000 assessments (${changes.toLocaleString('en')} changes) to the hub on ${label}`, value: push, baselineName: 'raw bulk insert of the same rows', baseline: raw, unit: 'ms' },
      { name: `enrol a second device and pull the same data from ${label}`, value: pull, baselineName: 'raw local insert of the same rows', baseline: rawPull, unit: 'ms' },
    ];
  } finally {
    await laptop.close();
    await second.close();
    await hub.close();
  }
}

export async function benchSync(directory: string): Promise<Figure[]> {
  const figures = await benchBackend('SQLite', { dataDirectory: path.join(directory, 'hub-sqlite') }, directory);
  const postgres = await startPostgres();
  try {
    figures.push(...(await benchBackend('PostgreSQL', { databaseUrl: await postgres.createDatabase() }, directory)));
  } finally {
    await postgres.stop();
  }
  return figures;
}
