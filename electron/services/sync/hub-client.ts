import type { z } from 'zod';
import {
  BundleImportResponseSchema,
  CHANGE_SCHEMA_VERSION,
  EnrolResponseSchema,
  ErasureResponseSchema,
  HUB_API_PREFIX,
  HubErrorSchema,
  PublishResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  RotateResponseSchema,
  SCHEMA_VERSION_HEADER,
  StatusResponseSchema,
  type BundleFile,
  type BundleImportResponse,
  type EnrolRequest,
  type EnrolResponse,
  type ErasureResponse,
  type PublishRequest,
  type PublishResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type StatusResponse,
} from '../../../shared/sync/protocol';
import type { SyncProblemCode } from '../../../shared/sync/operations';

/** The part of the Fetch API the client uses; tests pass a fake that answers like a hub. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Bundles can hold months of work; uploading one may take a while on a slow office line. */
const BUNDLE_TIMEOUT_MS = 10 * 60_000;

/** A request to the hub that did not succeed, with the problem code the status screen shows. */
export class HubRequestError extends Error {
  constructor(
    readonly problem: SyncProblemCode,
    message: string,
    /** The HTTP status, or null when no answer came. */
    readonly status: number | null,
    /** From Retry-After on a 429. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'HubRequestError';
  }
}

export interface HubClientOptions {
  hubUrl: string;
  /** The device token; null only for enrolment. */
  token: string | null;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The hub's HTTP API, one method per endpoint; every answer is parsed with the protocol's schemas. */
export class HubClient {
  private readonly fetch: FetchLike;
  private readonly base: string;

  constructor(private readonly options: HubClientOptions) {
    this.fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.base = options.hubUrl.replace(/\/+$/, '') + HUB_API_PREFIX;
  }

  enrol(request: EnrolRequest): Promise<EnrolResponse> {
    return this.request('POST', '/enrol', EnrolResponseSchema, request, { enrolment: true });
  }

  /** A new token for this device; the hub keeps accepting the current one until the new one is first used. */
  rotateToken(): Promise<{ token: string }> {
    return this.request('POST', '/token/rotate', RotateResponseSchema);
  }

  status(): Promise<StatusResponse> {
    return this.request('GET', '/status', StatusResponseSchema);
  }

  push(request: PushRequest): Promise<PushResponse> {
    return this.request('POST', '/push', PushResponseSchema, request);
  }

  pull(cursor: string): Promise<PullResponse> {
    return this.request('GET', `/pull?cursor=${encodeURIComponent(cursor)}`, PullResponseSchema);
  }

  uploadBundle(file: BundleFile): Promise<BundleImportResponse> {
    return this.request('POST', '/bundles', BundleImportResponseSchema, file, { timeoutMs: BUNDLE_TIMEOUT_MS });
  }

  /** The programme office publishes an instrument or catalogue version for every device of its programme. */
  publish(request: PublishRequest): Promise<PublishResponse> {
    return this.request('POST', '/office/publications', PublishResponseSchema, request);
  }

  /** The programme office erases a firm's personal data on the hub; devices scrub theirs at their next pull. */
  eraseFirm(companyId: string): Promise<ErasureResponse> {
    return this.request('POST', '/office/erasures', ErasureResponseSchema, { companyId });
  }

  private async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    { enrolment = false, timeoutMs = this.options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS } = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { [SCHEMA_VERSION_HEADER]: String(CHANGE_SCHEMA_VERSION), accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const url = this.base + path;
    let response: Response;
    try {
      response = await this.fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new HubRequestError(
        'unreachable',
        timedOut
          ? `The hub at ${this.options.hubUrl} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`
          : `Could not reach the hub at ${this.options.hubUrl} (${(error as Error).message}). Check the network connection and the hub address.`,
        null,
      );
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw this.failure(response, text, enrolment);
    try {
      return schema.parse(JSON.parse(text)) as z.infer<S>;
    } catch {
      throw new HubRequestError('server_error', `The hub's answer to ${method} ${path.split('?')[0]} was not understood; it may run an incompatible version.`, response.status);
    }
  }

  private failure(response: Response, text: string, enrolment: boolean): HubRequestError {
    let said = '';
    try {
      said = HubErrorSchema.parse(JSON.parse(text)).message;
    } catch {
      said = text.slice(0, 200);
    }
    const detail = (sentence: string) => (said ? `${sentence} The hub said: ${said}` : sentence);
    const { status } = response;
    if (status === 426) return new HubRequestError('hub_too_old', detail('The hub runs an older version than this app and cannot take its changes yet; they stay on this device.'), status);
    if (status === 429) {
      return new HubRequestError('rate_limited', detail('The hub asked this device to slow down.'), status, retryAfterMs(response.headers.get('retry-after'), Date.now()));
    }
    if (status === 413) return new HubRequestError('rejected', detail('The request was larger than the hub accepts.'), status);
    if (enrolment && status >= 400 && status < 500) return new HubRequestError('invalid_code', detail('The enrolment code was not accepted: it is wrong, already used or expired.'), status);
    if (status === 401) return new HubRequestError('unauthorized', detail('The hub no longer accepts this device. Enrol it again with a new code from the programme office.'), status);
    if (status === 403) return new HubRequestError('rejected', detail('The hub does not allow this device to do that.'), status);
    if (status >= 500) return new HubRequestError('server_error', detail(`The hub failed (HTTP ${status}); the device will try again later.`), status);
    return new HubRequestError('server_error', detail(`The hub refused the request (HTTP ${status}).`), status);
  }
}
