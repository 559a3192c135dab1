import type { z } from 'zod';
import { appOperations } from '../app/operations';
import { assessmentOperations } from '../assessments/operations';
import { clientOperations } from '../clients/operations';
import { reportOperations } from '../report/operations';
import { roadmapOperations } from '../roadmap/operations';
import { settingsOperations } from '../settings/schema';
import { directoryOperations } from '../roadmap/directory-schema';
import { syncOperations } from '../sync/operations';
import { portfolioOperations } from '../portfolio/schema';
import { officeOperations } from '../office/operations';

/**
 * Every operation the renderer may call, joined from the per-domain declarations. Transports,
 * handlers and the renderer's client all derive their types from this one object.
 */
export const contract = {
  ...appOperations,
  ...clientOperations,
  ...assessmentOperations,
  ...roadmapOperations,
  ...reportOperations,
  ...settingsOperations,
  ...directoryOperations,
  ...syncOperations,
  ...portfolioOperations,
  ...officeOperations,
};

export type Contract = typeof contract;
export type OperationName = keyof Contract;
/** What a caller sends (defaults not yet applied). */
export type OperationInput<N extends OperationName> = z.input<Contract[N]['input']>;
/** What a handler receives, after the contract's schema parsed it. */
export type ParsedInput<N extends OperationName> = z.output<Contract[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Contract[N]['output']>;

export type Handlers = {
  [N in OperationName]: (input: ParsedInput<N>) => Promise<OperationOutput<N>>;
};

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
