import { z } from 'zod';

export const errorCodes = [
  'invalid_input',
  'not_found',
  'unknown_operation',
  'conflict',
  'database',
  'unauthorized',
  'payload_too_large',
  /** The caller's role may not do this: the programme office reads firms but does not edit them. */
  'forbidden',
  'transport',
  'internal',
] as const;

export const ApiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  field: z.string().optional(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
export type ErrorCode = ApiError['code'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ResultEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);

/** Thrown by services for failures the caller can act on; transports turn it into a Result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, field?: string): Result<never> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
