import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsRebuild, readMarker, type Marker } from '../../build/native-runtime';
import { makeTempDir } from '../helpers/temp';

const ELECTRON = '45.4.1';

describe('needsRebuild for the node target', () => {
  it('does not rebuild when better-sqlite3 loads, whatever the marker says', () => {
    const markers: (Marker | null)[] = [null, { runtime: 'node', version: '115' }, { runtime: 'electron', version: ELECTRON }];
    for (const marker of markers) expect(needsRebuild('node', marker, '115', null)).toBe(false);
  });

  it('rebuilds when loading fails, whatever the marker says', () => {
    const error = 'Error: The module was compiled against a different Node.js version (NODE_MODULE_VERSION 140)';
    const markers: (Marker | null)[] = [null, { runtime: 'node', version: '115' }, { runtime: 'electron', version: ELECTRON }];
    for (const marker of markers) expect(needsRebuild('node', marker, '115', error)).toBe(true);
  });
});

describe('needsRebuild for the electron target', () => {
  it('does not rebuild when the marker says the same Electron version', () => {
    expect(needsRebuild('electron', { runtime: 'electron', version: ELECTRON }, ELECTRON, null)).toBe(false);
  });

  it('rebuilds when the marker says node', () => {
    expect(needsRebuild('electron', { runtime: 'node', version: ELECTRON }, ELECTRON, null)).toBe(true);
    expect(needsRebuild('electron', { runtime: 'node', version: '115' }, ELECTRON, null)).toBe(true);
  });

  it('rebuilds when the marker names another Electron version', () => {
    expect(needsRebuild('electron', { runtime: 'electron', version: '44.0.0' }, ELECTRON, null)).toBe(true);
  });

  it('rebuilds when there is no marker', () => {
    expect(needsRebuild('electron', null, ELECTRON, null)).toBe(true);
  });

  it('rebuilds when the marker is JSON of the wrong shape', () => {
    expect(needsRebuild('electron', {} as Marker, ELECTRON, null)).toBe(true);
    expect(needsRebuild('electron', { runtime: 'electron' } as Marker, ELECTRON, null)).toBe(true);
  });
});

describe('readMarker', () => {
  it('reads the runtime and version written after a rebuild', () => {
    const file = path.join(makeTempDir(), 'stepping-stones-runtime.json');
    fs.writeFileSync(file, JSON.stringify({ runtime: 'electron', version: ELECTRON }));
    expect(readMarker(file)).toEqual({ runtime: 'electron', version: ELECTRON });
  });

  it('returns null for a missing file', () => {
    expect(readMarker(path.join(makeTempDir(), 'missing.json'))).toBeNull();
  });

  it.each([
    ['truncated JSON', '{"runtime":"elec'],
    ['an empty file', ''],
    ['binary garbage', '\u0000\u00ff\u0013'],
  ])('returns null for a corrupt file: %s', (_label, content) => {
    const file = path.join(makeTempDir(), 'stepping-stones-runtime.json');
    fs.writeFileSync(file, content);
    expect(readMarker(file)).toBeNull();
  });

  it('returns null when the path is a folder', () => {
    expect(readMarker(makeTempDir())).toBeNull();
  });
});
