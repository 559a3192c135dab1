import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { importBundle } from '../../electron/services/sync/sync-bundle';
import { ClientInputSchema, ClientListQuerySchema } from '../../shared/clients/schema';
import type { BundleImportResponse } from '../../shared/sync/protocol';
import { validClient } from '../helpers/fixtures';
import { updateClient } from '../helpers/services';
import { backends, enrol, hubLocation, snapshot, startDevice, startHub, syncClean, type RunningHub } from './harness';

const DATA_TABLES = ['companies', 'contacts', 'assessments', 'assessment_instruments', 'answers', 'dimension_targets', 'roadmap_steps'];

async function recordVisit(device: AppServices, name: string) {
  const client = await device.clients.create(ClientInputSchema.parse(validClient({ name })));
  const assessment = await device.assessments.create({
    companyId: client.id,
    kind: 'baseline',
    baselineId: null,
    instruments: [{ id: 'digital-maturity' }, { id: 'stepping-stones' }],
    visitDate: '2026-11-20',
    peoplePresent: 'Managing director, production manager',
    reportLanguage: 'en',
  });
  const answer = (questionId: string, value: number | string, note = '') =>
    device.assessments.saveAnswer({ assessmentId: assessment.id, instrumentId: 'digital-maturity', questionId, value, notApplicable: false, note, flagged: false });
  await answer('dm-strategy-vision', 2, 'Owner has ideas, nothing written');
  await answer('dm-strategy-investment', 'annual');
  await device.assessments.saveTarget({ assessmentId: assessment.id, instrumentId: 'digital-maturity', dimensionId: 'digital-strategy', target: 4, importance: 3 });
  await device.roadmaps.generate(assessment.id);
  return { client, assessment };
}

async function twoLaptopsOfOneAdviser(hub: RunningHub) {
  const programme = await hub.admin.programme();
  const adviser = await hub.admin.user(programme, 'adviser', 'Priya Shah');
  const a = await startDevice();
  const b = await startDevice();
  await enrol(a, hub, adviser);
  await enrol(b, hub, adviser);
  return { programme, adviser, a, b };
}

function outcomes(answer: BundleImportResponse): Record<string, number> {
  const counts: Record<string, number> = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const result of answer.results) counts[result.status]! += 1;
  return counts;
}

function note(device: AppServices, assessmentId: string, questionId: string): string {
  return (device.database.sqlite.prepare('select note from answers where assessment_id = ? and question_id = ?').get(assessmentId, questionId) as { note: string }).note;
}

