import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli, UsageError } from '../../electron/cli/commands';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { makeTempDir } from '../helpers/temp';

const BUILTIN_DIRECTORY = path.resolve(import.meta.dirname, '../../shared/instruments/builtin');
type Json = Record<string, any>;

async function run(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, lines };
}

function builtinJson(id: string): Json {
  return JSON.parse(fs.readFileSync(path.join(BUILTIN_DIRECTORY, `${id}.json`), 'utf8')) as Json;
}

function writeJson(json: unknown, name = 'instrument.json'): string {
  const file = path.join(makeTempDir(), name);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return file;
}

/** Sends HOME and friends to an empty temp folder, so a command that wrongly opens the default database shows up. */
function isolateHome(): string {
  const home = makeTempDir();
  vi.stubEnv('HOME', home);
  vi.stubEnv('XDG_CONFIG_HOME', home);
  vi.stubEnv('APPDATA', home);
  return home;
}

describe('cli instrument list', () => {
  it('lists the three built-in instruments with their versions and returns 0, without opening a database', async () => {
    const home = isolateHome();
    try {
      const { code, lines } = await run(['instrument', 'list']);
      expect(code).toBe(0);
      expect(lines).toHaveLength(3);
      for (const id of ['digital-maturity', 'stepping-stones', 'smart-factory-readiness']) {
        const instrument = builtinInstruments.find((i) => i.id === id)!;
        const line = lines.find((l) => l.startsWith(`${id} `));
        expect(line, id).toBeDefined();
        expect(line!.split(/\s+/).slice(0, 3)).toEqual([id, instrument.version, instrument.kind]);
        expect(line).toContain(`${instrument.dimensions.length} dimensions, ${instrument.questions.length} questions`);
        expect(line).toContain(instrument.title.en);
      }
      expect(fs.readdirSync(home)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('cli instrument validate', () => {
  it.each(['digital-maturity', 'stepping-stones', 'smart-factory-readiness'])('returns 0 and prints "valid" for the built-in file %s', async (id) => {
    const file = path.join(BUILTIN_DIRECTORY, `${id}.json`);
    const { code, lines } = await run(['instrument', 'validate', file]);
    expect(code).toBe(0);
    expect(lines).toEqual([`${file}: valid`]);
  });

  it('returns 1 and prints exactly one "$."-path line per problem for a broken copy of a built-in', async () => {
    const json = builtinJson('digital-maturity');
    const questions = json.questions as Json[];
    const index = (id: string) => questions.findIndex((q) => q.id === id);
    const [vision, leadership, support, erpIntegration, customers] = [
      'dm-strategy-vision',
      'dm-strategy-leadership',
      'dm-strategy-support',
      'dm-readiness-erp-integration',
      'dm-strategy-customers',
    ].map(index) as [number, number, number, number, number];
    expect(vision).toBeLessThan(leadership);
    // 1. a duplicate question id
    questions[leadership]!.id = 'dm-strategy-vision';
    // 2. a missing Danish translation
    delete questions[vision]!.text.da;
    // 3. a question in a dimension the instrument does not have
    questions[support]!.dimension = 'digital-strategi';
    // 4. a condition that can never hold: levels stop at 5
    questions[erpIntegration]!.appliesIf = { question: 'dm-readiness-erp', atLeast: 6 };
    // 5. a level question without a descriptor for level 4
    questions[customers]!.levels = (questions[customers]!.levels as Json[]).filter((l) => l.level !== 4);
    const file = writeJson(json, 'digital-maturity-broken.json');

    const { code, lines } = await run(['instrument', 'validate', file]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/^\$\./);
    expect(lines).toEqual(
      expect.arrayContaining([
        `$.questions[${leadership}].id: duplicate question id "dm-strategy-vision" (first at $.questions[${vision}].id)`,
        `$.questions[${vision}].text.da: missing da translation`,
        `$.questions[${support}].dimension: unknown dimension "digital-strategi"`,
        `$.questions[${erpIntegration}].appliesIf: can never hold: a level is never at least 6`,
        `$.questions[${customers}].levels: missing a descriptor for level 4`,
      ]),
    );
    expect(lines.join('\n')).not.toContain('valid');
  });

  it('returns 1 and names the field for a file whose structure is wrong', async () => {
    const json = builtinJson('stepping-stones');
    json.version = 'next';
    const { code, lines } = await run(['instrument', 'validate', writeJson(json)]);
    expect(code).toBe(1);
    expect(lines).toEqual(['$.version: use a semantic version such as 1.0.0']);
  });

  it('returns 1 with one clear line for a file that is not JSON', async () => {
    const file = path.join(makeTempDir(), 'instrument.json');
    fs.writeFileSync(file, '{ "id": "digital-maturity", oops');
    const { code, lines } = await run(['instrument', 'validate', file]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\$: cannot read .*instrument\.json as JSON: /);
  });

  it('reads a file saved with a UTF-8 byte-order mark, as Windows PowerShell writes it, and prints "valid"', async () => {
    const file = path.join(makeTempDir(), 'stepping-stones.json');
    fs.writeFileSync(file, `\uFEFF${fs.readFileSync(path.join(BUILTIN_DIRECTORY, 'stepping-stones.json'), 'utf8')}`);
    const { code, lines } = await run(['instrument', 'validate', file]);
    expect(lines).toEqual([`${file}: valid`]);
    expect(code).toBe(0);
  });

  it('returns 1 with one clear line for a file that does not exist', async () => {
    const file = path.join(makeTempDir(), 'missing.json');
    const { code, lines } = await run(['instrument', 'validate', file]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cannot read ${file}`);
  });

  it('returns 1 for JSON that is not an instrument at all', async () => {
    const { code, lines } = await run(['instrument', 'validate', writeJson([1, 2, 3])]);
    expect(code).toBe(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^\$/);
  });

  it('throws UsageError when no FILE is given', async () => {
    await expect(runCli(['instrument', 'validate'], () => {})).rejects.toBeInstanceOf(UsageError);
  });
});
