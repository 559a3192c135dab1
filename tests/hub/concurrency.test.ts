import { describe, expect, it } from 'vitest';
import { company, findRow, freshLocation, newRowId, startTestHub, statuses, TestClock, type TestDevice } from './fixtures';

// Two instances of the hub on one PostgreSQL database, as behind a load balancer.
async function twoInstances() {
  const location = await freshLocation('postgres');
  const clock = new TestClock();
  const a = await startTestHub('postgres', { location, clock });
  const b = await startTestHub('postgres', { location, clock });
  const programme = await a.programme();
  return { a, b, clock, programme };
}

describe('two hub instances on one PostgreSQL', () => {
  it('a puller paging while devices push through both instances ends with every row and never skips one', async () => {
    const { a, b, programme } = await twoInstances();
    const pushers: TestDevice[] = [];
    for (let i = 0; i < 4; i++) pushers.push(await a.device(await a.user(programme, 'adviser')));
    const puller = (await b.device(await b.user(programme, 'office'))).via(b.app);

    const batches = 8;
    const perBatch = 60;
    const expected = new Set<string>();
    let pushing = true;
    const push = async (device: TestDevice, index: number) => {
      for (let batch = 0; batch < batches; batch++) {
        const instance = (batch + index) % 2 === 0 ? a : b;
        const changes = Array.from({ length: perBatch }, () => device.change('companies', newRowId(), company()));
        for (const change of changes) expected.add(change.rowId);
        const response = await device.via(instance.app).push(changes);
        expect(new Set(statuses(response))).toEqual(new Set(['accepted']));
      }
    };

    const seen = new Map<string, number>();
    const cursors: bigint[] = [];
    let cursor = '0';
    const pull = async () => {
      for (;;) {
        const finished = !pushing;
        const page = await puller.pull(cursor, 50);
        for (const row of page.rows) seen.set(row.rowId, (seen.get(row.rowId) ?? 0) + 1);
        cursors.push(BigInt(page.cursor));
        cursor = page.cursor;
        // Stop only after a full pass that began once every push had been answered.
        if (finished && !page.more) return;
      }
    };

    const pulling = pull();
    await Promise.all(pushers.map((device, index) => push(device, index)));
    pushing = false;
    await pulling;

    expect(expected.size).toBe(4 * batches * perBatch);
    expect([...seen.keys()].sort()).toEqual([...expected].sort());
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(cursors.every((c, i) => i === 0 || c >= cursors[i - 1]!)).toBe(true);
    expect(cursors.length).toBeGreaterThan(1);
  });

  it('concurrent edits of different columns of one row through the two instances lose no column', async () => {
    const { a, b, programme } = await twoInstances();
    const adviser = await a.user(programme, 'adviser');
    const laptop = await a.device(adviser);
    const tablet = (await b.device(adviser)).via(b.app);
    const firm = newRowId();
    await laptop.push([laptop.change('companies', firm, company())]);
    await tablet.pullAll();

    const rounds = 15;
    const edit = async (device: TestDevice, column: 'name' | 'town') => {
      for (let round = 0; round < rounds; round++) {
        expect(statuses(await device.push([device.change('companies', firm, { [column]: `${column} ${round}` })]))).toEqual(['accepted']);
      }
    };
    await Promise.all([edit(laptop, 'name'), edit(tablet, 'town')]);

    const row = findRow(await laptop.pullAll(), 'companies', firm)!;
    expect(row.values).toMatchObject({ name: `name ${rounds - 1}`, town: `town ${rounds - 1}` });
  });
});
