import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../shared/api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/content-security-policy';
import { rawRequest, startHttpBridge, type RunningBridge } from '../helpers/http-bridge';
import { makeTempDir } from '../helpers/temp';

const running: RunningBridge[] = [];

afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

/** A dispatcher that records what reached it and echoes it back. */
function echoDispatch() {
  return vi.fn<Dispatch>(async (name, input) => ({ ok: true, value: { name, input } }));
}

async function start(options: Partial<Parameters<typeof startHttpBridge>[0]> = {}) {
  const dispatch = options.dispatch ?? echoDispatch();
  const bridge = await startHttpBridge({ ...options, dispatch });
  running.push(bridge);
  return { bridge, dispatch: dispatch as ReturnType<typeof echoDispatch> };
}

function apiHeaders(bridge: RunningBridge, extra: Record<string, string> = {}) {
  return { Host: `127.0.0.1:${bridge.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}`, ...extra };
}

function post(bridge: RunningBridge, pathName: string, body: string, headers: Record<string, string> = apiHeaders(bridge)) {
  return rawRequest(bridge.port, { method: 'POST', path: pathName, headers, body });
}

function json(body: string): unknown {
  return JSON.parse(body);
}

/** A renderer build in a temp folder, with a secret file beside it that must never be served. */
function staticSite() {
  const root = makeTempDir();
  fs.writeFileSync(path.join(root, 'package.json'), '{"secret": "outside the static folder"}');
  const site = path.join(root, 'dist');
  fs.mkdirSync(path.join(site, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Stepping Stones</title>');
  fs.writeFileSync(path.join(site, 'assets', 'a.js'), 'console.log("asset");');
  return site;
}

describe('HTTP bridge API calls', () => {
  it('passes an authorised JSON call to the dispatcher and returns its result as JSON', async () => {
    const { bridge, dispatch } = await start();
    const response = await post(bridge, '/api/clients.list', '{"search":"x"}');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(json(response.body)).toEqual({ ok: true, value: { name: 'clients.list', input: { search: 'x' } } });
    expect(dispatch).toHaveBeenCalledWith('clients.list', { search: 'x' });
  });

  it('decodes a URL-encoded operation name', async () => {
    const { bridge, dispatch } = await start();
    await post(bridge, '/api/clients%2Elist', '{}');
    expect(dispatch).toHaveBeenCalledWith('clients.list', {});
  });

  it('answers a call with an empty operation name in JSON, through the dispatcher, rather than as a page', async () => {
    const { bridge, dispatch } = await start();
    const response = await post(bridge, '/api/', '{}');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(dispatch).toHaveBeenCalledWith('', {});
  });

  it('treats an empty body as an empty object', async () => {
    const { bridge, dispatch } = await start();
    await post(bridge, '/api/clients.list', '');
    expect(dispatch).toHaveBeenCalledWith('clients.list', {});
  });

  it('answers a call without a token with 401 and a JSON error, without dispatching', async () => {
    const { bridge, dispatch } = await start();
    const { Authorization, ...noAuth } = apiHeaders(bridge);
    void Authorization;
    const response = await post(bridge, '/api/clients.list', '{}', noAuth);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each([
    ['a wrong token', 'Bearer wrong-token'],
    ['the right token with one character changed', null],
    ['a prefix of the right token', 'prefix'],
    ['the token without the Bearer scheme', 'raw'],
    ['a Basic credential', 'Basic dXNlcjpwYXNz'],
  ])('answers a call with %s with 401 and a JSON error', async (_label, authorization) => {
    const { bridge, dispatch } = await start();
    const value =
      authorization === null
        ? `Bearer ${bridge.token.slice(0, -1)}${bridge.token.endsWith('x') ? 'y' : 'x'}`
        : authorization === 'prefix'
          ? `Bearer ${bridge.token.slice(0, 8)}`
          : authorization === 'raw'
            ? bridge.token
            : authorization;
    const response = await post(bridge, '/api/clients.list', '{}', apiHeaders(bridge, { Authorization: value }));
    expect(response.status).toBe(401);
    expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each(['evil.example', 'evil.example:8080', '127.0.0.1.evil.example', 'localhost.evil.example'])(
    'refuses a request with Host %s with 403, even with the right token (DNS rebinding)',
    async (host) => {
      const { bridge, dispatch } = await start();
      const response = await post(bridge, '/api/clients.list', '{}', apiHeaders(bridge, { Host: host }));
      expect(response.status).toBe(403);
      expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(dispatch).not.toHaveBeenCalled();
    },
  );

  it.each(['localhost', '127.0.0.1', '[::1]'])('accepts the loopback Host %s', async (host) => {
    const { bridge } = await start();
    const response = await post(bridge, '/api/clients.list', '{}', apiHeaders(bridge, { Host: `${host}:${bridge.port}` }));
    expect(response.status).toBe(200);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses content type %s with 415 (no CORS-simple requests)',
    async (type) => {
      const { bridge, dispatch } = await start();
      const response = await post(bridge, '/api/clients.list', '{}', apiHeaders(bridge, { 'Content-Type': type }));
      expect(response.status).toBe(415);
      expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(dispatch).not.toHaveBeenCalled();
    },
  );

  it('refuses a call with no content type with 415', async () => {
    const { bridge } = await start();
    const { ['Content-Type']: type, ...headers } = apiHeaders(bridge);
    void type;
    expect((await post(bridge, '/api/clients.list', '{}', headers)).status).toBe(415);
  });

  it('accepts application/json with a charset', async () => {
    const { bridge } = await start();
    const response = await post(bridge, '/api/clients.list', '{}', apiHeaders(bridge, { 'Content-Type': 'application/json; charset=utf-8' }));
    expect(response.status).toBe(200);
  });

  it.each(['{', '{"name": }', "{'single': 'quotes'}", 'undefined', '\u0000'])('answers malformed JSON %j with 400 invalid_input', async (body) => {
    const { bridge, dispatch } = await start();
    const response = await post(bridge, '/api/clients.create', body);
    expect(response.status).toBe(400);
    expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers a body over maxBodyBytes with 413 payload_too_large', async () => {
    const { bridge, dispatch } = await start({ maxBodyBytes: 1024 });
    const response = await post(bridge, '/api/clients.create', JSON.stringify({ name: 'x'.repeat(2048) }));
    expect(response.status).toBe(413);
    expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers a chunked body that grows past maxBodyBytes with 413 payload_too_large', async () => {
    const { bridge, dispatch } = await start({ maxBodyBytes: 1024 });
    const response = await rawRequest(bridge.port, {
      method: 'POST',
      path: '/api/clients.create',
      headers: apiHeaders(bridge),
      chunks: [Buffer.from('{"name":"'), Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x61), Buffer.from('"}')],
    });
    expect(response.status).toBe(413);
    expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const { bridge, dispatch } = await start({ maxBodyBytes: 1024 });
    const body = JSON.stringify({ search: 'x'.repeat(1024 - '{"search":""}'.length) });
    expect(Buffer.byteLength(body)).toBe(1024);
    expect((await post(bridge, '/api/clients.list', body)).status).toBe(200);
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('by default lets a 1 MB field through to validation rather than refusing it as too large', async () => {
    const { bridge } = await start();
    expect((await post(bridge, '/api/clients.create', JSON.stringify({ name: 'x'.repeat(1024 * 1024) }))).status).toBe(200);
  });

  it.each(['GET', 'PUT', 'DELETE'])('answers %s /api/x with 405 and Allow: POST', async (method) => {
    const { bridge, dispatch } = await start();
    const response = await rawRequest(bridge.port, { method, path: '/api/x', headers: apiHeaders(bridge) });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers an operation name that is not valid URL encoding with 400', async () => {
    const { bridge, dispatch } = await start();
    const response = await post(bridge, '/api/%E0%A4%A', '{}');
    expect(response.status).toBe(400);
    expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers 500 with a JSON internal error when the dispatcher throws, and keeps serving', async () => {
    let fail = true;
    const dispatch = vi.fn<Dispatch>(async () => {
      if (fail) throw new Error('dispatcher exploded');
      return { ok: true, value: null };
    });
    const { bridge } = await start({ dispatch });
    const response = await post(bridge, '/api/clients.list', '{}');
    expect(response.status).toBe(500);
    expect(json(response.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(response.body).not.toContain('exploded');
    fail = false;
    expect((await post(bridge, '/api/clients.list', '{}')).status).toBe(200);
  });
});

describe('HTTP bridge static files', () => {
  it('sets an HttpOnly SameSite=Strict cookie for ?token= and serves index.html with the CSP', async () => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const response = await rawRequest(bridge.port, { path: `/?token=${bridge.token}`, headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(response.status).toBe(200);
    expect(response.body).toBe('<!doctype html><title>Stepping Stones</title>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const cookie = response.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^ss_token=${bridge.token};`));
    expect(cookie).toMatch(/;\s*HttpOnly/);
    expect(cookie).toMatch(/;\s*SameSite=Strict/);
    expect(cookie).toMatch(/;\s*Path=\//);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves files with the cookie alone, and marks hashed assets immutable', async () => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const headers = { Host: `127.0.0.1:${bridge.port}`, Cookie: `other=1; ss_token=${bridge.token}` };
    const asset = await rawRequest(bridge.port, { path: '/assets/a.js', headers });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log("asset");');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(asset.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['no token or cookie', {}],
    ['a wrong cookie', { Cookie: 'ss_token=wrong' }],
  ])('answers a page request with %s with 401 and serves nothing', async (_label, extra) => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const response = await rawRequest(bridge.port, { path: '/', headers: { Host: `127.0.0.1:${bridge.port}`, ...extra } });
    expect(response.status).toBe(401);
    expect(response.body).not.toContain('Stepping Stones</title>');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('does not set a cookie for a wrong ?token=', async () => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const response = await rawRequest(bridge.port, { path: '/?token=wrong', headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(response.status).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a page request with a foreign Host with 403', async () => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const response = await rawRequest(bridge.port, { path: `/?token=${bridge.token}`, headers: { Host: 'evil.example' } });
    expect(response.status).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/..%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/%2fetc%2fpasswd',
    '/..%5cpackage.json',
  ])('answers the traversal attempt %s with 404 and never serves the file outside', async (attempt) => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const response = await rawRequest(bridge.port, { path: attempt, headers: { Host: `127.0.0.1:${bridge.port}`, Cookie: `ss_token=${bridge.token}` } });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('secret');
  });

  it('answers a missing file and a directory with 404', async () => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const headers = { Host: `127.0.0.1:${bridge.port}`, Cookie: `ss_token=${bridge.token}` };
    expect((await rawRequest(bridge.port, { path: '/nope.js', headers })).status).toBe(404);
    expect((await rawRequest(bridge.port, { path: '/assets', headers })).status).toBe(404);
  });

  it('answers page requests with 404 when no static folder is configured', async () => {
    const { bridge } = await start();
    const response = await rawRequest(bridge.port, { path: `/?token=${bridge.token}`, headers: { Host: `127.0.0.1:${bridge.port}` } });
    expect(response.status).toBe(404);
  });

  it('answers POST to a page with 405', async () => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const response = await rawRequest(bridge.port, { method: 'POST', path: '/', headers: { Host: `127.0.0.1:${bridge.port}`, Cookie: `ss_token=${bridge.token}` } });
    expect(response.status).toBe(405);
  });

  it('answers HEAD with headers and no body', async () => {
    const { bridge } = await start({ staticDirectory: staticSite() });
    const response = await rawRequest(bridge.port, { method: 'HEAD', path: '/', headers: { Host: `127.0.0.1:${bridge.port}`, Cookie: `ss_token=${bridge.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.body).toBe('');
  });
});
