import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Transport } from '../../shared/api/client';
import type { Dispatch } from '../../shared/api/dispatch';
import type { Result } from '../../shared/api/result';
import { createHttpBridge, type HttpBridgeOptions } from '../../electron/web/http-bridge';

export interface RunningBridge {
  /** e.g. http://127.0.0.1:49152 */
  origin: string;
  port: number;
  token: string;
  /** Posts calls as the browser renderer does: JSON to /api/<name> with the Bearer token. */
  transport: Transport;
  close(): Promise<void>;
}

export interface StartBridgeOptions extends Partial<Omit<HttpBridgeOptions, 'dispatch'>> {
  dispatch: Dispatch;
}

/** Starts the real HTTP bridge on 127.0.0.1, on a port the OS picks. */
export async function startHttpBridge(options: StartBridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? 'test-token-0123456789abcdef';
  const server = http.createServer(createHttpBridge({ ...options, token }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const transport: Transport = async (name, input) => {
    const response = await fetch(`${origin}/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'transport', message: `HTTP ${response.status}: ${text.slice(0, 200)}` } };
    }
  };
  return {
    origin,
    port,
    token,
    transport,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with full control over method, path and headers (fetch forbids setting Host and
 * normalises paths), so tests can send what a hostile page or a misbehaving client would.
 */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer; chunks?: Buffer[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (options.chunks) {
      for (const chunk of options.chunks) request.write(chunk);
      request.end();
    } else {
      request.end(options.body);
    }
  });
}
