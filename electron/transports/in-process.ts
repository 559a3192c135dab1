import type { Transport } from '../../shared/api/client';
import type { Dispatch } from '../../shared/api/dispatch';

/**
 * Calls the dispatcher directly, but copies values across the boundary as IPC and HTTP would,
 * so a test through this transport cannot rely on sharing objects with the handlers.
 */
export function createInProcessTransport(dispatch: Dispatch): Transport {
  return async (name, input) => structuredClone(await dispatch(name, structuredClone(input)));
}
