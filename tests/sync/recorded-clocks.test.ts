import { describe, expect, it } from 'vitest';
import { AnswerSaveSchema, AssessmentCreateSchema, TargetSaveSchema } from '../../shared/assessments/schema';
import { keyedRowId } from '../../electron/services/sync/keyed-row-id';
import { formatHlc } from '../../shared/sync/hlc';
import { createClient, manualNow, outbox, startServices, updateClient } from '../helpers/services';
import { makeTempDir } from '../helpers/temp';

function replacedOf(services: Awaited<ReturnType<typeof startServices>>) {
  const rows = services.database.sqlite.prepare('select row_id, hlc, replaced from outbox order by seq').all() as { row_id: string; hlc: string; replaced: string }[];
  return rows.map((r) => ({ rowId: r.row_id, hlc: r.hlc, replaced: JSON.parse(r.replaced) as Record<string, string | null> }));
}

describe('the clock shared by two processes on one data folder', () => {
  it('stamps a change after a clock the command line received while the app was running', async () => {
    const dataDirectory = makeTempDir();
    const app = await startServices({ dataDirectory });
    const cli = await startServices({ dataDirectory });
    // The command line pulled a value written by a laptop whose clock runs two minutes fast.
    const fast = formatHlc({ wall: Date.now() + 120_000, counter: 0, device: 'aaaaaaaaaaaaaaaa' });
    await cli.clock.receive(cli.database.db, fast);
    const client = await createClient(app);
    expect(client.updatedAt > fast).toBe(true);
  });
});

describe('per-column clocks in the outbox', () => {
  it('records null as the replaced clock of every column of a new row', async () => {
    const services = await startServices({ now: manualNow() });
    const client = await createClient(services);
    const [entry] = replacedOf(services);
    expect(entry!.rowId).toBe(client.id);
    expect(Object.values(entry!.replaced).every((clock) => clock === null)).toBe(true);
    expect(Object.keys(entry!.replaced).sort()).toEqual(Object.keys(outbox(services)[0]!.changes).sort());
  });

  it('records, per changed column, the clock of the value it replaced, even when columns were last written at different times', async () => {
    const services = await startServices({ now: manualNow() });
    const client = await createClient(services);
    const renamed = await updateClient(services, client, { name: 'Pennine Precision Ltd' });
    await updateClient(services, renamed, { name: 'Pennine Precision Group', town: 'Leeds' });
    const entries = replacedOf(services).filter((e) => e.rowId === client.id);
    expect(entries[1]!.replaced).toEqual({ name: client.updatedAt });
    expect(entries[2]!.replaced).toEqual({ name: renamed.updatedAt, town: client.updatedAt });
  });

  it("falls back to the change's base clock for a row written before clocks were kept per column", async () => {
    const services = await startServices({ now: manualNow() });
    const client = await createClient(services);
    services.database.sqlite.prepare('delete from field_clocks').run();
    await updateClient(services, client, { town: 'Leeds' });
    expect(replacedOf(services).at(-1)!.replaced).toEqual({ town: client.updatedAt });
  });

  it('keeps the stored clocks of a row in step with its newest change per column', async () => {
    const services = await startServices({ now: manualNow() });
    const client = await createClient(services);
    const updated = await updateClient(services, client, { town: 'Leeds' });
    const stored = services.database.sqlite.prepare(`select clocks from field_clocks where table_name = 'companies' and row_id = ?`).get(client.id) as { clocks: string };
    const clocks = JSON.parse(stored.clocks) as Record<string, string>;
    expect(clocks.town).toBe(updated.updatedAt);
    expect(clocks.name).toBe(client.updatedAt);
  });
});

describe('keyed row ids', () => {
  it('gives the same answer and target row id on two devices answering the same question of the same assessment', async () => {
    const devices = [await startServices({ now: manualNow() }), await startServices({ now: manualNow() })];
    const companyId = (await createClient(devices[0]!)).id;
    const assessment = await devices[0]!.assessments.create(
      AssessmentCreateSchema.parse({ companyId, instruments: [{ id: 'digital-maturity' }], visitDate: '2026-11-20' }),
    );
    const ids: string[][] = [];
    for (const [index, device] of devices.entries()) {
      if (index === 1) {
        // The second device holds the same firm and assessment rows, as after a pull.
        for (const table of ['companies', 'assessments', 'assessment_instruments']) {
          const rows = devices[0]!.database.sqlite.prepare(`select * from ${table}`).all() as Record<string, unknown>[];
          for (const row of rows) {
            const columns = Object.keys(row);
            device.database.sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
          }
        }
      }
      // As the questionnaire does: the instrument is read before the first answer is saved.
      await device.instruments.get('digital-maturity');
      await device.assessments.saveAnswer(AnswerSaveSchema.parse({ assessmentId: assessment.id, instrumentId: 'digital-maturity', questionId: 'dm-strategy-vision', value: index + 2 }));
      await device.assessments.saveTarget(TargetSaveSchema.parse({ assessmentId: assessment.id, instrumentId: 'digital-maturity', dimensionId: 'digital-strategy', target: 70, importance: 4 }));
      ids.push([
        (device.database.sqlite.prepare('select id from answers').get() as { id: string }).id,
        (device.database.sqlite.prepare('select id from dimension_targets').get() as { id: string }).id,
      ]);
    }
    expect(ids[0]).toEqual(ids[1]);
    expect(ids[0]).toEqual([
      keyedRowId('answers', assessment.id, 'digital-maturity', 'dm-strategy-vision'),
      keyedRowId('dimension_targets', assessment.id, 'digital-maturity', 'digital-strategy'),
    ]);
  });

  it('makes version-8 UUIDs that differ between keys and tables', () => {
    const a = keyedRowId('answers', 'x', 'y', 'z');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keyedRowId('answers', 'x', 'y', 'z')).toBe(a);
    expect(keyedRowId('answers', 'x', 'yz', '')).not.toBe(a);
    expect(keyedRowId('dimension_targets', 'x', 'y', 'z')).not.toBe(a);
  });
});
