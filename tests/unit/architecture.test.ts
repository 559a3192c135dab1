import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  const dir = path.join(ROOT, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every import of a file: a package name, or a project path relative to the root prefixed with "./". */
function importsOf(file: string): { target: string; specifier: string }[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = (match[1] ?? match[2])!;
    if (!specifier.startsWith('.')) return { target: specifier, specifier };
    const resolved = path.relative(ROOT, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
    return { target: `./${resolved}`, specifier };
  });
}

const inFolder = (target: string, ...folders: string[]) => folders.some((folder) => target.startsWith(`./${folder}/`));
const isNode = (target: string) => target.startsWith('node:') || target === 'better-sqlite3' || target === 'electron';

function violations(folder: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(folder).flatMap((file) =>
    importsOf(file)
      .filter(({ target }) => forbidden(target))
      .map(({ specifier }) => `${path.relative(ROOT, file)} imports ${specifier}`),
  );
}

describe('dependency direction (renderer → shared ← services ← electron; hub → shared)', () => {
  it('keeps shared/ free of the project outside it and of Node and Electron', () => {
    expect(violations('shared', (t) => (t.startsWith('./') && !inFolder(t, 'shared')) || isNode(t))).toEqual([]);
  });

  it('lets the renderer reach only shared/, never Node, Electron or the services', () => {
    expect(violations('renderer', (t) => inFolder(t, 'electron', 'hub', 'migrations') || isNode(t))).toEqual([]);
  });

  it('keeps the services plain Node modules that never import electron', () => {
    expect(
      violations('electron/services', (t) => t === 'electron' || inFolder(t, 'renderer') || (inFolder(t, 'electron') && !inFolder(t, 'electron/services'))),
    ).toEqual([]);
  });

  it('lets nothing outside tests import from the renderer', () => {
    for (const folder of ['shared', 'electron', 'migrations', 'hub']) expect(violations(folder, (t) => inFolder(t, 'renderer'))).toEqual([]);
  });
});
