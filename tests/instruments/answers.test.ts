import { describe, expect, it } from 'vitest';
import { answerProblem, questionApplies, type AnswerRecord } from '../../shared/instruments/answers';
import { InstrumentSchema, type AnswerValue, type AppliesIf, type Instrument, type InstrumentInput, type Question } from '../../shared/instruments/schema';
import { validateInstrument } from '../../shared/instruments/validate';
import { sampleInstrumentJson } from '../helpers/instrument-fixture';

const t = (en: string) => ({ en, da: `${en} (da)`, sv: `${en} (sv)` });

/** The sample instrument plus a ranking and a multiple choice with an exclusive "none". */
function instrumentJson(): InstrumentInput {
  const json = sampleInstrumentJson();
  json.questions.push(
    {
      id: 'q-rank',
      dimension: 'people',
      type: 'ranking',
      text: t('What matters most?'),
      options: [
        { id: 'cost', label: t('Cost') },
        { id: 'speed', label: t('Speed') },
        { id: 'quality', label: t('Quality') },
      ],
    },
    {
      id: 'q-tools',
      dimension: 'people',
      type: 'multi',
      text: t('Which tools?'),
      options: [
        { id: 'crm', label: t('CRM'), points: 1 },
        { id: 'mes', label: t('MES'), points: 1 },
        { id: 'none', label: t('None of these'), exclusive: true },
      ],
    },
  );
  return json;
}

const instrument: Instrument = InstrumentSchema.parse(instrumentJson());
const question = (id: string): Question => {
  const found = instrument.questions.find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};

describe('answerProblem', () => {
  it.each<[string, AnswerValue]>([
    ['q-level', 0],
    ['q-level', 3],
    ['q-level', 5],
    ['q-single', 'erp'],
    ['q-multi', ['orders']],
    ['q-multi', ['orders', 'stock', 'machines']],
    ['q-tools', ['none']],
    ['q-tools', ['crm', 'mes']],
    ['q-follow', true],
    ['q-follow', false],
    ['q-number', 0],
    ['q-number', 42.5],
    ['q-number', 100],
    ['q-text', 'Orders come in by e-mail and are typed into Excel.'],
    ['q-rank', ['quality', 'cost', 'speed']],
  ])('accepts a fitting answer to %s: %j', (id, value) => {
    expect(answerProblem(question(id), value)).toBeNull();
  });

  it.each<[string, AnswerValue, string]>([
    ['q-level', 6, 'expected a level from 0 to 5'],
    ['q-level', -1, 'expected a level from 0 to 5'],
    ['q-level', 2.5, 'expected a level from 0 to 5'],
    ['q-level', '3', 'expected a level from 0 to 5'],
    ['q-level', true, 'expected a level from 0 to 5'],
    ['q-single', 'sap', 'expected one of the options'],
    ['q-single', ['erp'], 'expected one of the options'],
    ['q-single', 4, 'expected one of the options'],
    ['q-multi', 'orders', 'expected a list of options'],
    ['q-multi', ['orders', 'orders'], 'an option is chosen twice'],
    ['q-multi', ['orders', 'invoices'], 'expected options of this question'],
    ['q-tools', ['none', 'crm'], '"none" cannot be combined with other options'],
    ['q-tools', ['mes', 'none'], '"none" cannot be combined with other options'],
    ['q-follow', 'yes', 'expected yes or no'],
    ['q-follow', 1, 'expected yes or no'],
    ['q-number', -0.1, 'expected a number from 0 to 100'],
    ['q-number', 100.5, 'expected a number from 0 to 100'],
    ['q-number', '50', 'expected a number from 0 to 100'],
    ['q-number', Number.NaN, 'expected a number from 0 to 100'],
    ['q-number', Number.POSITIVE_INFINITY, 'expected a number from 0 to 100'],
    ['q-text', 42, 'expected text'],
    ['q-text', ['a'], 'expected text'],
    ['q-rank', 'cost', 'expected the options in order'],
    ['q-rank', ['cost', 'cost'], 'an option is ranked twice'],
    ['q-rank', ['cost', 'price'], 'expected options of this question'],
  ])('refuses an answer to %s that does not fit: %o', (id, value, problem) => {
    expect(answerProblem(question(id), value)).toBe(problem);
  });
});

