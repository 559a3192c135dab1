import path from 'node:path';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatch';
import type { Handlers } from '../../shared/api/contract';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { AssessmentService } from './assessments/assessment-service';
import { ClientService } from './clients/client-service';
import { InstrumentStore } from './instruments/instrument-store';
import { RoadmapService } from './roadmap/roadmap-service';
import { collectReportData } from './report/report-data';
import { SettingsService } from './settings/settings-service';
import { DirectoryService } from './directories/directory-service';
import { CatalogueStore } from './roadmap/catalogue-store';
import { renderReport, reportFileName } from './report/roadmap-report';
import { builtinCatalogue } from '../../shared/roadmap/builtin';
import { openDatabase, type OpenedDatabase } from './database/open-database';
import { countPendingChanges } from './sync/outbox';
import { SyncClock, type Now } from './sync/sync-clock';
import { SyncEngine, type Sleep } from './sync/sync-engine';
import { ConflictService } from './sync/conflict-service';
import { exportBundle } from './sync/sync-bundle';
import { BackgroundSync, type Timers } from './sync/background-sync';
import type { FetchLike } from './sync/hub-client';
import { APP_VERSION } from './app-version';
import { PortfolioService } from './portfolio/portfolio-service';
import { AnnotationService } from './portfolio/annotation-service';
import { guardByRole } from './access/role-guard';
import { syncState } from './sync/sync-state';
import { OfficeService } from './office/office-service';
import { exportPortfolio, type ExportDependencies } from './exports/portfolio-export';

