import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app-services';
import { keyedRowId } from '../../../electron/services/sync/keyed-row-id';
import { manualNow } from '../../helpers/services';
import { enrol, hubLocation, startDevice, startHub, syncClean, type RunningHub } from '../harness';
import { cell, cellClock, conflictRecords, expectConverged, expectStoredExactlyOnce } from '../faults/sync-checks';
import { adviserOf, answerRowId, INSTRUMENT, levelQuestions, startVisit, UNTHROTTLED, updateClient } from '../faults/visit';

/**
 * Model-based test of sync: three laptops of one adviser edit one assessment and one firm in random
 * interleavings with syncs, their clocks up to six hours apart. A model records every write with the
 * clock the service gave it and which writes its laptop had seen, and predicts the end state.
 */

const HOURS = 60 * 60 * 1000;
const DEVICES = 3;

type Command =
  | { kind: 'edit'; device: number; question: number; level: number; advance: number }
  | { kind: 'client'; device: number; field: 'town' | 'street'; advance: number }
  | { kind: 'sync'; device: number };

/** The questions edited: two answered before the laptops split, a text question, and one nobody answered yet. */
interface Question {
  id: string;
  type: 'level' | 'text';
  answeredAtStart: boolean;
}

const device = fc.integer({ min: 0, max: DEVICES - 1 });
const advance = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 * 60 * 1000 }));
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, question: fc.integer({ min: 0, max: 3 }), level: fc.integer({ min: 0, max: 5 }), advance }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('client' as const), device, field: fc.constantFrom('town' as const, 'street' as const), advance }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
);
const scenario = fc.record({
  // How far each laptop's wall clock is off: often not at all, otherwise anything up to six hours either way.
  skews: fc.tuple(...Array.from({ length: DEVICES }, () => fc.oneof(fc.constant(0), fc.integer({ min: -6 * HOURS, max: 6 * HOURS })))),
  commands: fc.array(command, { minLength: 1, maxLength: 30 }),
});

/** One write of one column, as a laptop's service made it. */
interface Write {
  id: number;
  device: number;
  key: string;
  value: unknown;
  hlc: string;
  /** Writes of any column this laptop had seen when it made this one: its own and what it had pulled. */
  knew: ReadonlySet<number>;
}

class Model {
  readonly writes: Write[] = [];
  /** Writes the hub has received. */
  private readonly pushed = new Set<number>();
  /** Per laptop, the writes it has seen. */
  private readonly known: Set<number>[] = Array.from({ length: DEVICES }, () => new Set<number>());
  /** Columns whose values are unique per write, so a lost value can be looked for in conflict records. */
  readonly unique = new Set<string>();

  static key(table: string, rowId: string, column: string): string {
    return `${table}/${rowId}/${column}`;
  }

  /** A write every laptop has seen (made and synced before the random part starts). */
  initial(key: string, value: unknown, hlc: string): void {
    const write = { id: this.writes.length, device: -1, key, value, hlc, knew: new Set<number>() };
    this.writes.push(write);
    this.pushed.add(write.id);
    for (const known of this.known) known.add(write.id);
  }

  write(device: number, key: string, value: unknown, hlc: string): void {
    const write = { id: this.writes.length, device, key, value, hlc, knew: new Set(this.known[device]) };
    this.writes.push(write);
    this.known[device]!.add(write.id);
  }

  /** Push then pull: the hub gets this laptop's writes, and the laptop sees everything the hub has. */
  sync(device: number): void {
    for (const write of this.writes) if (write.device === device) this.pushed.add(write.id);
    this.known[device] = new Set(this.pushed);
  }

  keys(): string[] {
    return [...new Set(this.writes.map((w) => w.key))];
  }

  /** Last writer wins per column: the write with the greatest hybrid logical clock. */
  winner(key: string): Write {
    return this.writes.filter((w) => w.key === key).reduce((a, b) => (b.hlc > a.hlc ? b : a));
  }

  /** A write some later write of the same column was made over knowingly: an ordinary edit, no conflict. */
  overwrittenKnowingly(write: Write): boolean {
    return this.writes.some((other) => other.key === write.key && other.knew.has(write.id));
  }

  byClock(key: string, hlc: string | null): Write | undefined {
    return this.writes.find((w) => w.key === key && w.hlc === hlc);
  }
}

