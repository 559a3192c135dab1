import { describe, expect, it } from 'vitest';
import { publish } from '../../hub/admin';
import { authenticate } from '../../hub/auth';
import { pullRows } from '../../hub/pull';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { MAX_PULL_ROWS, type PulledRow } from '../../shared/sync/protocol';
import { backends, company, findRow, newRowId, startTestHub } from './fixtures';

describe.each(backends)('pull on %s', (backend) => {
  async function setup() {
    const hub = await startTestHub(backend);
    const programme = await hub.programme();
    const adviser = await hub.user(programme, 'adviser');
    const device = await hub.device(adviser);
    return { hub, programme, adviser, device };
  }

  it('pages through rows in seq order: each page continues where the last ended, and the last says there is no more', async () => {
    const { device } = await setup();
    const ids = Array.from({ length: 23 }, () => newRowId());
    await device.push(ids.map((id, i) => device.change('companies', id, company(`Firm ${i}`))));

    const pages: { rows: PulledRow[]; cursor: string; more: boolean }[] = [];
    let cursor = '0';
    for (;;) {
      const page = await device.pull(cursor, 5);
      pages.push(page);
      expect(page.rows.length).toBeLessThanOrEqual(5);
      expect(BigInt(page.cursor) >= BigInt(cursor)).toBe(true);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages.map((p) => p.rows.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.rowId))).toEqual(ids);
    expect(pages.at(-1)!.cursor).toBe('23');

    const empty = await device.pull(cursor, 5);
    expect(empty).toMatchObject({ rows: [], cursor, more: false });
  });

  it('ends a page early once it holds about the byte budget, always with at least one row, and loses none', async () => {
    const { hub, device } = await setup();
    const ids = Array.from({ length: 6 }, () => newRowId());
    await device.push(ids.map((id, i) => device.change('companies', id, { ...company(`Firm ${i}`), street: 'x'.repeat(i === 0 ? 5000 : 1000) })));
    const caller = (await authenticate(hub.database.db, device.token, hub.clock.now()))!;
    const pages: PulledRow[][] = [];
    let cursor = '0';
    for (;;) {
      const page = await pullRows(hub.database.db, caller, cursor, 100, 5000);
      pages.push(page.rows);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages.map((p) => p.length)).toEqual([1, 2, 2, 1]);
    expect(pages.flat().map((r) => r.rowId)).toEqual(ids);
  });

  it('moves a changed row after the cursor, so a device that already had it receives the new version', async () => {
    const { hub, device } = await setup();
    const [a, b] = [newRowId(), newRowId()];
    await device.push([device.change('companies', a, company('A')), device.change('companies', b, company('B'))]);
    const first = await device.pull('0');
    hub.clock.advance(1000);
    await device.push([device.change('companies', a, { town: 'Vejle' })]);
    const next = await device.pull(first.cursor);
    expect(next.rows.map((r) => [r.rowId, r.values.town])).toEqual([[a, 'Vejle']]);
    expect(Number(next.cursor)).toBeGreaterThan(Number(first.cursor));
  });

  it("gives an adviser their own rows and the programme's publications, the office everything in its programme", async () => {
    const { hub, programme, device: mine } = await setup();
    const colleague = await hub.device(await hub.user(programme, 'adviser'));
    const office = await hub.device(await hub.user(programme, 'office'));
    const elsewhere = await hub.device(await hub.user(await hub.programme(), 'office'));
    const [myFirm, theirFirm] = [newRowId(), newRowId()];
    await mine.push([mine.change('companies', myFirm, company('Mine'))]);
    await colleague.push([colleague.change('companies', theirFirm, company('Theirs'))]);
    await publish(hub.database, hub.clock.now(), 'instrument', programme, builtinInstruments[0]);

    const tables = (rows: PulledRow[]) => rows.map((r) => `${r.table}:${r.values.name ?? r.values.instrument_id}`).sort();
    expect(tables(await mine.pullAll())).toEqual(['companies:Mine', `published_instruments:${builtinInstruments[0]!.id}`]);
    expect(tables(await colleague.pullAll())).toEqual(['companies:Theirs', `published_instruments:${builtinInstruments[0]!.id}`]);
    expect(tables(await office.pullAll())).toEqual(['companies:Mine', 'companies:Theirs', `published_instruments:${builtinInstruments[0]!.id}`]);
    expect(await elsewhere.pullAll()).toEqual([]);
  });

  it('delivers a published instrument with its definition as JSON text and no owner', async () => {
    const { hub, programme, device } = await setup();
    const instrument = builtinInstruments[0]!;
    await publish(hub.database, hub.clock.now(), 'instrument', programme, instrument);
    const row = (await device.pullAll()).find((r) => r.table === 'published_instruments')!;
    expect(row.values).toMatchObject({ instrument_id: instrument.id, version: instrument.version });
    expect(JSON.parse(row.values.definition as string)).toEqual(JSON.parse(JSON.stringify(instrument)));
    const stored = await hub.database.db.selectFrom('rows').select('owner_user_id').where('row_id', '=', row.rowId).executeTakeFirstOrThrow();
    expect(stored.owner_user_id).toBeNull();
  });

  it('reports the device watermark with every page', async () => {
    const { device } = await setup();
    const change = device.change('companies', newRowId(), company());
    await device.push([change]);
    expect((await device.pull('0')).device).toEqual({ lastHlc: change.hlc, changeCount: 1 });
  });

  it('refuses a limit above the maximum and a malformed cursor with 400', async () => {
    const { device } = await setup();
    for (const query of [`cursor=0&limit=${MAX_PULL_ROWS + 1}`, 'cursor=-1', 'cursor=abc', 'cursor=0&limit=0', 'cursor=9999999999999999999']) {
      const response = await device.request('GET', `/v1/pull?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error).toBe('invalid_request');
    }
  });

  it('shows an adviser the conflict records of their own rows only', async () => {
    const { hub, programme, adviser, device: laptop } = await setup();
    const tablet = await hub.device(adviser);
    const colleague = await hub.device(await hub.user(programme, 'adviser'));
    const firm = newRowId();
    await laptop.push([laptop.change('companies', firm, company())]);
    await tablet.pullAll();
    await laptop.push([laptop.change('companies', firm, { town: 'A' })]);
    await tablet.push([tablet.change('companies', firm, { town: 'B' })]);
    expect((await laptop.pullAll()).filter((r) => r.table === 'conflicts')).toHaveLength(1);
    expect(findRow(await colleague.pullAll(), 'companies', firm)).toBeUndefined();
    expect((await colleague.pullAll()).filter((r) => r.table === 'conflicts')).toEqual([]);
  });
});
