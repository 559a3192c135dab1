import type { z } from 'zod';
import { HubRequestError } from './errors';

const ISSUES_SHOWN = 3;

/** `changes[3].hlc: validation.hlc; batchId: Invalid UUID`: the fields at fault, for the device's log. */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, ISSUES_SHOWN).map((issue) => {
    const at = issue.path.reduce<string>(
      (text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}${text ? '.' : ''}${String(part)}`),
      '',
    );
    return `${at || '(body)'}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

export function parseRequest<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HubRequestError(400, 'invalid_request', describeIssues(parsed.error));
  return parsed.data;
}
