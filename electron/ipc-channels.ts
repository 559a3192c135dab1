import type { EventName } from '../shared/api/events';

// Kept apart from the transport so the sandboxed preload bundle stays tiny.
export const API_CHANNEL = 'api:call';

export function eventChannel(event: EventName): string {
  return `event:${event}`;
}
