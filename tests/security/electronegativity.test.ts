import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface AllowEntry {
  rule: string;
  file: string | null;
  reason: string;
}
interface Finding {
  rule: string;
  file: string | null;
  line: number | undefined;
  message: string;
}

function runElectronegativity(): Finding[] {
  const out = path.join(makeTempDir(), 'report.sarif');
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', 'electron', '-e', electronVersion, '-o', out],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  // The tool exits 0 even with findings, so its report is what decides.
  expect(fs.existsSync(out), `electronegativity wrote no report:\n${run.stdout}\n${run.stderr}`).toBe(true);
  const sarif = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine?: number } } }[] }[] }[];
  };
  return sarif.runs.flatMap((r) =>
    r.results.map((result) => {
      const location = result.locations[0]?.physicalLocation;
      const uri = location?.artifactLocation.uri ?? '';
      return {
        rule: result.ruleId,
        file: uri.startsWith(ROOT) ? path.relative(ROOT, uri) : null,
        line: location?.region.startLine,
        message: result.message.text,
      };
    }),
  );
}

describe('Electron security review (electronegativity)', () => {
  const allowList = JSON.parse(fs.readFileSync(path.join(ROOT, 'electron/electronegativity-allowlist.json'), 'utf8')) as AllowEntry[];

  it('keeps a reason for every allowed finding', () => {
    for (const entry of allowList) expect(entry.reason.length, entry.rule).toBeGreaterThan(40);
  });

  it('finds nothing in electron/ beyond the justified allow-list, and the allow-list has no stale entries', () => {
    const findings = runElectronegativity();
    const allowed = (finding: Finding) => allowList.some((entry) => entry.rule === finding.rule && entry.file === finding.file);
    expect(findings.filter((f) => !allowed(f))).toEqual([]);
    const stale = allowList.filter((entry) => !findings.some((f) => f.rule === entry.rule && f.file === entry.file));
    expect(stale).toEqual([]);
  }, 180_000);
});
