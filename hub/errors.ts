import type { HubError } from '../shared/sync/protocol';

/** A refusal with its HTTP status and the HubError body the device reads. */
export class HubRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: HubError['error'],
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HubRequestError';
  }

  toBody(): HubError {
    return { error: this.code, message: this.message };
  }
}