async function run(hub: RunningHub, skews: readonly number[], commands: readonly Command[]): Promise<void> {
  const { programme, adviser } = await adviserOf(hub.admin);
  const time = manualNow(Date.parse('2026-11-21T09:00:00.000Z'));
  const laptops: AppServices[] = [];
  try {
    for (const skew of skews) laptops.push(await startDevice({ now: () => time() + skew }));
    for (const laptop of laptops) await enrol(laptop, hub, adviser);
    const [first] = laptops as [AppServices];

    // The shared starting point: a firm, its assessment and some answers, synced to all three.
    const { client, assessment } = await startVisit(first, 'Calder Valley Castings Ltd');
    const [level1, level2, level3] = (await levelQuestions(first)) as [string, string, string];
    const questions: Question[] = [
      { id: level1, type: 'level', answeredAtStart: true },
      { id: level2, type: 'level', answeredAtStart: true },
      { id: 'dm-readiness-systems', type: 'text', answeredAtStart: true },
      { id: level3, type: 'level', answeredAtStart: false },
    ];
    const model = new Model();
    for (const question of questions.filter((q) => q.answeredAtStart)) {
      await first.assessments.saveAnswer({
        assessmentId: assessment.id,
        instrumentId: INSTRUMENT,
        questionId: question.id,
        value: question.type === 'text' ? 'Sage 50, Excel' : 1,
        notApplicable: false,
        note: 'first visit',
        flagged: false,
      });
    }
    for (const laptop of laptops) await syncClean(laptop);
    for (const question of questions) {
      if (!question.answeredAtStart) continue;
      const rowId = answerRowId(first, assessment.id, question.id);
      for (const column of ['value', 'note']) model.initial(Model.key('answers', rowId, column), cell(first, 'answers', rowId, column), cellClock(first, 'answers', rowId, column)!);
    }
    for (const column of ['town', 'street']) model.initial(Model.key('companies', client.id, column), cell(first, 'companies', client.id, column), cellClock(first, 'companies', client.id, column)!);

    // Every note, text answer, town and street written is new, so where a lost one went can be checked.
    let counter = 0;
    for (const command of commands) {
      const laptop = laptops[command.device]!;
      if (command.kind === 'sync') {
        await syncClean(laptop);
        model.sync(command.device);
        continue;
      }
      time.advance(command.advance);
      const n = ++counter;
      if (command.kind === 'client') {
        const value = `${command.field} ${n}`;
        const saved = await updateClient(laptop, client.id, { [command.field]: value });
        const key = Model.key('companies', client.id, command.field);
        model.unique.add(key);
        model.write(command.device, key, value, saved.updatedAt);
        continue;
      }
      const question = questions[command.question]!;
      // Two laptops answering the same question make the same row: its id comes from the question.
      const rowId = keyedRowId('answers', assessment.id, INSTRUMENT, question.id);
      const before = laptop.database.sqlite.prepare('select value, note from answers where id = ?').get(rowId) as { value: string | null; note: string } | undefined;
      const value = question.type === 'text' ? `systems ${n}` : command.level;
      const note = `note ${n}`;
      const saved = await laptop.assessments.saveAnswer({ assessmentId: assessment.id, instrumentId: INSTRUMENT, questionId: question.id, value, notApplicable: false, note, flagged: false });
      // Only the columns that changed are written (and get the new clock).
      const stored = { value: JSON.stringify(value), note };
      for (const column of ['value', 'note'] as const) {
        const key = Model.key('answers', rowId, column);
        if (column === 'note' || question.type === 'text') model.unique.add(key);
        if (before && before[column] === stored[column]) continue;
        model.write(command.device, key, stored[column], saved.updatedAt);
      }
    }

    // Sync until quiet: the first round brings every change to the hub, the second to every laptop.
    for (let round = 0; round < 2; round++) {
      for (const [index, laptop] of laptops.entries()) {
        await syncClean(laptop);
        model.sync(index);
      }
    }

    // (a) All laptops hold the same data, and it is what the hub serves.
    await expectConverged(laptops);
    await expectStoredExactlyOnce(hub.admin.database, programme, laptops);

    // (b) Every column holds the write with the greatest clock.
    for (const key of model.keys()) {
      const [table, rowId, column] = key.split('/') as [string, string, string];
      const winner = model.winner(key);
      expect(cell(first, table, rowId, column), `${key}: the last writer by clock`).toEqual(winner.value);
      expect(cellClock(first, table, rowId, column), `${key}: its clock`).toBe(winner.hlc);
    }

    // (c) A write that lost, and that no later write was made over knowingly, is in a conflict record.
    const conflicts = conflictRecords(first);
    for (const write of model.writes) {
      if (!model.unique.has(write.key) || write === model.winner(write.key) || model.overwrittenKnowingly(write)) continue;
      const [table, rowId, column] = write.key.split('/') as [string, string, string];
      const recorded = conflicts.some(
        (c) =>
          c.table_name === table &&
          c.row_id === rowId &&
          c.field === column &&
          ((c.kept_hlc === write.hlc && c.kept_value === write.value) || (c.other_hlc === write.hlc && c.other_value === write.value)),
      );
      expect(recorded, `${write.key} = ${JSON.stringify(write.value)} by laptop ${write.device} at ${write.hlc} was lost without a conflict record`).toBe(true);
    }

    // (d) And a conflict record is only ever about two edits neither of which had seen the other.
    for (const conflict of conflicts) {
      const key = Model.key(conflict.table_name, conflict.row_id, conflict.field);
      const kept = model.byClock(key, conflict.kept_hlc);
      const other = model.byClock(key, conflict.other_hlc);
      if (!kept || !other) continue; // a column the model does not follow, such as created_at of an answer made twice
      expect(kept.knew.has(other.id) || other.knew.has(kept.id), `${key}: conflict between ${kept.hlc} and ${other.hlc}, which were not concurrent`).toBe(false);
      expect(kept.hlc > other.hlc, `${key}: the kept value of a conflict has the later clock`).toBe(true);
    }
  } finally {
    for (const laptop of laptops) await laptop.close();
  }
}

describe('three laptops of one adviser, any interleaving of edits and syncs', () => {
  it('converge on the last writer by clock per field, and keep every value lost to a concurrent edit in a conflict record', async () => {
    const hub = await startHub(await hubLocation('sqlite'), UNTHROTTLED);
    await fc.assert(
      fc.asyncProperty(scenario, async ({ skews, commands }) => run(hub, skews, commands)),
      { numRuns: 100 },
    );
  }, 600_000);
});
