import { describe, expect, it } from 'vitest';
import { questionnaire, type SectionProgress } from '../../shared/assessments/questionnaire';
import type { AnswerRecord } from '../../shared/instruments/answers';
import { builtinInstrument } from '../../shared/instruments/builtin';
import { InstrumentSchema, type AnswerValue, type Instrument } from '../../shared/instruments/schema';
import { sampleInstrument, sampleInstrumentJson } from '../helpers/instrument-fixture';

const t = (en: string) => ({ en, da: `${en} (da)`, sv: `${en} (sv)` });

/** Answers keyed by instrument and question, as the renderer keeps them. */
function answerBook(entries: [instrumentId: string, questionId: string, value: AnswerValue | null, notApplicable?: boolean][] = []) {
  const book = new Map<string, AnswerRecord>();
  for (const [instrumentId, questionId, value, notApplicable = false] of entries) book.set(`${instrumentId}/${questionId}`, { questionId, value, notApplicable });
  return (instrumentId: string, questionId: string) => book.get(`${instrumentId}/${questionId}`);
}

const sectionKeys = (sections: SectionProgress[]) => sections.map((s) => `${s.instrument.id}/${s.dimension.id}`);
const slotIds = (section: SectionProgress | undefined) => section!.slots.map((s) => s.question.id);
const section = (sections: SectionProgress[], instrumentId: string, dimensionId: string) =>
  sections.find((s) => s.instrument.id === instrumentId && s.dimension.id === dimensionId);

/** A second small instrument that lists its dimensions in the opposite order to its questions. */
function reversedInstrument(): Instrument {
  const json = sampleInstrumentJson();
  json.id = 'second';
  json.dimensions.reverse();
  return InstrumentSchema.parse(json);
}

describe('questionnaire', () => {
  it('walks instrument by instrument in the order given, and dimension by dimension in each instrument’s own order', () => {
    const sections = questionnaire([reversedInstrument(), sampleInstrument()], answerBook());
    expect(sectionKeys(sections)).toEqual(['second/people', 'second/data', 'sample/data', 'sample/people']);
  });

  it('gives one section per dimension of the built-in instruments, in the order the adviser chose them', () => {
    const chosen = [builtinInstrument('stepping-stones'), builtinInstrument('digital-maturity')];
    const sections = questionnaire(chosen, answerBook());
    expect(sectionKeys(sections)).toEqual(chosen.flatMap((i) => i.dimensions.map((d) => `${i.id}/${d.id}`)));
  });

  it('lists a dimension’s questions in the instrument’s order, each slot naming its instrument and dimension', () => {
    const sections = questionnaire([sampleInstrument()], answerBook([['sample', 'q-single', 'erp']]));
    const data = section(sections, 'sample', 'data')!;
    expect(slotIds(data)).toEqual(['q-level', 'q-single', 'q-multi', 'q-follow']);
    expect(slotIds(section(sections, 'sample', 'people'))).toEqual(['q-number', 'q-yes', 'q-text']);
    for (const slot of data.slots) expect([slot.instrument.id, slot.dimension.id, slot.question.dimension]).toEqual(['sample', 'data', 'data']);
  });

  it('hides a follow-up until its condition holds, and hides it again when the answer changes', () => {
    const data = (entries: Parameters<typeof answerBook>[0]) => slotIds(section(questionnaire([sampleInstrument()], answerBook(entries)), 'sample', 'data'));
    expect(data([])).toEqual(['q-level', 'q-single', 'q-multi']);
    expect(data([['sample', 'q-single', 'paper']])).toEqual(['q-level', 'q-single', 'q-multi']);
    expect(data([['sample', 'q-single', 'erp']])).toEqual(['q-level', 'q-single', 'q-multi', 'q-follow']);
    expect(data([['sample', 'q-single', 'erp', true]])).toEqual(['q-level', 'q-single', 'q-multi']);
  });

  it('hides a follow-up of a follow-up while its parent is hidden', () => {
    const json = sampleInstrumentJson();
    json.questions.push({ id: 'q-follow-detail', dimension: 'data', type: 'text', text: t('How is it linked?'), appliesIf: { question: 'q-follow', equals: true } });
    const instrument = InstrumentSchema.parse(json);
    const data = (entries: Parameters<typeof answerBook>[0]) => slotIds(section(questionnaire([instrument], answerBook(entries)), 'sample', 'data'));
    expect(data([['sample', 'q-single', 'erp'], ['sample', 'q-follow', true]])).toContain('q-follow-detail');
    expect(data([['sample', 'q-single', 'paper'], ['sample', 'q-follow', true]])).not.toContain('q-follow-detail');
  });

  it('reads each instrument’s conditions from its own answers only', () => {
    const sections = questionnaire([sampleInstrument(), reversedInstrument()], answerBook([['second', 'q-single', 'erp']]));
    expect(slotIds(section(sections, 'sample', 'data'))).not.toContain('q-follow');
    expect(slotIds(section(sections, 'second', 'data'))).toContain('q-follow');
  });

  it('counts answered and not-applicable questions as done, per section', () => {
    const sections = questionnaire(
      [sampleInstrument()],
      answerBook([
        ['sample', 'q-level', 2],
        ['sample', 'q-multi', null, true],
        ['sample', 'q-number', 50],
        ['sample', 'q-yes', false],
        ['sample', 'q-text', 'Night shift has no supervisor.'],
      ]),
    );
    expect(sections.map((s) => [s.dimension.id, s.done, s.slots.length])).toEqual([
      ['data', 2, 3],
      ['people', 3, 3],
    ]);
  });

  it('does not count a cleared answer, an answer to a hidden follow-up, or another instrument’s answer as done', () => {
    const sections = questionnaire(
      [sampleInstrument(), reversedInstrument()],
      answerBook([
        ['sample', 'q-level', null],
        ['sample', 'q-single', 'paper'],
        ['sample', 'q-follow', true],
        ['second', 'q-multi', ['orders']],
      ]),
    );
    expect(section(sections, 'sample', 'data')).toMatchObject({ done: 1 });
    expect(slotIds(section(sections, 'sample', 'data'))).toHaveLength(3);
    expect(section(sections, 'second', 'data')).toMatchObject({ done: 1 });
  });
});
