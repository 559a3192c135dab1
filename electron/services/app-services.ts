import path from 'node:path';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatch';
import type { Handlers } from '../../shared/api/contract';
import { ClientService } from './clients/client-service';
import { openDatabase, type OpenedDatabase } from './database/open-database';
import { countPendingChanges } from './sync/outbox';
import { SyncClock, type Now } from './sync/sync-clock';
import { APP_VERSION } from './app-version';

export interface AppServices {
  database: OpenedDatabase;
  clock: SyncClock;
  clients: ClientService;
  handlers: Handlers;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export interface AppServicesOptions {
  /** Folder holding the database and its backups; omit for an in-memory database (tests). */
  dataDirectory?: string;
  now?: Now;
  onInternalError?: (error: unknown, operation: string) => void;
}

export const DATABASE_FILE_NAME = 'stepping-stones.sqlite';

/** Builds every service on one database. Electron, the web bridge, the CLI and tests all start here. */
export async function createAppServices(options: AppServicesOptions = {}): Promise<AppServices> {
  const now = options.now ?? Date.now;
  const dataDirectory = options.dataDirectory;
  const database = await openDatabase({
    file: dataDirectory ? path.join(dataDirectory, DATABASE_FILE_NAME) : ':memory:',
    now: () => new Date(now()),
  });
  try {
    const clock = await SyncClock.load(database.db, now);
    const clients = new ClientService(database.db, clock);

    const handlers: Handlers = {
      'app.info': async () => ({
        version: APP_VERSION,
        deviceId: clock.deviceId,
        dataDirectory: dataDirectory ?? ':memory:',
        schemaVersion: database.schemaVersion,
        pendingChanges: await countPendingChanges(database.db),
      }),
      'clients.list': (query) => clients.list(query),
      'clients.get': ({ id }) => clients.get(id),
      'clients.create': (input) => clients.create(input),
      'clients.update': (input) => clients.update(input),
      'clients.delete': ({ id }) => clients.delete(id),
      'clients.restore': ({ id }) => clients.restore(id),
    };
    const dispatch = createDispatcher(handlers, { onInternalError: options.onInternalError });
    return { database, clock, clients, handlers, dispatch, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
