import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createApiClient, type Transport } from '../../shared/api/client';
import type { Handlers } from '../../shared/api/contract';
import { createDispatcher } from '../../shared/api/dispatch';
import { createI18n } from '../../shared/i18n';
import type { SyncConflict, SyncStatus } from '../../shared/sync/operations';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { createInProcessTransport } from '../../electron/transports/in-process';
import { App } from '../../renderer/app/App';
import { Providers } from '../../renderer/app/Providers';

type SyncOperation = Extract<keyof Handlers, `sync.${string}`>;
type SyncHandlers = Pick<Handlers, SyncOperation>;

export const notEnrolled: SyncStatus = {
  enrolled: false,
  hubUrl: null,
  programmeName: null,
  userName: null,
  role: null,
  syncing: false,
  lastSyncedAt: null,
  pendingChanges: 0,
  rejectedChanges: 0,
  openConflicts: 0,
  problem: null,
};

export function enrolledStatus(change: Partial<SyncStatus> = {}): SyncStatus {
  return {
    ...notEnrolled,
    enrolled: true,
    hubUrl: 'https://hub.madesmarter.example',
    programmeName: 'Made Smarter North West',
    userName: 'Priya Shah',
    role: 'adviser',
    lastSyncedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ...change,
  };
}

/**
 * The device's sync service as the renderer sees it, without a hub: a status the test sets, and
 * handlers a test may replace. Every call is recorded after the contract has validated its input.
 */
export class FakeSync {
  status: SyncStatus = notEnrolled;
  conflicts: SyncConflict[] = [];
  calls: { name: SyncOperation; input: unknown }[] = [];
  readonly handlers: SyncHandlers = {
    'sync.status': async () => this.status,
    'sync.enrol': async ({ hubUrl }) => (this.status = enrolledStatus({ hubUrl, lastSyncedAt: null })),
    'sync.now': async () => (this.status = { ...this.status, pendingChanges: 0, problem: null, lastSyncedAt: new Date().toISOString() }),
    'sync.leave': async () => (this.status = notEnrolled),
    'sync.conflicts': async () => this.conflicts,
    'sync.resolveConflict': async ({ id }) => {
      this.conflicts = this.conflicts.filter((conflict) => conflict.id !== id);
      this.status = { ...this.status, openConflicts: this.conflicts.length };
      return { id };
    },
    'sync.exportBundle': async () => ({ fileName: 'stepping-stones-bundle.ssb', base64: btoa('signed bundle'), changes: this.status.pendingChanges }),
  };

  callsTo(name: SyncOperation): unknown[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.input);
  }

  asHandlers(): SyncHandlers {
    const recorded = {} as Record<SyncOperation, (input: never) => Promise<unknown>>;
    for (const name of Object.keys(this.handlers) as SyncOperation[]) {
      recorded[name] = (input) => {
        this.calls.push({ name, input });
        return (this.handlers[name] as (input: unknown) => Promise<unknown>)(input);
      };
    }
    return recorded as unknown as SyncHandlers;
  }
}

/**
 * The real renderer on the real services with an in-memory database: only the transport is
 * in-process, and sync talks to a FakeSync, since the hub it would reach is another machine.
 */
export async function renderApp(
  hash = '#/clients',
  seed?: (services: AppServices) => Promise<void>,
  wrap: (transport: Transport) => Transport = (transport) => transport,
  sync: FakeSync = new FakeSync(),
): Promise<{ services: AppServices; user: ReturnType<typeof userEvent.setup>; sync: FakeSync }> {
  const services = await createAppServices();
  await seed?.(services);
  window.location.hash = hash;
  const dispatch = createDispatcher({ ...services.handlers, ...sync.asHandlers() });
  const api = createApiClient(wrap(createInProcessTransport(dispatch)));
  render(
    <Providers api={api} i18n={createI18n('en')}>
      <App />
    </Providers>,
  );
  return { services, user: userEvent.setup(), sync };
}
