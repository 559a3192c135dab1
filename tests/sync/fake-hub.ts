import { createAppServices, type AppServices, type AppServicesOptions } from '../../electron/services/app-services';
import type { FetchLike } from '../../electron/services/sync/hub-client';
import {
  CHANGE_SCHEMA_VERSION,
  PushRequestSchema,
  type Change,
  type ChangeOutcome,
  type DeviceWatermark,
  type EnrolResponse,
  type PulledRow,
} from '../../shared/sync/protocol';
import { afterEach } from 'vitest';

export const HUB_URL = 'https://hub.example.org';
export const GOOD_CODE = 'GOOD-CODE-123';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Responder = (request: RecordedRequest) => Response | undefined | Promise<Response | undefined>;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function hubError(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ error, message }, status, headers);
}

/**
 * A hub in memory that answers like the protocol: stores pushed changes once by id, serves pull
 * pages from `rows`, and lets a test queue one-off answers (errors, slow downs) per endpoint.
 */
export class FakeHub {
  readonly requests: RecordedRequest[] = [];
  readonly stored = new Map<string, Change>();
  /** Rows served by the pull, in hub order; the cursor is an index into this list. */
  rows: PulledRow[] = [];
  pageSize = 1000;
  /** Change ids the hub refuses, with the reason. */
  refuse = new Map<string, string>();
  /** Overrides what the hub reports it knows of the device. */
  watermark: DeviceWatermark | null = null;
  private deviceId = '0000000000000000';
  private readonly queued: { key: string; respond: Responder }[] = [];
  private readonly persistent: { key: string; respond: Responder }[] = [];

  readonly enrolment: Omit<EnrolResponse, 'deviceId'> = {
    token: 'device-token-1',
    hubId: 'hub-made-smarter-yh',
    programme: { id: 'made-smarter-yh', name: 'Made Smarter Yorkshire' },
    user: { id: 'u-1', name: 'Alex Adviser', role: 'adviser' },
  };

  /** Answers the next request to `METHOD /path` (query ignored) with this instead. */
  once(key: string, respond: Responder | Response): void {
    this.queued.push({ key, respond: typeof respond === 'function' ? respond : () => respond.clone() });
  }

  /** Answers every request to `METHOD /path` with this while it returns a response. */
  always(key: string, respond: Responder): void {
    this.persistent.push({ key, respond });
  }

  requestsTo(key: string): RecordedRequest[] {
    return this.requests.filter((r) => `${r.method} ${r.path}` === key);
  }

  get deviceWatermark(): DeviceWatermark {
    if (this.watermark) return this.watermark;
    const clocks = [...this.stored.values()].map((c) => c.hlc).sort();
    return { lastHlc: clocks.at(-1) ?? null, changeCount: this.stored.size };
  }

  readonly fetch: FetchLike = async (url, init) => {
    const parsed = new URL(url);
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path: parsed.pathname + parsed.search,
      headers,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    this.requests.push(request);
    const key = `${request.method} ${parsed.pathname}`;
    const index = this.queued.findIndex((q) => q.key === key);
    if (index >= 0) {
      const [entry] = this.queued.splice(index, 1);
      const response = await entry!.respond(request);
      if (response) return response;
    }
    for (const entry of this.persistent.filter((p) => p.key === key)) {
      const response = await entry.respond(request);
      if (response) return response;
    }
    return this.answer(key, request, parsed);
  };

