import { afterEach } from 'vitest';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../electron/services/app-services';
import { ClientInputSchema, ClientUpdateSchema, type Client, type ClientInput } from '../../shared/clients/schema';
import { validClient } from './fixtures';

const open: AppServices[] = [];

afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
});

/** Services on a fresh database (in memory unless dataDirectory is given), closed after the test. */
export async function startServices(options: AppServicesOptions = {}): Promise<AppServices> {
  const services = await createAppServices(options);
  open.push(services);
  return services;
}

/** Closes services early (e.g. to reopen the same file); the after-test hook then skips them. */
export async function closeServices(services: AppServices): Promise<void> {
  const index = open.indexOf(services);
  if (index >= 0) open.splice(index, 1);
  await services.close();
}

/** A wall clock that tests move by hand. */
export function manualNow(start = Date.parse('2026-11-21T10:42:00.000Z')) {
  let time = start;
  const now = () => time;
  return Object.assign(now, {
    set(value: number) {
      time = value;
    },
    advance(ms: number) {
      time += ms;
    },
  });
}

export function createClient(services: AppServices, overrides: Partial<ClientInput> = {}): Promise<Client> {
  return services.clients.create(ClientInputSchema.parse(validClient(overrides)));
}

/** Sends a client back as the edit form would: everything it has, with the given changes. */
export function updateClient(services: AppServices, client: Client, changes: Partial<ClientInput> = {}): Promise<Client> {
  const { createdAt, updatedAt, updatedBy, deletedAt, ...editable } = client;
  void [createdAt, updatedAt, updatedBy, deletedAt];
  return services.clients.update(ClientUpdateSchema.parse({ ...editable, ...changes }));
}

export interface OutboxEntry {
  seq: number;
  change_id: string;
  table_name: string;
  row_id: string;
  operation: string;
  hlc: string;
  base_hlc: string | null;
  changes: Record<string, unknown>;
  schema_version: number;
  created_at: string;
  sent_at: string | null;
}

export function outbox(services: AppServices): OutboxEntry[] {
  const rows = services.database.sqlite.prepare('select * from outbox order by seq').all() as (Omit<OutboxEntry, 'changes'> & { changes: string })[];
  return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) as Record<string, unknown> }));
}

export function count(services: AppServices, table: string): number {
  return (services.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}
