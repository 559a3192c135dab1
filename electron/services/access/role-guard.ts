import type { Handlers, OperationName } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import type { Role } from '../../../shared/sync/protocol';

/**
 * Operations that change a firm's data. The programme office sees every firm of the programme but
 * the firms are the advisers' to record: an edit on the office's device would only be refused by
 * the hub later, after the office believed it saved.
 */
export const firmWrites = [
  'clients.create',
  'clients.update',
  'clients.delete',
  'clients.restore',
  'assessments.create',
  'assessments.update',
  'assessments.finalise',
  'assessments.revise',
  'answers.save',
  'targets.save',
  'roadmap.generate',
  'roadmap.updateStep',
  'roadmap.moveStep',
  'roadmap.addStep',
  'roadmap.removeStep',
  'roadmap.restoreStep',
] as const satisfies readonly OperationName[];

/** What only the programme office may do. */
export const officeOnly = [
  'annotations.add',
  'annotations.remove',
  'office.publishInstrument',
  'office.publishCatalogue',
  'office.importBundle',
  'office.eraseFirm',
] as const satisfies readonly OperationName[];

/** Wraps the handlers so each refuses, before it touches anything, what the device's role may not do. */
export function guardByRole(handlers: Handlers, role: () => Promise<Role | null>): Handlers {
  const guarded = { ...handlers } as Record<OperationName, (input: never) => Promise<unknown>>;
  for (const name of firmWrites) {
    const handler = handlers[name] as (input: never) => Promise<unknown>;
    guarded[name] = async (input) => {
      if ((await role()) === 'office') throw new AppError('forbidden', 'The programme office sees firms read-only; the firm’s adviser records changes.');
      return handler(input);
    };
  }
  for (const name of officeOnly) {
    const handler = handlers[name] as (input: never) => Promise<unknown>;
    guarded[name] = async (input) => {
      if ((await role()) !== 'office') throw new AppError('forbidden', 'Only the programme office can do this, from a device enrolled with an office account.');
      return handler(input);
    };
  }
  return guarded as Handlers;
}
