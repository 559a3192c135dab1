import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/app/content-security-policy';
import { APP_HOST, APP_SCHEME } from './security';
import { contentTypeOf } from './content-types';

/** Serves the built renderer from app://stepping-stones/, with the CSP on every response. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDirectory: string): void {
  const root = path.resolve(rendererDirectory);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    try {
      const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
      const file = path.resolve(root, relative);
      if (url.host !== APP_HOST || !file.startsWith(root + path.sep)) return new Response('Not found', { status: 404 });
      const body = await fs.readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
