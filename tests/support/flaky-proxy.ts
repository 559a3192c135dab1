import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Where a connection is cut. `before-hub`: the request never reaches the hub. `after-hub`: the hub
 * applied the request but the answer is lost on the way back, the case that tempts a client to
 * resend. `mid-answer`: half of the answer arrives, then the connection drops.
 */
export type Cut = 'before-hub' | 'after-hub' | 'mid-answer';

export interface FlakyProxy {
  url: string;
  /** How many requests were cut, by where. */
  cuts: Record<Cut, number>;
  passed: number;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the hub that cuts connections at random points, decided by `decide`
 * (seeded by the test, so a failure can be replayed).
 */
export async function startFlakyProxy(target: string, decide: () => Cut | 'pass'): Promise<FlakyProxy> {
  const upstream = new URL(target);
  const cuts: Record<Cut, number> = { 'before-hub': 0, 'after-hub': 0, 'mid-answer': 0 };
  let passed = 0;
  const server = http.createServer((request, response) => {
    const fate = decide();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (fate === 'before-hub') {
        cuts[fate] += 1;
        request.socket.destroy();
        return;
      }
      const forwarded = http.request(
        { hostname: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const whole = Buffer.concat(body);
            if (fate === 'after-hub') {
              cuts[fate] += 1;
              request.socket.destroy();
              return;
            }
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            if (fate === 'mid-answer') {
              cuts[fate] += 1;
              response.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(whole.length) });
              response.write(whole.subarray(0, Math.floor(whole.length / 2)), () => request.socket.destroy());
              return;
            }
            passed += 1;
            response.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(whole.length) });
            response.end(whole);
          });
        },
      );
      forwarded.on('error', () => request.socket.destroy());
      forwarded.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cuts,
    get passed() {
      return passed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
