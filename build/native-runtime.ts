/**
 * better-sqlite3 is a native module: a build for Electron does not load in Node and the other way
 * round. `npm test`/`npm run cli` call this with `node`, `npm start` with `electron`; each repairs
 * the build only when it is for the wrong runtime.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Runtime = 'node' | 'electron';
export interface Marker {
  runtime: Runtime;
  version: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'stepping-stones-runtime.json');

export function readMarker(file = MARKER): Marker | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Marker;
  } catch {
    return null;
  }
}

/** Loads better-sqlite3 in a fresh Node process; returns the error text, or null when it works. */
export function nodeLoadError(): string | null {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return probe.status === 0 ? null : probe.stderr || `exit ${probe.status}`;
}

export function needsRebuild(target: Runtime, marker: Marker | null, targetVersion: string, loadError: string | null): boolean {
  if (target === 'node') return loadError !== null;
  return marker?.runtime !== 'electron' || marker.version !== targetVersion;
}

function electronVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('electron/package.json') as { version: string }).version;
}

function run(command: string, args: string[]): void {
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
}

export function ensureRuntime(target: Runtime): void {
  const version = target === 'node' ? process.versions.modules : electronVersion();
  const loadError = target === 'node' ? nodeLoadError() : null;
  if (!needsRebuild(target, readMarker(), version, loadError)) return;
  if (target === 'node') {
    console.log('better-sqlite3 was built for another runtime (Electron?); rebuilding it for Node…');
    run('npm', ['rebuild', 'better-sqlite3']);
    const after = nodeLoadError();
    if (after) throw new Error(`better-sqlite3 still does not load in Node after a rebuild:\n${after}`);
  } else {
    console.log(`Rebuilding better-sqlite3 for Electron ${version}…`);
    run(path.join(ROOT, 'node_modules', '.bin', 'electron-rebuild'), ['--force', '--only', 'better-sqlite3', '--version', version]);
  }
  fs.writeFileSync(MARKER, JSON.stringify({ runtime: target, version } satisfies Marker));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const target = process.argv[2];
  if (target !== 'node' && target !== 'electron') {
    console.error('usage: tsx build/native-runtime.ts node|electron');
    process.exit(2);
  }
  ensureRuntime(target);
}
