import { describe, expect, it } from 'vitest';
import { backends, company, newRowId, startTestHub, type TestDevice } from './fixtures';

const ASSESSMENT_NOT_OF_FIRM = 'The assessment this annotation names does not exist in your programme or is not of the same company.';

describe.each(backends)('annotations naming an assessment, on %s', (backend) => {
  it('accepts an assessment of the annotated firm only: not of another firm, another programme or none at all', async () => {
    const hub = await startTestHub(backend);
    const programme = await hub.programme();
    const priya = await hub.device(await hub.user(programme, 'adviser'));
    const tom = await hub.device(await hub.user(programme, 'adviser'));
    const office = await hub.device(await hub.user(programme, 'office'));
    const stranger = await hub.device(await hub.user(await hub.programme(), 'adviser'));

    async function visit(device: TestDevice, name: string) {
      const [firm, assessment] = [newRowId(), newRowId()];
      const response = await device.push([
        device.change('companies', firm, company(name)),
        device.change('assessments', assessment, { company_id: firm, kind: 'baseline', status: 'draft', created_at: '2026-11-21T10:00:00.000Z' }),
      ]);
      expect(response.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      return { firm, assessment };
    }
    const castings = await visit(priya, 'Calder Castings');
    const gears = await visit(priya, 'Acme Gears');
    const tomsFirm = await visit(tom, 'Tom Tools');
    const foreign = await visit(stranger, 'Elsewhere Ltd');

    const [good, wholeFirm, ...refused] = [newRowId(), newRowId(), newRowId(), newRowId(), newRowId(), newRowId()];
    const note = (id: string, assessmentId: string | null) =>
      office.change('annotations', id, { company_id: castings.firm, assessment_id: assessmentId, body: 'Follow up in May', author: 'Office' });
    const response = await office.push([
      note(good, castings.assessment),
      note(wholeFirm, null),
      note(refused[0]!, gears.assessment),
      note(refused[1]!, tomsFirm.assessment),
      note(refused[2]!, foreign.assessment),
      note(refused[3]!, newRowId()),
    ]);
    expect(response.results.map((r) => [r.status, r.reason])).toEqual([
      ['accepted', undefined],
      ['accepted', undefined],
      ...refused.map(() => ['rejected', ASSESSMENT_NOT_OF_FIRM]),
    ]);

    // A later change of the assessment it names is checked the same way; a change of its firm stays refused.
    const later = await office.push([
      office.change('annotations', good, { assessment_id: gears.assessment }),
      office.change('annotations', wholeFirm, { assessment_id: tomsFirm.assessment }),
      office.change('annotations', good, { company_id: gears.firm, assessment_id: gears.assessment }),
      office.change('annotations', wholeFirm, { assessment_id: castings.assessment }),
      office.change('annotations', good, { body: 'Follow up in June' }),
    ]);
    expect(later.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', ASSESSMENT_NOT_OF_FIRM],
      ['rejected', ASSESSMENT_NOT_OF_FIRM],
      ['rejected', 'A row cannot move to another parent: company_id differs from the stored value.'],
      ['accepted', undefined],
      ['accepted', undefined],
    ]);
  });
});
