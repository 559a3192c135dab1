import { createI18n } from '../i18n';
import { describeIssues } from './issues';
import { contract, isOperationName, type Handlers } from './contract';
import { AppError, fail, type Result } from './result';

export type Dispatch = (name: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Called with errors that are bugs rather than bad input, so the host can log them. */
  onInternalError?: (error: unknown, operation: string) => void;
}

const english = createI18n('en');

/**
 * The one place where a call from any transport is validated against the contract and handed to
 * its handler. Transports only move bytes; everything they receive goes through here.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (name, input) => {
    if (!isOperationName(name)) {
      return fail('unknown_operation', `There is no operation called ${JSON.stringify(String(name).slice(0, 100))}.`);
    }
    const operation = contract[name];
    const parsed = operation.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = describeIssues(parsed.error).map((issue) => ({
        field: issue.field,
        message: english.t(issue.key, issue.params),
      }));
      const first = issues[0]!;
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: first.field ? `${first.field}: ${first.message}` : first.message,
          field: first.field,
          issues,
        },
      };
    }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value: operation.output.parse(value) };
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.field);
      options.onInternalError?.(error, name);
      return fail('internal', english.t('errors.internal'));
    }
  };
}