export interface AppServices {
  database: OpenedDatabase;
  clock: SyncClock;
  clients: ClientService;
  instruments: InstrumentStore;
  assessments: AssessmentService;
  roadmaps: RoadmapService;
  settings: SettingsService;
  directories: DirectoryService;
  sync: SyncEngine;
  conflicts: ConflictService;
  /** What the portfolio's exports read, for the screen's export and the command line's alike. */
  exportSources: ExportDependencies;
  handlers: Handlers;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export interface AppServicesOptions {
  /** Folder holding the database and its backups; omit for an in-memory database (tests). */
  dataDirectory?: string;
  now?: Now;
  /** Where the report's fonts are; the Electron bundle keeps them beside main.cjs. */
  fontDirectory?: string;
  onInternalError?: (error: unknown, operation: string) => void;
  /** How the device reaches the hub; tests pass a fake that answers like the protocol. */
  fetch?: FetchLike;
  /** Waits after a 429 before retrying. */
  sleep?: Sleep;
  /** Sync by itself while enrolled (the desktop app and the web server); tests and the CLI sync only when asked. */
  backgroundSync?: boolean;
  timers?: Timers;
  /** Sent to the hub at enrolment; defaults to the machine's host name. */
  deviceName?: string;
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
    const instruments = new InstrumentStore(database.db, () => clock.isoNow());
    await instruments.installBuiltins(builtinInstruments);
    const assessments = new AssessmentService(database.db, clock, instruments);
    const catalogues = new CatalogueStore(database.db, builtinCatalogue);
    const directories = new DirectoryService(database.db, clock, async () => (await catalogues.current()).directories);
    const roadmaps = new RoadmapService(database.db, clock, assessments, catalogues, () => directories.merged());
    const settings = new SettingsService(database.db, () => clock.isoNow());
    const sync = new SyncEngine({ db: database.db, clock, instruments, fetch: options.fetch, sleep: options.sleep, deviceName: options.deviceName, backupDirectory: database.backupDirectory });
    const conflicts = new ConflictService(database.db, clock, instruments);
    const enrolledUser = async () => (await syncState.enrolment(database.db))?.identity.user ?? null;
    const portfolio = new PortfolioService(database.db, {
      instruments,
      catalogues,
      localAdviserName: async () => {
        const user = await enrolledUser();
        return user?.role === 'adviser' ? user.name : null;
      },
    });
    const annotations = new AnnotationService(database.db, clock, async () => (await enrolledUser())?.name ?? '');
    const office = new OfficeService({ db: database.db, sync });
    const exportSources: ExportDependencies = { db: database.db, instruments, catalogues, summary: (query) => portfolio.summary(query) };
    const background = options.backgroundSync ? startBackgroundSync(database, sync, options.timers) : null;

    const handlers: Handlers = guardByRole({
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
      'instruments.list': () => instruments.list(),
      'instruments.get': ({ id, version }) => instruments.get(id, version),
      'assessments.create': (input) => assessments.create(input),
      'assessments.get': ({ id }) => assessments.get(id),
      'assessments.listForClient': ({ companyId }) => assessments.listForClient(companyId),
      'assessments.results': ({ id }) => assessments.results(id),
      'assessments.update': (input) => assessments.update(input),
      'assessments.finalise': ({ id }) => assessments.finalise(id),
      'assessments.revise': ({ id }) => assessments.revise(id),
      'assessments.setPosition': (input) => assessments.setPosition(input),
      'answers.save': (input) => assessments.saveAnswer(input),
      'targets.save': (input) => assessments.saveTarget(input),
      'roadmap.get': ({ assessmentId }) => roadmaps.get(assessmentId),
      'roadmap.generate': ({ assessmentId }) => roadmaps.generate(assessmentId),
      'roadmap.updateStep': (input) => roadmaps.updateStep(input),
      'roadmap.moveStep': (input) => roadmaps.moveStep(input),
      'roadmap.addStep': (input) => roadmaps.addStep(input),
      'roadmap.removeStep': ({ id }) => roadmaps.removeStep(id),
      'roadmap.restoreStep': ({ id }) => roadmaps.restoreStep(id),
      'directories.list': () => directories.list(),
      'directories.save': (input) => directories.save(input),
      'directories.remove': ({ id }) => directories.remove(id),
      'settings.get': () => settings.get(),
      'settings.save': (input) => settings.save(input),
      'sync.status': () => sync.status(),
      'sync.enrol': ({ hubUrl, code }) => sync.enrol(hubUrl, code),
      'sync.now': () => sync.syncNow(),
      'sync.leave': () => sync.leave(),
      'sync.conflicts': ({ language }) => conflicts.list(language),
      'sync.resolveConflict': ({ id, choice }) => conflicts.resolve(id, choice),
      'sync.exportBundle': () => exportBundle(database.db, clock.deviceId, () => new Date(now())),
      'portfolio.options': () => portfolio.options(),
      'portfolio.summary': (input) => portfolio.summary(input),
      'portfolio.assessments': (input) => portfolio.assessments(input),
      'portfolio.export': async ({ filter, format, language }) => {
        const file = await exportPortfolio(exportSources, { filter, format, language, now: new Date(now()) });
        return { fileName: file.fileName, mimeType: file.mimeType, base64: file.bytes.toString('base64') };
      },
      'annotations.list': ({ companyId }) => annotations.list(companyId),
      'annotations.add': (input) => annotations.add(input),
      'annotations.remove': ({ id }) => annotations.remove(id),
      'office.publishInstrument': ({ text }) => office.publishInstrument(text),
      'office.publishCatalogue': ({ text }) => office.publishCatalogue(text),
      'office.importBundle': ({ base64 }) => office.importBundle(base64),
      'office.eraseFirm': ({ companyId }) => office.eraseFirm(companyId),
      'report.pdf': async ({ assessmentId }) => {
        const data = await collectReportData({ assessments, clients, instruments, roadmaps, settings }, assessmentId);
        const pdf = await renderReport(data, { fontDirectory: options.fontDirectory, now: () => new Date(now()) });
        return { fileName: reportFileName(data.client.name, data.detail.assessment.visitDate), base64: pdf.toString('base64') };
      },
    }, async () => (await enrolledUser())?.role ?? null);
    const dispatch = createDispatcher(handlers, { onInternalError: options.onInternalError });
    const close = async () => {
      await background?.stop();
      await sync.idle();
      await database.close();
    };
    return { database, clock, clients, instruments, assessments, roadmaps, settings, directories, sync, conflicts, exportSources, handlers, dispatch, close };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Syncs soon after each recorded change: a trigger on this connection only (TEMP, so not part of
 * the schema) tells the scheduler whenever a row enters the outbox.
 */
function startBackgroundSync(database: OpenedDatabase, sync: SyncEngine, timers: Timers | undefined): BackgroundSync {
  const background = new BackgroundSync({ sync: () => sync.syncNow(), isEnrolled: () => sync.isEnrolled(), timers, log: (message) => console.warn(message) });
  database.sqlite.function('ss_outbox_recorded', () => {
    background.changed();
    return null;
  });
  database.sqlite.exec('create temp trigger ss_outbox_recorded after insert on main.outbox begin select ss_outbox_recorded(); end');
  background.start();
  return background;
}