describe.each(backends)('two laptops and the hub on %s', (backend) => {
  it('carries a whole visit from one laptop to the other: firm, contacts, assessment, answers, targets and roadmap, row for row', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { a, b } = await twoLaptopsOfOneAdviser(hub);
    const { assessment } = await recordVisit(a, 'Calder Valley Castings Ltd');
    await syncClean(a);
    await syncClean(b);

    expect(snapshot(b, DATA_TABLES)).toEqual(snapshot(a, DATA_TABLES));
    expect((await b.assessments.results(assessment.id)).instruments).toEqual((await a.assessments.results(assessment.id)).instruments);
    expect((await b.sync.status()).pendingChanges).toBe(0);
  });

  it('keeps both values when the two laptops change the same note before syncing, and the adviser’s choice reaches both', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { a, b } = await twoLaptopsOfOneAdviser(hub);
    const { assessment } = await recordVisit(a, 'Ribble Foods Ltd');
    await syncClean(a);
    await syncClean(b);

    const edit = (device: AppServices, text: string) =>
      device.assessments.saveAnswer({ assessmentId: assessment.id, instrumentId: 'digital-maturity', questionId: 'dm-strategy-vision', value: 2, notApplicable: false, note: text, flagged: false });
    await edit(a, 'Written plan promised for March');
    await edit(b, 'No plan; owner wants a consultant');
    await syncClean(a);
    await syncClean(b);
    await syncClean(a);

    // The later edit (b's) wins everywhere; a's is kept in the conflict, on both laptops.
    expect(note(a, assessment.id, 'dm-strategy-vision')).toBe('No plan; owner wants a consultant');
    expect(note(b, assessment.id, 'dm-strategy-vision')).toBe('No plan; owner wants a consultant');
    for (const device of [a, b]) {
      const conflicts = await device.conflicts.list('en');
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]!.firm).toBe('Ribble Foods Ltd');
      expect(conflicts[0]!.kept.display).toBe('No plan; owner wants a consultant');
      expect(conflicts[0]!.other.display).toBe('Written plan promised for March');
    }

    const [conflict] = await a.conflicts.list('en');
    await a.conflicts.resolve(conflict!.id, 'other');
    await syncClean(a);
    await syncClean(b);
    expect(note(a, assessment.id, 'dm-strategy-vision')).toBe('Written plan promised for March');
    expect(note(b, assessment.id, 'dm-strategy-vision')).toBe('Written plan promised for March');
    expect(await a.conflicts.list('en')).toEqual([]);
    expect(await b.conflicts.list('en')).toEqual([]);
    expect((await b.sync.status()).openConflicts).toBe(0);
  });

  it('answers to different questions of the same assessment on two laptops both arrive, with no conflict', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { a, b } = await twoLaptopsOfOneAdviser(hub);
    const { assessment } = await recordVisit(a, 'Aire Plastics Ltd');
    await syncClean(a);
    await syncClean(b);
    const save = (device: AppServices, questionId: string, value: number) =>
      device.assessments.saveAnswer({ assessmentId: assessment.id, instrumentId: 'digital-maturity', questionId, value, notApplicable: false, note: '', flagged: false });
    await save(a, 'dm-readiness-network', 3);
    await save(b, 'dm-human-skills', 1);
    await syncClean(a);
    await syncClean(b);
    await syncClean(a);
    expect(snapshot(a, ['answers'])).toEqual(snapshot(b, ['answers']));
    expect(await a.conflicts.list('en')).toEqual([]);
  });

  it('deletes travel as tombstones: a firm deleted on one laptop disappears from the other and its row stays, marked deleted', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { a, b } = await twoLaptopsOfOneAdviser(hub);
    const { client } = await recordVisit(a, 'Wharfe Joinery Ltd');
    await syncClean(a);
    await syncClean(b);
    expect((await b.clients.list(ClientListQuerySchema.parse({}))).map((c) => c.name)).toContain('Wharfe Joinery Ltd');

    await a.clients.delete(client.id);
    await syncClean(a);
    await syncClean(b);
    expect((await b.clients.list(ClientListQuerySchema.parse({}))).map((c) => c.name)).not.toContain('Wharfe Joinery Ltd');
    const row = b.database.sqlite.prepare('select deleted_at from companies where id = ?').get(client.id) as { deleted_at: string | null };
    expect(row.deleted_at).not.toBeNull();
  });

  it('an edit of a firm another laptop deleted is kept in a conflict, and choosing it brings the firm back everywhere', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { a, b } = await twoLaptopsOfOneAdviser(hub);
    const { client } = await recordVisit(a, 'Lune Valley Engineering Ltd');
    await syncClean(a);
    await syncClean(b);
    await a.clients.delete(client.id);
    await updateClient(b, await b.clients.get(client.id), { town: 'Lancaster' });
    await syncClean(a);
    await syncClean(b);
    await syncClean(a);
    const names = async (device: AppServices) => (await device.clients.list(ClientListQuerySchema.parse({}))).map((c) => c.name);
    expect(await names(b)).not.toContain('Lune Valley Engineering Ltd');

    const [conflict] = await b.conflicts.list('en');
    expect(conflict).toMatchObject({
      firm: 'Lune Valley Engineering Ltd',
      field: 'deleted_at',
      subject: 'Deleted on one device, changed on another',
      kept: { display: 'Deleted' },
      other: { display: 'Not deleted: keep it, with the change made on the other device', thisDevice: true },
    });
    await b.conflicts.resolve(conflict!.id, 'other');
    await syncClean(b);
    await syncClean(a);
    for (const device of [a, b]) {
      expect(await names(device)).toContain('Lune Valley Engineering Ltd');
      expect((await device.clients.get(client.id)).town).toBe('Lancaster');
      expect(await device.conflicts.list('en')).toEqual([]);
    }
  });

  it('keeps advisers apart and shows the office the whole programme, but nothing of another programme', async () => {
    const hub = await startHub(await hubLocation(backend));
    const programme = await hub.admin.programme('Made Smarter North West');
    const other = await hub.admin.programme('MADE Denmark');
    const priya = await startDevice();
    const tom = await startDevice();
    const office = await startDevice();
    const elsewhere = await startDevice();
    await enrol(priya, hub, await hub.admin.user(programme, 'adviser', 'Priya'));
    await enrol(tom, hub, await hub.admin.user(programme, 'adviser', 'Tom'));
    await enrol(office, hub, await hub.admin.user(programme, 'office', 'Programme office'));
    await enrol(elsewhere, hub, await hub.admin.user(other, 'office', 'Other office'));
    await recordVisit(priya, 'Priya’s firm Ltd');
    await recordVisit(tom, 'Tom’s firm Ltd');
    for (const device of [priya, tom, office, elsewhere]) await syncClean(device);

    const names = async (device: AppServices) => (await device.clients.list(ClientListQuerySchema.parse({}))).map((c) => c.name).sort();
    expect(await names(priya)).toEqual(['Priya’s firm Ltd']);
    expect(await names(tom)).toEqual(['Tom’s firm Ltd']);
    expect(await names(office)).toEqual(['Priya’s firm Ltd', 'Tom’s firm Ltd']);
    expect(await names(elsewhere)).toEqual([]);
  });

  it('imports a signed bundle from a laptop with no network once: the second import changes nothing', async () => {
    const hub = await startHub(await hubLocation(backend));
    const programme = await hub.admin.programme();
    const adviser = await hub.admin.user(programme, 'adviser');
    const field = await startDevice();
    const office = await startDevice();
    await enrol(field, hub, adviser);
    await enrol(office, hub, await hub.admin.user(programme, 'office'));
    // The laptop goes to a site with no network and records a visit there.
    await recordVisit(field, 'Fell Side Dairy Ltd');
    const pending = (await field.sync.status()).pendingChanges;
    const bundle = await field.handlers['sync.exportBundle']({});
    expect(bundle.changes).toBe(pending);
    const text = Buffer.from(bundle.base64, 'base64').toString('utf8');

    const first = outcomes(await importBundle(office.sync, text));
    expect(first.accepted).toBe(pending);
    await syncClean(office);
    const before = snapshot(office, DATA_TABLES);
    expect((await office.clients.list(ClientListQuerySchema.parse({}))).map((c) => c.name)).toEqual(['Fell Side Dairy Ltd']);

    const second = outcomes(await importBundle(office.sync, text));
    expect(second.accepted).toBe(0);
    expect(second.duplicate).toBe(pending);
    await syncClean(office);
    expect(snapshot(office, DATA_TABLES)).toEqual(before);

    // When the laptop is back online the same changes are duplicates, and it is clean.
    await syncClean(field);
    expect((await hub.admin.storedChangeIds()).length).toBe(new Set(await hub.admin.storedChangeIds()).size);
  });
});
