import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import {
  BundleFileSchema,
  CHANGE_SCHEMA_VERSION,
  CursorSchema,
  EnrolRequestSchema,
  ErasureRequestSchema,
  MAX_PULL_ROWS,
  PublishRequestSchema,
  PushRequestSchema,
  SCHEMA_VERSION_HEADER,
  type BundleImportResponse,
  type EnrolResponse,
  type ErasureResponse,
  type HubError,
  type PublishResponse,
  type PullResponse,
  type PushResponse,
  type StatusResponse,
} from '../shared/sync/protocol';
import { authenticate, bearerToken, type Caller } from './auth';
import { importBundle } from './bundles';
import { sha256, type HubDatabase } from './database';
import { enrolDevice, rotateToken } from './enrolment';
import { eraseFirm } from './erasure';
import { HubRequestError } from './errors';
import { publishFromOffice, requireOffice } from './office';
import { PULL_PAGE_BYTES, pullRows } from './pull';
import { applyChanges } from './push';
import { RateLimiter, type BucketLimit } from './rate-limit';
import { checkChangeSchemaVersions, checkSchemaHeader } from './schema-version';
import { parseRequest } from './validation';
import { deviceWatermark } from './watermark';

export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;
export const DEFAULT_BUNDLE_BODY_LIMIT = 256 * 1024 * 1024;
export const DEFAULT_DEVICE_RATE: BucketLimit = { capacity: 300, refillPerSecond: 5 };
export const DEFAULT_IP_RATE: BucketLimit = { capacity: 20, refillPerSecond: 0.2 };

export interface CreateHubOptions {
  database: HubDatabase;
  now?: () => Date;
  /** Largest request body in bytes; bundles have their own limit. */
  bodyLimit?: number;
  bundleBodyLimit?: number;
  rateLimits?: {
    /** Per enrolled device, for every authenticated request. */
    device?: BucketLimit;
    /** Per client address, for enrolment and for requests with a token the hub does not know. */
    ip?: BucketLimit;
  };
  logger?: FastifyServerOptions['logger'];
  /** Set when a reverse proxy terminates TLS, so per-address limits see the client's address. */
  trustProxy?: FastifyServerOptions['trustProxy'];
}

const PullQuerySchema = z
  .object({
    cursor: CursorSchema.default('0'),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_ROWS).default(MAX_PULL_ROWS),
  })
  .strict();

/**
 * The hub's HTTP API. Every piece of state lives in the database, so any number of instances can
 * serve one PostgreSQL database side by side; only the rate-limit buckets are per instance.
 */
