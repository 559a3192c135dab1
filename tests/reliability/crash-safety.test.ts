import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/services/app-services';
import { DATABASE_FILE_NAME } from '../../electron/services/app-services';
import { validClient } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KILLS = 50;

/** Runs the writer until a random moment after its first acknowledged save, then SIGKILLs it. */
function runAndKill(dataDirectory: string, assessmentId: string, firstSeq: number, acked: Map<string, number>): Promise<void> {
  return new Promise((resolve, reject) => {
    // `--import tsx` keeps the writer in this one process; the tsx CLI would run it in a grandchild that SIGKILL misses.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/reliability/answer-writer.ts', dataDirectory, assessmentId, String(firstSeq)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let errors = '';
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [kind, questionId, seq] = line.split(' ');
        if (kind === 'ack') acked.set(questionId!, Math.max(acked.get(questionId!) ?? 0, Number(seq)));
        if (kind === 'ready' && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 400);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(killTimer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited by itself (${code}):\n${errors}`));
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged answer through ${KILLS} SIGKILLs mid-save, with an intact database`, async () => {
    const data = makeTempDir();
    const setup = await createAppServices({ dataDirectory: data });
    const client = await setup.clients.create(validClient() as never);
    const assessment = await setup.assessments.create({
      companyId: client.id,
      kind: 'baseline',
      baselineId: null,
      instruments: [{ id: 'digital-maturity' }],
      visitDate: '2026-11-21',
      peoplePresent: '',
      reportLanguage: 'en',
    });
    await setup.close();

    const acked = new Map<string, number>();
    for (let run = 0; run < KILLS; run++) await runAndKill(data, assessment.id, run * 1_000_000 + 1, acked);
    expect(acked.size).toBeGreaterThan(0);

    const sqlite = new Database(path.join(data, DATABASE_FILE_NAME));
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = sqlite.prepare('select question_id, note from answers where assessment_id = ?').all(assessment.id) as { question_id: string; note: string }[];
    const stored = new Map(rows.map((r) => [r.question_id, Number(r.note)]));
    for (const [questionId, seq] of acked) expect(stored.get(questionId), questionId).toBeGreaterThanOrEqual(seq);
    // Every acknowledged change also reached the outbox, so sync will carry it.
    const outboxed = sqlite.prepare(`select count(*) as n from outbox where table_name = 'answers'`).get() as { n: number };
    expect(outboxed.n).toBeGreaterThanOrEqual(acked.size);
    sqlite.close();
  }, 300_000);
});
