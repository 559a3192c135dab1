import { z } from 'zod';
import { parseHlc } from './hlc';
import { hubTables, syncedTables } from './tables';

/**
 * The wire protocol between a device and the programme office's hub. Both sides parse every
 * message with these schemas; nothing else describes the shape of a request or an answer.
 */

/**
 * Version of the sync protocol a device speaks; a device on a newer one than the hub gets 426.
 * 2: pulls may carry erasure records (devices on 1 are not sent them).
 */
export const CHANGE_SCHEMA_VERSION = 2;
/** Header carrying the sender's change schema version on every request. */
export const SCHEMA_VERSION_HEADER = 'x-stepping-stones-schema';
/** At most this many changes in one push; the device splits its outbox into batches of this size or fewer. */
export const MAX_BATCH_CHANGES = 2000;
/** At most this many rows in one pull answer. */
export const MAX_PULL_ROWS = 5000;

export const HlcSchema = z.string().refine(
  (value) => {
    try {
      parseHlc(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'validation.hlc' },
);

const DeviceIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'validation.deviceId');
const TableSchema = z.enum([...Object.keys(syncedTables), ...Object.keys(hubTables)] as [string, ...string[]]);
/**
 * Column values are what SQLite stores: text, numbers, null. Structured values travel as JSON text;
 * the largest is a published catalogue (about 200 kB today), so text may grow well beyond that
 * while one change still fits the hub's 8 MiB request limit.
 */
export const MAX_VALUE_LENGTH = 4_000_000;
const ValueSchema = z.union([z.string().max(MAX_VALUE_LENGTH), z.number().finite(), z.null()]);
const ColumnSchema = z.string().regex(/^[a-z_]{1,40}$/, 'validation.column');

export const ChangeSchema = z
  .object({
    /** Unique per change for ever: the hub stores each change at most once by this id. */
    changeId: z.uuid(),
    table: TableSchema,
    rowId: z.uuid(),
    operation: z.enum(['upsert', 'delete']),
    hlc: HlcSchema,
    /**
     * For each column in `changes`, the clock of the value this device replaced (null when it
     * had none). A stored clock newer than this, from another device, means two concurrent edits.
     */
    replaced: z.record(ColumnSchema, HlcSchema.nullable()),
    changes: z.record(ColumnSchema, ValueSchema),
    schemaVersion: z.number().int().positive(),
  })
  .strict();
export type Change = z.infer<typeof ChangeSchema>;

export const PushRequestSchema = z
  .object({
    /** Makes a retried request a no-op even before its changes are looked at. */
    batchId: z.uuid(),
    changes: z.array(ChangeSchema).min(1).max(MAX_BATCH_CHANGES),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const ChangeOutcomeSchema = z.object({
  changeId: z.uuid(),
  /**
   * accepted: applied. duplicate: the hub already had it. conflict: stored, but another device
   * had changed the same column concurrently; both values are kept in a conflict record.
   * rejected: never applied, with the reason; the device keeps it and shows it.
   */
  status: z.enum(['accepted', 'duplicate', 'conflict', 'rejected']),
  reason: z.string().optional(),
});
export type ChangeOutcome = z.infer<typeof ChangeOutcomeSchema>;

/** What the hub knows of the calling device; a device that knows less was restored from a backup. */
export const DeviceWatermarkSchema = z.object({
  /** The newest clock the hub has received from this device. */
  lastHlc: HlcSchema.nullable(),
  /** How many distinct changes from this device the hub has stored. */
  changeCount: z.number().int().nonnegative(),
});
export type DeviceWatermark = z.infer<typeof DeviceWatermarkSchema>;

export const PushResponseSchema = z.object({
  results: z.array(ChangeOutcomeSchema),
  device: DeviceWatermarkSchema,
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** A row as the hub holds it after merging every device's changes. */
export const PulledRowSchema = z.object({
  table: TableSchema,
  rowId: z.uuid(),
  values: z.record(ColumnSchema, ValueSchema),
  /** Column → the clock of its current value; last writer wins per column by this clock. */
  clocks: z.record(ColumnSchema, HlcSchema),
  /**
   * The user the row belongs to; null for a programme-wide row. Sent with directory entries to
   * everyone (an adviser only ever receives their own or the programme's) and with firms to the
   * programme office. Optional: older hubs do not send it.
   */
  owner: z.string().nullable().optional(),
});
export type PulledRow = z.infer<typeof PulledRowSchema>;

/** Cursors are decimal text so a PostgreSQL bigint survives JSON. */
export const CursorSchema = z.string().regex(/^\d{1,19}$/, 'validation.cursor');

export const PullResponseSchema = z.object({
  rows: z.array(PulledRowSchema),
  /** Pass back as `cursor` to continue; stored by the device in the same transaction as the rows. */
  cursor: CursorSchema,
  more: z.boolean(),
  device: DeviceWatermarkSchema,
  /** The programme's advisers, sent only to the programme office (older hubs send none). */
  advisers: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const RoleSchema = z.enum(['adviser', 'office']);
export type Role = z.infer<typeof RoleSchema>;

export const EnrolRequestSchema = z
  .object({
    code: z.string().min(6).max(64),
    deviceId: DeviceIdSchema,
    deviceName: z.string().max(120),
    /** The device's Ed25519 public key (SPKI, DER, base64) with which it signs sync bundles. */
    publicKey: z.string().min(40).max(200),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const IdentitySchema = z.object({
  hubId: z.string(),
  programme: z.object({ id: z.string(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), role: RoleSchema }),
  deviceId: DeviceIdSchema,
});
export type Identity = z.infer<typeof IdentitySchema>;

export const EnrolResponseSchema = IdentitySchema.extend({
  /** Sent once; the hub keeps only its hash. */
  token: z.string(),
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

export const RotateResponseSchema = z.object({ token: z.string() });

export const StatusResponseSchema = IdentitySchema.extend({
  device: DeviceWatermarkSchema,
  schemaVersion: z.number().int(),
});
export type StatusResponse = z.infer<typeof StatusResponseSchema>;

/** Every error answer of the hub: a stable code for programs and a sentence for people. */
export const HubErrorSchema = z.object({
  error: z.enum([
    'invalid_request',
    'unauthorized',
    'forbidden',
    'not_found',
    /** The request contradicts what the hub holds (a published version with other content). */
    'conflict',
    'payload_too_large',
    'rate_limited',
    'schema_too_new',
    'bad_signature',
    'internal',
  ]),
  message: z.string(),
});
export type HubError = z.infer<typeof HubErrorSchema>;

export const BUNDLE_FORMAT = 'stepping-stones-sync-bundle';

/** The signed part of a bundle file. */
export const BundlePayloadSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(1),
    deviceId: DeviceIdSchema,
    hubId: z.string(),
    createdAt: z.string(),
    changes: z.array(ChangeSchema),
  })
  .strict();
export type BundlePayload = z.infer<typeof BundlePayloadSchema>;

/**
 * A bundle file: the payload as the exact JSON text that was signed, and an Ed25519 signature of
 * that text's UTF-8 bytes. Keeping the text rather than re-serialising makes verification exact.
 */
export const BundleFileSchema = z
  .object({
    payload: z.string().max(256 * 1024 * 1024),
    signature: z.string().max(200),
  })
  .strict();
export type BundleFile = z.infer<typeof BundleFileSchema>;

export const BundleImportResponseSchema = z.object({
  deviceId: DeviceIdSchema,
  results: z.array(ChangeOutcomeSchema),
});
export type BundleImportResponse = z.infer<typeof BundleImportResponseSchema>;

/**
 * Endpoints (all JSON, all under /v1, all but enrol with `Authorization: Bearer <device token>` and
 * the schema-version header):
 *   POST /v1/enrol          EnrolRequest → EnrolResponse
 *   GET  /v1/status         → StatusResponse
 *   POST /v1/token/rotate   → { token }; the old token keeps working until the new one is first used
 *   POST /v1/push           PushRequest → PushResponse
 *   GET  /v1/pull?cursor=N  → PullResponse
 *   POST /v1/bundles        BundleFile → BundleImportResponse (office role, or the bundle's own device)
 *   POST /v1/office/publications  PublishRequest → PublishResponse (office role; 409 for a version published with other content)
 *   POST /v1/office/erasures      ErasureRequest → ErasureResponse (office role; 404 for a firm not in the programme)
 * Errors: HubError with 400, 401 (unknown or revoked token), 403 (not allowed for this device or role), 413 (split the batch), 426
 * (the device's schema is newer than the hub's), 429 (back off; Retry-After in seconds).
 */
export const HUB_API_PREFIX = '/v1';

/** An instrument or catalogue version the programme office publishes from its own device. */
export const PublishRequestSchema = z
  .object({
    kind: z.enum(['instrument', 'catalogue']),
    /** The definition as parsed JSON; the hub validates it with the app's own validator. */
    definition: z.unknown(),
  })
  .strict();
export type PublishRequest = z.infer<typeof PublishRequestSchema>;

export const PublishResponseSchema = z.object({
  kind: z.enum(['instrument', 'catalogue']),
  /** The instrument's id, or the catalogue's. */
  id: z.string(),
  version: z.string(),
  /** False when this exact version was already published with the same content. */
  published: z.boolean(),
});
export type PublishResponse = z.infer<typeof PublishResponseSchema>;

export const ErasureRequestSchema = z.object({ companyId: z.uuid() }).strict();
export type ErasureRequest = z.infer<typeof ErasureRequestSchema>;

export const ErasureResponseSchema = z.object({ companyId: z.uuid(), erasedAt: z.string() });
export type ErasureResponse = z.infer<typeof ErasureResponseSchema>;
