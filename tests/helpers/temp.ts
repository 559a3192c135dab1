import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';

const perTest: string[] = [];
const perFile: string[] = [];

function remove(dirs: string[]): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

afterEach(() => remove(perTest));
afterAll(() => remove(perFile));

/**
 * A fresh folder under os.tmpdir(). Made inside a test (or beforeEach) it is removed after that
 * test; made in beforeAll or at file level it is removed after the file's last test.
 */
export function makeTempDir(prefix = 'stepping-stones-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  (expect.getState().currentTestName === undefined ? perFile : perTest).push(dir);
  return dir;
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
