import type { Kysely } from 'kysely';
import { AppError, type ErrorCode } from '../../../shared/api/result';
import { validateInstrument } from '../../../shared/instruments/validate';
import { validateCatalogue } from '../../../shared/roadmap/validate-catalogue';
import type { PublishRequest, PublishResponse } from '../../../shared/sync/protocol';
import type { LocalDatabase } from '../database/schema';
import { HubRequestError, type HubClient } from '../sync/hub-client';
import { importBundle } from '../sync/sync-bundle';
import type { SyncEngine } from '../sync/sync-engine';
import { syncState } from '../sync/sync-state';

export interface OfficeServiceOptions {
  db: Kysely<LocalDatabase>;
  sync: SyncEngine;
}

/** What a refusal of the hub means to the office's user; the hub's own sentence is in the message. */
const codeOfStatus: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
};

/**
 * What only the programme office does, from its own installation: publish instrument and catalogue
 * versions, import an adviser's bundle, erase a firm. Each is a request to the hub followed by a
 * sync, so this device shows the outcome at once; every other device gets it at its next sync.
 */
export class OfficeService {
  constructor(private readonly options: OfficeServiceOptions) {}

  async publishInstrument(text: string): Promise<{ id: string; version: string }> {
    const definition = parseDefinition(text, 'instrument');
    refuseProblems('instrument', validateInstrument(definition));
    const published = await this.publish({ kind: 'instrument', definition });
    return { id: published.id, version: published.version };
  }

  async publishCatalogue(text: string): Promise<{ version: string }> {
    const definition = parseDefinition(text, 'catalogue');
    refuseProblems('catalogue', validateCatalogue(definition));
    const published = await this.publish({ kind: 'catalogue', definition });
    return { version: published.version };
  }

  /** Counts what the hub did with each change: a change stored with a conflict was accepted too. */
  async importBundle(base64: string): Promise<{ accepted: number; conflicts: number; duplicates: number; rejected: number }> {
    await this.officeClient('import bundles');
    const text = Buffer.from(base64, 'base64').toString('utf8');
    const answer = await asAppError(() => importBundle(this.options.sync, text));
    await this.options.sync.syncNow();
    const counts = { accepted: 0, conflicts: 0, duplicates: 0, rejected: 0 };
    for (const result of answer.results) {
      if (result.status === 'accepted' || result.status === 'conflict') counts.accepted += 1;
      if (result.status === 'conflict') counts.conflicts += 1;
      else if (result.status === 'duplicate') counts.duplicates += 1;
      else if (result.status === 'rejected') counts.rejected += 1;
    }
    return counts;
  }

  async eraseFirm(companyId: string): Promise<{ companyId: string; erasedAt: string }> {
    const client = await this.officeClient('erase a firm');
    const answer = await asAppError(() => client.eraseFirm(companyId));
    await this.options.sync.syncNow();
    return answer;
  }

  private async publish(request: PublishRequest): Promise<PublishResponse> {
    const client = await this.officeClient(`publish ${request.kind}s`);
    const answer = await asAppError(() => client.publish(request));
    await this.options.sync.syncNow();
    return answer;
  }

  /** The hub refuses other roles too; asking first spares an adviser a round trip and a vague answer. */
  private async officeClient(what: string): Promise<HubClient> {
    const enrolment = await syncState.enrolment(this.options.db);
    if (!enrolment) {
      throw new AppError('conflict', `This installation is not enrolled with the programme's hub, so it cannot ${what}. Enrol it with an office account first.`);
    }
    if (enrolment.identity.user.role !== 'office') throw new AppError('forbidden', `Only the programme office can ${what}; this installation is enrolled as an adviser.`);
    return this.options.sync.hubClient();
  }
}

function parseDefinition(text: string, kind: 'instrument' | 'catalogue'): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new AppError('invalid_input', `This ${kind} file is not valid JSON: ${(error as Error).message}`, 'text');
  }
}

function refuseProblems(kind: 'instrument' | 'catalogue', problems: readonly string[]): void {
  if (problems.length > 0) throw new AppError('invalid_input', `The ${kind} is not valid; nothing was published:\n${problems.join('\n')}`, 'text');
}

/**
 * A hub that cannot be reached or refuses becomes an error the office's user can act on. No answer,
 * a busy (429) or failing (5xx) hub, or an answer this version does not expect, is a `transport`
 * problem: trying again later may work. `conflict` is only the hub's own 409.
 */
async function asAppError<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof HubRequestError)) throw error;
    const code = (error.status !== null ? codeOfStatus[error.status] : undefined) ?? 'transport';
    throw new AppError(code, error.message);
  }
}
