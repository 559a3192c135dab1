import type { Transport } from '../../shared/api/client';
import type { EventName } from '../../shared/api/events';
import { ResultEnvelopeSchema, type Result } from '../../shared/api/result';

interface PreloadBridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: EventName, listener: () => void): () => void;
}

declare global {
  interface Window {
    steppingStones?: PreloadBridge;
  }
}

const TOKEN_KEY = 'stepping-stones-token';

function transportError(message: string): Result<never> {
  return { ok: false, error: { code: 'transport', message } };
}

function envelope(value: unknown): Result<unknown> {
  const parsed = ResultEnvelopeSchema.safeParse(value);
  return parsed.success ? (parsed.data as Result<unknown>) : transportError('The local service sent an answer the app does not understand.');
}

function ipcTransport(bridge: PreloadBridge): Transport {
  return async (name, input) => {
    try {
      return envelope(await bridge.call(name, input));
    } catch (error) {
      return transportError(error instanceof Error ? error.message : String(error));
    }
  };
}

/** Browser mode: the token comes once in the address printed by `npm run web` and is kept for reloads. */
function httpTransport(): Transport {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
  const token = fromUrl ?? window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  return async (name, input) => {
    try {
      const response = await fetch(`./api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return envelope(await response.json());
    } catch (error) {
      return transportError(error instanceof Error ? error.message : String(error));
    }
  };
}

export function detectTransport(): Transport {
  return window.steppingStones ? ipcTransport(window.steppingStones) : httpTransport();
}

/** Menu commands from the Electron shell; browser mode has no menu, so nothing ever arrives. */
export function onShellEvent(event: EventName, listener: () => void): () => void {
  return window.steppingStones?.on(event, listener) ?? (() => undefined);
}
