import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { registerAppProtocol } from '../../electron/app-protocol';
import { APP_SCHEME } from '../../electron/security';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/content-security-policy';
import { makeTempDir } from '../helpers/temp';
import { fakeProtocol } from './fakes';

function setup() {
  const root = makeTempDir();
  fs.writeFileSync(path.join(root, 'secret.txt'), 'SECRET outside the renderer folder');
  const renderer = path.join(root, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Stepping Stones</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1);');
  fs.writeFileSync(path.join(renderer, 'assets', 'data.bin'), Buffer.from([0, 1, 2]));
  const { protocol, handlers } = fakeProtocol();
  registerAppProtocol(protocol, renderer);
  const handler = handlers.get(APP_SCHEME);
  if (!handler) throw new Error(`nothing registered for ${APP_SCHEME}:`);
  return (url: string) => Promise.resolve(handler(new Request(url)));
}

describe('registerAppProtocol', () => {
  it('serves index.html for the root with the CSP and nosniff', async () => {
    const fetchApp = setup();
    for (const url of ['app://stepping-stones/', 'app://stepping-stones/index.html']) {
      const response = await fetchApp(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<!doctype html><title>Stepping Stones</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves assets with their content type and the CSP', async () => {
    const fetchApp = setup();
    const script = await fetchApp('app://stepping-stones/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const binary = await fetchApp('app://stepping-stones/assets/data.bin');
    expect(binary.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await binary.arrayBuffer())).toEqual(Buffer.from([0, 1, 2]));
  });

  it.each([
    'app://stepping-stones/../secret.txt',
    'app://stepping-stones/%2e%2e/secret.txt',
    'app://stepping-stones/..%2fsecret.txt',
    'app://stepping-stones/assets/..%2f..%2fsecret.txt',
    'app://stepping-stones/%2F..%2Fsecret.txt',
  ])('answers the traversal attempt %s with 404 and never serves the file outside', async (url) => {
    const fetchApp = setup();
    const response = await fetchApp(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
  });

  it('answers another host on the app scheme with 404', async () => {
    const fetchApp = setup();
    expect((await fetchApp('app://evil/index.html')).status).toBe(404);
  });

  it('answers a missing file and a directory with 404', async () => {
    const fetchApp = setup();
    expect((await fetchApp('app://stepping-stones/missing.js')).status).toBe(404);
    expect((await fetchApp('app://stepping-stones/assets/')).status).toBe(404);
  });

  it('answers a path that is not valid percent-encoding with 404 instead of throwing', async () => {
    const fetchApp = setup();
    const response = await fetchApp('app://stepping-stones/%E0%A4%A').catch((error: unknown) => error);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(404);
  });
});