export function createHub(options: CreateHubOptions): FastifyInstance {
  const { database } = options;
  const { db } = database;
  const now = options.now ?? (() => new Date());
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const deviceLimiter = new RateLimiter(options.rateLimits?.device ?? DEFAULT_DEVICE_RATE, () => now().getTime());
  const ipLimiter = new RateLimiter(options.rateLimits?.ip ?? DEFAULT_IP_RATE, () => now().getTime());
  const callers = new WeakMap<FastifyRequest, { caller: Caller; tokenHash: string }>();

  const app = Fastify({ bodyLimit, logger: options.logger ?? false, trustProxy: options.trustProxy ?? false });

  // Devices send `content-type: application/json` on every POST, also the ones without a body.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') done(null, undefined);
    else parseJson(request, text, done);
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof HubRequestError) return sendError(reply, error);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(
        reply,
        new HubRequestError(413, 'payload_too_large', 'The request is larger than this hub accepts; send the changes in smaller batches.'),
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendError(reply, new HubRequestError(400, 'invalid_request', 'The request body is not valid JSON.'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, new HubRequestError(status, 'invalid_request', error.message));
    request.log.error(error);
    return sendError(reply, new HubRequestError(500, 'internal', 'The hub failed to handle this request. Try again later.'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new HubRequestError(404, 'not_found', `There is no ${request.method} ${request.url.split('?')[0]} on this hub.`)),
  );

  const checkSchema = async (request: FastifyRequest) => checkSchemaHeader(request.headers[SCHEMA_VERSION_HEADER], SCHEMA_VERSION_HEADER);

  const limitByAddress = async (request: FastifyRequest) => {
    const taken = ipLimiter.take(request.ip);
    if (!taken.ok) throw rateLimited(taken.retryAfterSeconds);
  };

  const requireDevice = async (request: FastifyRequest) => {
    const token = bearerToken(request.headers.authorization);
    const caller = token ? await authenticate(db, token, now()) : null;
    if (!token || !caller) {
      // Guessing tokens costs a lookup each; the address pays for it from the enrolment bucket.
      await limitByAddress(request);
      throw new HubRequestError(
        401,
        'unauthorized',
        token
          ? 'This device is not enrolled on this hub, or its token was revoked or rotated. Enrol it again with a new code.'
          : 'Send the device token as "Authorization: Bearer <token>".',
      );
    }
    const taken = deviceLimiter.take(caller.deviceId);
    if (!taken.ok) throw rateLimited(taken.retryAfterSeconds);
    callers.set(request, { caller, tokenHash: sha256(token) });
  };
  const callerOf = (request: FastifyRequest) => {
    const found = callers.get(request);
    if (!found) throw new Error('Route registered without requireDevice');
    return found;
  };
  const authenticated = { onRequest: [checkSchema, requireDevice] };

  app.post('/v1/enrol', { onRequest: [checkSchema, limitByAddress] }, async (request): Promise<EnrolResponse> => {
    const body = parseRequest(EnrolRequestSchema, request.body);
    return enrolDevice(database, now(), body);
  });

  app.get('/v1/status', authenticated, async (request): Promise<StatusResponse> => {
    const { caller } = callerOf(request);
    return {
      hubId: database.hubId,
      programme: { id: caller.programmeId, name: caller.programmeName },
      user: { id: caller.userId, name: caller.userName, role: caller.role },
      deviceId: caller.deviceId,
      device: await deviceWatermark(db, caller.deviceId),
      schemaVersion: CHANGE_SCHEMA_VERSION,
    };
  });

  app.post('/v1/token/rotate', authenticated, async (request): Promise<{ token: string }> => {
    const { caller, tokenHash } = callerOf(request);
    return { token: await rotateToken(db, now(), caller, tokenHash) };
  });

  app.post('/v1/push', authenticated, async (request): Promise<PushResponse> => {
    const { caller } = callerOf(request);
    checkChangeSchemaVersions(request.body);
    const body = parseRequest(PushRequestSchema, request.body);
    return applyChanges(database, caller, body.changes, { now: now(), batchId: body.batchId, audit: { action: 'push' } });
  });

  app.get('/v1/pull', authenticated, async (request): Promise<PullResponse> => {
    const { caller } = callerOf(request);
    const query = parseRequest(PullQuerySchema, request.query);
    const schemaVersion = checkSchemaHeader(request.headers[SCHEMA_VERSION_HEADER], SCHEMA_VERSION_HEADER);
    return pullRows(db, caller, query.cursor, query.limit, PULL_PAGE_BYTES, schemaVersion);
  });

  app.post(
    '/v1/bundles',
    { ...authenticated, bodyLimit: options.bundleBodyLimit ?? DEFAULT_BUNDLE_BODY_LIMIT },
    async (request): Promise<BundleImportResponse> => {
      const { caller } = callerOf(request);
      const body = request.body as { signature?: unknown } | undefined;
      if (body && typeof body === 'object' && (typeof body.signature !== 'string' || body.signature === '')) {
        throw new HubRequestError(400, 'bad_signature', 'The bundle carries no signature. Nothing was imported.');
      }
      const file = parseRequest(BundleFileSchema, request.body);
      return importBundle(database, now(), file, { kind: 'device', caller });
    },
  );

  app.post('/v1/office/publications', authenticated, async (request): Promise<PublishResponse> => {
    const { caller } = callerOf(request);
    requireOffice(caller, 'publish instruments and catalogues');
    return publishFromOffice(database, now(), caller, parseRequest(PublishRequestSchema, request.body));
  });

  app.post('/v1/office/erasures', authenticated, async (request): Promise<ErasureResponse> => {
    const { caller } = callerOf(request);
    requireOffice(caller, 'erase a firm');
    const body = parseRequest(ErasureRequestSchema, request.body);
    return eraseFirm(database, caller, body.companyId, now());
  });

  return app;
}

function rateLimited(retryAfterSeconds: number): HubRequestError {
  return new HubRequestError(
    429,
    'rate_limited',
    `Too many requests from this device or address; try again in ${retryAfterSeconds} s.`,
    { 'retry-after': String(retryAfterSeconds) },
  );
}

function sendError(reply: FastifyReply, error: HubRequestError): FastifyReply {
  const body: HubError = error.toBody();
  return reply.code(error.status).headers(error.headers).type('application/json; charset=utf-8').send(body);
}
