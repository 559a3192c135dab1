import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { HUB_DATABASE_FILE } from '../../hub/database';
import { ClientInputSchema } from '../../shared/clients/schema';
import { validClient, validContact } from '../helpers/fixtures';
import { updateClient } from '../helpers/services';
import { backends, enrol, hubLocation, programmeWithOffice, startDevice, startHub, syncClean } from './harness';

const FIRM = 'Calder Valley Castings Ltd';
const CONTACT = 'Sarah Whitfield-Calder';
const EMAIL = 'sarah.whitfield@calder-castings.example';
const NOTE = 'Owner fears the robots will replace his welders';
const CONFLICTING_NOTES = ['Second laptop: welders retire in 2027', 'First laptop: welders keen on cobots'];
const STALE_NOTE = 'Stale laptop: welders asked for training';
const STALE_NAME = 'Calder Valley Castings Limited';
const PERSONAL = [FIRM, CONTACT, EMAIL, NOTE, ...CONFLICTING_NOTES, STALE_NOTE, STALE_NAME];

async function recordVisit(device: AppServices) {
  const client = await device.clients.create(
    ClientInputSchema.parse(validClient({ name: FIRM, street: '4 Foundry Yard', contacts: [validContact({ name: CONTACT, email: EMAIL })] })),
  );
  const assessment = await device.assessments.create({
    companyId: client.id,
    kind: 'baseline',
    baselineId: null,
    instruments: [{ id: 'digital-maturity' }, { id: 'stepping-stones' }],
    visitDate: '2026-11-20',
    peoplePresent: `${CONTACT}, production manager`,
    reportLanguage: 'en',
  });
  await note(device, assessment.id, NOTE);
  await device.roadmaps.generate(assessment.id);
  return { client, assessment };
}

function note(device: AppServices, assessmentId: string, text: string) {
  return device.assessments.saveAnswer({ assessmentId, instrumentId: 'digital-maturity', questionId: 'dm-strategy-vision', value: 2, notApplicable: false, note: text, flagged: false });
}

/** The database file and its write-ahead log as they lie on disk, as text for searching. */
function fileBytes(file: string): string {
  return [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
}

async function deviceFile(device: AppServices): Promise<string> {
  return path.join((await device.handlers['app.info']({})).dataDirectory, 'stepping-stones.sqlite');
}

/** What is left of a value in UTF-8 bytes (every value here is ASCII, so latin1 reads it as written). */
function leftovers(text: string): string[] {
  return PERSONAL.filter((value) => text.includes(value));
}

describe.each(backends)('erasing a firm on request, on %s', (backend) => {
  it('leaves no personal value of the firm in any device’s database file nor on the hub, keeps only the fact in the audit log, and a stale laptop cannot bring it back', async () => {
    const location = await hubLocation(backend);
    const hub = await startHub(location);
    const { priyaId, priya, tom, office } = await programmeWithOffice(hub);
    const laptop2 = await startDevice();
    await enrol(laptop2, hub, priyaId);

    const { client, assessment } = await recordVisit(priya);
    await syncClean(priya);
    await syncClean(laptop2);
    // Two laptops change the note before seeing each other's: the hub and both keep a conflict record with both texts.
    await note(laptop2, assessment.id, CONFLICTING_NOTES[0]!);
    await note(priya, assessment.id, CONFLICTING_NOTES[1]!);
    await syncClean(laptop2);
    await syncClean(priya);
    await syncClean(laptop2);
    await syncClean(office);
    expect(priya.database.sqlite.prepare('select count(*) as n from conflicts').get()).toEqual({ n: 1 });
    expect(leftovers(fileBytes(await deviceFile(office)))).toEqual(expect.arrayContaining([FIRM, EMAIL]));

    // The second laptop goes offline and edits the firm before it hears of the erasure.
    await updateClient(laptop2, await laptop2.clients.get(client.id), { name: STALE_NAME });
    await note(laptop2, assessment.id, STALE_NOTE);

    const erased = await office.handlers['office.eraseFirm']({ companyId: client.id });
    expect(erased.companyId).toBe(client.id);
    await syncClean(priya);
    await syncClean(laptop2);
    await syncClean(priya);
    await syncClean(office);
    await syncClean(tom);

    for (const device of [priya, laptop2, office]) {
      expect(device.database.sqlite.prepare('select company_id, erased_at from erasures').all()).toEqual([{ company_id: client.id, erased_at: erased.erasedAt }]);
      const firm = device.database.sqlite.prepare('select name, street, region from companies where id = ?').get(client.id);
      expect(firm).toEqual({ name: '', street: '', region: 'Yorkshire and the Humber' });
      expect(device.database.sqlite.prepare('select count(*) as n from contacts where deleted_at is null').get()).toEqual({ n: 0 });
      // What is not personal stays: the answer, the visit.
      expect(device.database.sqlite.prepare('select value, note from answers where question_id = ?').get('dm-strategy-vision')).toEqual({ value: '2', note: '' });
      expect(device.database.sqlite.prepare('select visit_date, people_present from assessments').get()).toEqual({ visit_date: '2026-11-20', people_present: '' });
      expect(leftovers(fileBytes(await deviceFile(device)))).toEqual([]);
    }
    expect(tom.database.sqlite.prepare('select count(*) as n from erasures').get()).toEqual({ n: 0 });

    const hubDb = hub.admin.database.db;
    for (const table of ['rows', 'batches', 'changes', 'audit_log'] as const) {
      expect(leftovers(JSON.stringify(await hubDb.selectFrom(table).selectAll().execute())), table).toEqual([]);
    }
    if ('dataDirectory' in location) expect(leftovers(fileBytes(path.join(location.dataDirectory, HUB_DATABASE_FILE)))).toEqual([]);
    const audit = await hubDb.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'erasure').execute();
    expect(audit.map((line) => JSON.parse(line.detail))).toEqual([{ rows: expect.any(Number) }]);

    // The stale laptop's edits arrived with their personal values emptied; a further old edit stays empty too.
    await updateClient(laptop2, await laptop2.clients.get(client.id), { name: FIRM, town: 'Halifax' });
    await syncClean(laptop2);
    await syncClean(priya);
    expect(priya.database.sqlite.prepare('select name, town from companies where id = ?').get(client.id)).toEqual({ name: '', town: '' });
  });
});
