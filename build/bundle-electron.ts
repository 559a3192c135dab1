import fs from 'node:fs';
import { build, type BuildOptions } from 'esbuild';

// The main process and preload are bundled so migrations, shared code and the contract travel in
// one file each; native and Electron modules stay outside the bundle.
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
  // The report module falls back to import.meta.url only when run from source; main passes its font folder.
  logOverride: { 'empty-import-meta': 'silent' },
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' });
// The PDF report embeds these fonts; main.cjs finds them beside itself.
fs.cpSync('electron/services/report/fonts', 'dist-electron/fonts', { recursive: true });
