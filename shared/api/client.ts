import type { OperationInput, OperationName, OperationOutput } from './contract';
import type { Result } from './result';

/** Moves one call to wherever the handlers live and brings back its Result. */
export type Transport = (name: string, input: unknown) => Promise<Result<unknown>>;

export interface ApiClient {
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<Result<OperationOutput<N>>>;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    call: (name, input) => transport(name, input) as Promise<Result<never>>,
  };
}
