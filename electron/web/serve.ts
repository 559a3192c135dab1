import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppServices } from '../services/app-services';
import { defaultDataDirectory } from '../services/app-data-directory';
import { DatabaseOpenError } from '../services/database/open-database';
import { createHttpBridge } from './http-bridge';

const RENDERER_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  if (!fs.existsSync(path.join(RENDERER_DIRECTORY, 'index.html'))) {
    throw new Error('The renderer is not built. Run "npm run web", which builds it first.');
  }
  const dataDirectory = path.resolve(values.data ?? defaultDataDirectory());
  const services = await createAppServices({
    dataDirectory,
    backgroundSync: true,
    onInternalError: (error, operation) => console.error(`[${operation}]`, error),
  });
  const token = crypto.randomBytes(24).toString('base64url');
  const server = http.createServer(createHttpBridge({ dispatch: services.dispatch, token, staticDirectory: RENDERER_DIRECTORY }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Data folder: ${dataDirectory}`);
  console.log(`Stepping Stones is running at http://127.0.0.1:${actualPort}/?token=${token}`);

  const stop = () => {
    server.close();
    server.closeAllConnections();
    void services.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof DatabaseOpenError || error instanceof Error ? error.message : error);
  process.exit(1);
});
