import { describe, expect, it } from 'vitest';
import { workedExample } from '../../electron/services/demo/worked-examples';
import { startServices } from '../helpers/services';

describe('the adviser’s own directory entries', () => {
  it('are saved, edited and removed with an outbox row each, and listed beside the shipped examples', async () => {
    const services = await startServices();
    const count = () => (services.database.sqlite.prepare(`select count(*) as n from outbox where table_name = 'directory_entries'`).get() as { n: number }).n;
    const saved = await services.directories.save({ directory: 'peers', name: 'Cannock Subcon Machining', country: 'GB', regions: ['West Midlands'], description: 'Moved to tablet job booking in 2024', areas: ['shop-floor-data'], sectors: ['25'] });
    expect(count()).toBe(1);
    const { updatedAt: _updatedAt, ...fields } = saved;
    const edited = await services.directories.save({ ...fields, description: 'Shows tablet job booking and a stoppage log' });
    expect(edited.description).toBe('Shows tablet job booking and a stoppage log');
    expect(count()).toBe(2);
    const view = await services.directories.list();
    expect(view.own.map((e) => e.name)).toEqual(['Cannock Subcon Machining']);
    expect(view.examples.peers.every((p) => p.example)).toBe(true);
    await services.directories.remove(saved.id);
    expect((await services.directories.list()).own).toEqual([]);
    expect(count()).toBe(3);
    expect(await services.dispatch('directories.remove', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await services.dispatch('directories.save', { directory: 'peers', name: '', country: 'GB' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
  });

  it('are linked to roadmap steps before the shipped examples when both fit', async () => {
    const services = await startServices();
    const example = workedExample('machine-shop');
    await services.directories.save({ directory: 'peers', name: 'Cannock Subcon Machining', country: 'GB', regions: [example.client.region], description: '', areas: ['strategy-support', 'shop-floor-data'], sectors: [example.client.naceCode] });
    const client = await services.clients.create(example.client as never);
    const assessment = await services.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: example.instruments.map((id) => ({ id })), visitDate: example.visitDate, peoplePresent: '', reportLanguage: 'en' });
    for (const answer of example.answers) await services.assessments.saveAnswer({ assessmentId: assessment.id, ...answer, flagged: false });
    const roadmap = await services.roadmaps.generate(assessment.id);
    const visit = roadmap.steps.find((s) => s.catalogueStep?.id === 'peer-site-visit')!;
    expect(visit.enabler).toMatchObject({ directory: 'peers', name: 'Cannock Subcon Machining' });
  });
});