describe('questionApplies', () => {
  const answer = (questionId: string, value: AnswerValue | null, notApplicable = false): AnswerRecord => ({ questionId, value, notApplicable });
  const lookup = (...answers: AnswerRecord[]) => new Map(answers.map((a) => [a.questionId, a]));

  /** The sample instrument with a yes/no follow-up at the end, conditioned on an earlier question. */
  function withFollowUp(appliesIf: AppliesIf, extra: InstrumentInput['questions'] = []) {
    const json = instrumentJson();
    json.questions.push({ id: 'q-child', dimension: 'people', type: 'yesno', text: t('Follow-up'), appliesIf }, ...extra);
    const built = InstrumentSchema.parse(json);
    const byId = new Map(built.questions.map((q) => [q.id, q]));
    return {
      problems: validateInstrument(json),
      applies: (id: string, ...answers: AnswerRecord[]) => questionApplies(byId.get(id)!, byId, lookup(...answers)),
    };
  }

  it('always asks a question without a condition', () => {
    expect(questionApplies(question('q-level'), new Map(instrument.questions.map((q) => [q.id, q])), lookup())).toBe(true);
  });

  it('asks an equals follow-up only when the parent has exactly that answer', () => {
    const { problems, applies } = withFollowUp({ question: 'q-single', equals: 'erp' });
    expect(problems).toEqual([]);
    expect(applies('q-child', answer('q-single', 'erp'))).toBe(true);
    expect(applies('q-child', answer('q-single', 'spreadsheet'))).toBe(false);
    expect(applies('q-child')).toBe(false);
  });

  it('asks an equals follow-up on a yes/no question for false as well as true', () => {
    const { problems, applies } = withFollowUp({ question: 'q-yes', equals: false });
    expect(problems).toEqual([]);
    expect(applies('q-child', answer('q-yes', false))).toBe(true);
    expect(applies('q-child', answer('q-yes', true))).toBe(false);
  });

  it('asks an in follow-up when the parent answer is one of the listed options or levels', () => {
    const single = withFollowUp({ question: 'q-single', in: ['spreadsheet', 'erp'] });
    expect(single.problems).toEqual([]);
    expect(single.applies('q-child', answer('q-single', 'spreadsheet'))).toBe(true);
    expect(single.applies('q-child', answer('q-single', 'erp'))).toBe(true);
    expect(single.applies('q-child', answer('q-single', 'paper'))).toBe(false);

    const level = withFollowUp({ question: 'q-level', in: [0, 1] });
    expect(level.problems).toEqual([]);
    expect(level.applies('q-child', answer('q-level', 1))).toBe(true);
    expect(level.applies('q-child', answer('q-level', 2))).toBe(false);
  });

  it('asks an atLeast follow-up from the threshold upwards', () => {
    const { problems, applies } = withFollowUp({ question: 'q-level', atLeast: 2 });
    expect(problems).toEqual([]);
    expect(applies('q-child', answer('q-level', 1))).toBe(false);
    expect(applies('q-child', answer('q-level', 2))).toBe(true);
    expect(applies('q-child', answer('q-level', 5))).toBe(true);
  });

  it('asks an atMost follow-up from the threshold downwards, including zero', () => {
    const { problems, applies } = withFollowUp({ question: 'q-number', atMost: 20 });
    expect(problems).toEqual([]);
    expect(applies('q-child', answer('q-number', 0))).toBe(true);
    expect(applies('q-child', answer('q-number', 20))).toBe(true);
    expect(applies('q-child', answer('q-number', 20.5))).toBe(false);
  });

  it('asks an atLeast-and-atMost follow-up only inside the range', () => {
    const { problems, applies } = withFollowUp({ question: 'q-number', atLeast: 10, atMost: 30 });
    expect(problems).toEqual([]);
    expect(applies('q-child', answer('q-number', 9))).toBe(false);
    expect(applies('q-child', answer('q-number', 10))).toBe(true);
    expect(applies('q-child', answer('q-number', 30))).toBe(true);
    expect(applies('q-child', answer('q-number', 31))).toBe(false);
  });

  it('asks an includes follow-up when the option is among those chosen', () => {
    const { problems, applies } = withFollowUp({ question: 'q-multi', includes: 'machines' });
    expect(problems).toEqual([]);
    expect(applies('q-child', answer('q-multi', ['orders', 'machines']))).toBe(true);
    expect(applies('q-child', answer('q-multi', ['machines']))).toBe(true);
    expect(applies('q-child', answer('q-multi', ['orders', 'stock']))).toBe(false);
    expect(applies('q-child', answer('q-multi', []))).toBe(false);
  });

  it('skips a follow-up while its parent is unanswered or cleared', () => {
    const { applies } = withFollowUp({ question: 'q-level', atLeast: 0 });
    expect(applies('q-child')).toBe(false);
    expect(applies('q-child', answer('q-level', null))).toBe(false);
    expect(applies('q-child', answer('q-level', 0))).toBe(true);
  });

  it('skips a follow-up whose parent is marked not applicable, even if a stale value is left on it', () => {
    const { applies } = withFollowUp({ question: 'q-single', equals: 'erp' });
    expect(applies('q-child', answer('q-single', null, true))).toBe(false);
    expect(applies('q-child', answer('q-single', 'erp', true))).toBe(false);
  });

  it('skips a grandchild when its parent is skipped, even though the grandchild’s own condition holds', () => {
    const { problems, applies } = withFollowUp({ question: 'q-single', equals: 'erp' }, [
      { id: 'q-grandchild', dimension: 'people', type: 'text', text: t('Which link?'), appliesIf: { question: 'q-child', equals: true } },
    ]);
    expect(problems).toEqual([]);
    // The grandchild's parent still holds "yes" from before the adviser changed the first answer.
    expect(applies('q-grandchild', answer('q-single', 'erp'), answer('q-child', true))).toBe(true);
    expect(applies('q-grandchild', answer('q-single', 'paper'), answer('q-child', true))).toBe(false);
    expect(applies('q-grandchild', answer('q-child', true))).toBe(false);
  });

  it('skips a question whose condition names a question the instrument does not have', () => {
    const byId = new Map(instrument.questions.map((q) => [q.id, q]));
    const orphan = { ...question('q-follow'), appliesIf: { question: 'q-gone', equals: 'erp' } } as Question;
    expect(questionApplies(orphan, byId, lookup(answer('q-gone', 'erp')))).toBe(false);
  });

  // Every condition the validator lets through must be satisfiable by some answer the parent accepts;
  // otherwise a published instrument silently hides the follow-up for ever.
  it.each<[string, AppliesIf, AnswerValue]>([
    ['in on a multiple-choice question', { question: 'q-multi', in: ['orders'] }, ['orders']],
    ['equals on a multiple-choice question', { question: 'q-multi', equals: 'orders' }, ['orders']],
  ])('either the validator refuses a condition or an answer can meet it: %s', (_what, appliesIf, value) => {
    const { problems, applies } = withFollowUp(appliesIf);
    expect(answerProblem(question(appliesIf.question), value)).toBeNull();
    const met = applies('q-child', answer(appliesIf.question, value));
    expect(problems.length > 0 || met, `validator accepted ${JSON.stringify(appliesIf)}, yet the answer ${JSON.stringify(value)} does not meet it`).toBe(true);
  });

  it('the validator refuses a number-question condition whose equals is text or outside the question’s range, since no answer can meet it', () => {
    const text = withFollowUp({ question: 'q-number', equals: 'lots' });
    expect(text.problems).toEqual([expect.stringMatching(/^\$\.questions\[\d+\]\.appliesIf: can never hold/)]);
    const outside = withFollowUp({ question: 'q-number', equals: 500 });
    expect(outside.problems).toEqual([expect.stringMatching(/^\$\.questions\[\d+\]\.appliesIf: can never hold/)]);
  });
});
