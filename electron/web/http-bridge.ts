import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Dispatch } from '../../shared/api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/content-security-policy';
import { fail, type Result } from '../../shared/api/result';
import { contentTypeOf } from '../content-types';

export interface HttpBridgeOptions {
  dispatch: Dispatch;
  /** Required on every request: as a Bearer header on API calls, as ?token= or the cookie it sets on pages. */
  token: string;
  /** The built renderer; omit to serve the API only. */
  staticDirectory?: string;
  /** Large enough for a 1 MB field to reach validation and get a field error rather than a 413. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const COOKIE_NAME = 'ss_token';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
class BodyTooLarge extends Error {}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function cookieToken(request: http.IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE_NAME) return rest.join('=');
  }
  return undefined;
}

function sendJson(response: http.ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

async function readBody(request: http.IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode's transport: the same contract as Electron's IPC, over HTTP on loopback. It moves
 * bytes and checks who is asking; validation and everything else happen in the dispatcher.
 */
export function createHttpBridge(options: HttpBridgeOptions): http.RequestListener {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const staticRoot = options.staticDirectory ? path.resolve(options.staticDirectory) : undefined;

  async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const auth = request.headers.authorization;
    if (!sameToken(auth?.startsWith('Bearer ') ? auth.slice(7) : undefined, options.token)) {
      sendJson(response, 401, fail('unauthorized', 'This request lacks the token printed by npm run web.'));
      return;
    }
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendJson(response, 415, fail('invalid_input', 'Send the call as application/json.'));
      return;
    }
    let body: string;
    try {
      body = await readBody(request, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      sendJson(response, 413, fail('payload_too_large', `The request is larger than ${limit} bytes.`));
      request.resume();
      return;
    }
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      sendJson(response, 400, fail('invalid_input', 'The request body is not valid JSON.'));
      return;
    }
    const operation = decode(name);
    if (operation === null) {
      sendJson(response, 400, fail('invalid_input', 'The operation name is not valid URL encoding.'));
      return;
    }
    sendJson(response, 200, await options.dispatch(operation, input));
  }

  function handleStatic(request: http.IncomingMessage, response: http.ServerResponse, url: URL): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const queryToken = url.searchParams.get('token') ?? undefined;
    const headers: Record<string, string> = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (sameToken(queryToken, options.token)) {
      headers['Set-Cookie'] = `${COOKIE_NAME}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
    } else if (!sameToken(cookieToken(request), options.token)) {
      response.writeHead(401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Stepping Stones: open the address that npm run web printed (it carries this session\'s token).\n');
      return;
    }
    if (!staticRoot) {
      response.writeHead(404, headers).end();
      return;
    }
    const relative = url.pathname === '/' ? 'index.html' : (decode(url.pathname) ?? '').replace(/^\/+/, '');
    const file = path.resolve(staticRoot, relative);
    if (!relative || !file.startsWith(staticRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const type = contentTypeOf(file);
    const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
    response.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  }

  return (request, response) => {
    const hostname = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (!LOOPBACK_HOSTS.has(hostname)) {
      // A page on another site that rebinds its DNS name to 127.0.0.1 arrives with its own Host.
      sendJson(response, 403, fail('unauthorized', 'Browser mode only answers requests addressed to 127.0.0.1.'));
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      response.writeHead(400).end();
      return;
    }
    const api = /^\/api\/([^/]*)$/.exec(url.pathname);
    const work = api ? handleApi(request, response, api[1]!) : Promise.resolve(handleStatic(request, response, url));
    work.catch(() => {
      if (!response.headersSent) sendJson(response, 500, fail('internal', 'The local service failed to answer.'));
      else response.destroy();
    });
  };
}