  private answer(key: string, request: RecordedRequest, url: URL): Response {
    if (key === 'POST /v1/enrol') {
      const body = request.body as { code: string; deviceId: string };
      if (body.code !== GOOD_CODE) return hubError(401, 'unauthorized', 'This enrolment code is not valid.');
      this.deviceId = body.deviceId;
      return json({ ...this.enrolment, deviceId: body.deviceId });
    }
    if (request.headers.authorization !== `Bearer ${this.enrolment.token}`) return hubError(401, 'unauthorized', 'Unknown token.');
    if (key === 'GET /v1/status') {
      const { token, ...identity } = this.enrolment;
      void token;
      return json({ ...identity, deviceId: this.deviceId, device: this.deviceWatermark, schemaVersion: CHANGE_SCHEMA_VERSION });
    }
    if (key === 'POST /v1/push') {
      const push = PushRequestSchema.parse(request.body);
      const results: ChangeOutcome[] = push.changes.map((change) => {
        if (this.refuse.has(change.changeId)) return { changeId: change.changeId, status: 'rejected', reason: this.refuse.get(change.changeId) };
        if (this.stored.has(change.changeId)) return { changeId: change.changeId, status: 'duplicate' };
        this.stored.set(change.changeId, change);
        return { changeId: change.changeId, status: 'accepted' };
      });
      return json({ results, device: this.deviceWatermark });
    }
    if (key === 'GET /v1/pull') {
      const from = Number(url.searchParams.get('cursor') ?? '0');
      const to = Math.min(this.rows.length, from + this.pageSize);
      return json({ rows: this.rows.slice(from, to), cursor: String(to), more: to < this.rows.length, device: this.deviceWatermark });
    }
    if (key === 'POST /v1/bundles') {
      const payload = JSON.parse((request.body as { payload: string }).payload) as { deviceId: string; changes: Change[] };
      return json({
        deviceId: payload.deviceId,
        results: payload.changes.map((c) => {
          const known = this.stored.has(c.changeId);
          this.stored.set(c.changeId, c);
          return { changeId: c.changeId, status: known ? 'duplicate' : 'accepted' };
        }),
      });
    }
    return hubError(404, 'not_found', `No ${key}`);
  }
}

const open: AppServices[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
});

export interface Device {
  services: AppServices;
  hub: FakeHub;
  sleeps: number[];
}

/** A device in memory whose network is the fake hub; sleeps are recorded, not waited. */
export async function makeDevice(hub = new FakeHub(), options: AppServicesOptions = {}): Promise<Device> {
  const sleeps: number[] = [];
  const services = await createAppServices({
    fetch: hub.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    deviceName: 'test-laptop',
    ...options,
  });
  open.push(services);
  return { services, hub, sleeps };
}

/** A device already enrolled with the fake hub, with the first sync done. */
export async function enrolledDevice(hub = new FakeHub(), options: AppServicesOptions = {}): Promise<Device> {
  const device = await makeDevice(hub, options);
  const status = await device.services.sync.enrol(HUB_URL, GOOD_CODE);
  if (!status.enrolled) throw new Error(`enrolment failed: ${JSON.stringify(status.problem)}`);
  return device;
}

export interface OutboxView {
  seq: number;
  change_id: string;
  table_name: string;
  row_id: string;
  sent_at: string | null;
  rejected_reason: string | null;
}

export function outboxRows(services: AppServices): OutboxView[] {
  return services.database.sqlite.prepare('select seq, change_id, table_name, row_id, sent_at, rejected_reason from outbox order by seq').all() as OutboxView[];
}

/** Many valid changes without going through the services, for batching tests. */
export function seedChanges(services: AppServices, companyId: string, count: number): void {
  const insert = services.database.sqlite.prepare(
    `insert into outbox (change_id, table_name, row_id, operation, hlc, base_hlc, changes, schema_version, created_at, replaced)
     values (?, 'companies', ?, 'upsert', ?, null, ?, 1, '2026-11-21T10:42:00.000Z', ?)`,
  );
  const deviceId = services.clock.deviceId;
  services.database.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const changeId = `0190a0b1-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
      const hlc = `2026-11-21T10:43:00.000Z-${(i % 65536).toString(16).padStart(4, '0')}-${deviceId}`;
      insert.run(changeId, companyId, hlc, JSON.stringify({ town: `Town ${i}` }), JSON.stringify({ town: null }));
    }
  })();
}
