import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../shared/instruments/answers';
import { InstrumentSchema, type AnswerValue, type Instrument } from '../../shared/instruments/schema';
import { validateInstrument } from '../../shared/instruments/validate';
import { mapAnswers } from '../../shared/instruments/versions';
import { sampleInstrument, sampleInstrumentJson } from '../helpers/instrument-fixture';

type Json = Record<string, any>;
const t = (en: string) => ({ en, da: `${en} (da)`, sv: `${en} (sv)` });
const answer = (questionId: string, value: AnswerValue | null, notApplicable = false): AnswerRecord => ({ questionId, value, notApplicable });

/** Version 1.1.0 of the sample instrument with the given edits; it must still be a valid instrument. */
function nextVersion(change: (json: Json) => void): Instrument {
  const json = structuredClone(sampleInstrumentJson()) as Json;
  json.version = '1.1.0';
  change(json);
  expect(validateInstrument(json)).toEqual([]);
  return InstrumentSchema.parse(json);
}

const question = (json: Json, id: string): Json => (json.questions as Json[]).find((q) => q.id === id)!;

describe('mapAnswers', () => {
  const from = sampleInstrument();
  const answers = [
    answer('q-level', 3),
    answer('q-single', 'erp'),
    answer('q-multi', ['orders', 'machines']),
    answer('q-follow', true),
    answer('q-number', 45),
    answer('q-yes', null, true),
    answer('q-text', 'Two shifts; the ERP is Visma.'),
  ];

  it('carries every answer over unchanged to an identical instrument', () => {
    expect(mapAnswers(from, sampleInstrument(), answers)).toEqual({ mapped: answers, unmapped: [] });
  });

  it('carries answers by question id, whatever the order and wording of the new version', () => {
    const to = nextVersion((json) => {
      json.questions.reverse();
      // Keep the follow-up after its parent, as the validator requires.
      const follow = json.questions.findIndex((q: Json) => q.id === 'q-follow');
      const [moved] = json.questions.splice(follow, 1);
      json.questions.push(moved);
      question(json, 'q-level').text = t('How do you capture production data today?');
      question(json, 'q-number').dimension = 'data';
    });
    const result = mapAnswers(from, to, answers);
    expect(result.unmapped).toEqual([]);
    expect(result.mapped).toEqual(answers);
  });

  it('keeps a not-applicable mark and a cleared answer as they were', () => {
    const result = mapAnswers(from, sampleInstrument(), [answer('q-level', null, true), answer('q-single', null)]);
    expect(result.mapped).toEqual([answer('q-level', null, true), answer('q-single', null)]);
  });

  it('reports an answer to a question the new version no longer asks as removed, and maps the rest', () => {
    const to = nextVersion((json) => {
      json.questions = json.questions.filter((q: Json) => q.id !== 'q-text');
    });
    const result = mapAnswers(from, to, answers);
    expect(result.unmapped).toEqual([{ questionId: 'q-text', reason: 'removed', detail: 'sample 1.1.0 no longer asks this question' }]);
    expect(result.mapped.map((a) => a.questionId)).toEqual(['q-level', 'q-single', 'q-multi', 'q-follow', 'q-number', 'q-yes']);
  });

  it('reports an answer whose question changed type instead of guessing, even when the value would still fit', () => {
    const to = nextVersion((json) => {
      // A level question became a number question from 0 to 5: the old level 3 is a valid number, but it means something else.
      Object.assign(question(json, 'q-level'), { type: 'number', unit: t('steps'), min: 0, max: 5, levels: undefined });
      delete question(json, 'q-level').levels;
    });
    const result = mapAnswers(from, to, answers);
    expect(result.unmapped).toEqual([{ questionId: 'q-level', reason: 'type-changed', detail: 'was level, is now number' }]);
    expect(result.mapped.map((a) => a.questionId)).not.toContain('q-level');
    expect(result.mapped).toHaveLength(answers.length - 1);
  });

  it('reports an answer that chose an option the new version removed', () => {
    const to = nextVersion((json) => {
      question(json, 'q-single').options = question(json, 'q-single').options.filter((o: Json) => o.id !== 'erp');
      question(json, 'q-single').options.push({ id: 'mrp', label: t('MRP system'), points: 4 });
      question(json, 'q-follow').appliesIf = { question: 'q-single', equals: 'mrp' };
    });
    const result = mapAnswers(from, to, answers);
    expect(result.unmapped).toEqual([{ questionId: 'q-single', reason: 'value-invalid', detail: 'expected one of the options' }]);
    expect(result.mapped.find((a) => a.questionId === 'q-single')).toBeUndefined();
  });

  it('reports a multiple-choice answer that includes a removed option, and keeps one that does not', () => {
    const to = nextVersion((json) => {
      question(json, 'q-multi').options = question(json, 'q-multi').options.filter((o: Json) => o.id !== 'machines');
    });
    const result = mapAnswers(from, to, [answer('q-multi', ['orders', 'machines'])]);
    expect(result).toEqual({ mapped: [], unmapped: [{ questionId: 'q-multi', reason: 'value-invalid', detail: 'expected options of this question' }] });
    expect(mapAnswers(from, to, [answer('q-multi', ['orders', 'stock'])])).toEqual({ mapped: [answer('q-multi', ['orders', 'stock'])], unmapped: [] });
  });

  it('reports a number that falls outside the new range', () => {
    const to = nextVersion((json) => {
      Object.assign(question(json, 'q-number'), { max: 40, scoring: [{ atLeast: 0, score: 0 }, { atLeast: 20, score: 1 }] });
    });
    const result = mapAnswers(from, to, [answer('q-number', 45), answer('q-level', 2)]);
    expect(result.unmapped).toEqual([{ questionId: 'q-number', reason: 'value-invalid', detail: 'expected a number from 0 to 40' }]);
    expect(result.mapped).toEqual([answer('q-level', 2)]);
  });

  it('reports each kind of problem once per answer, in the order the answers came', () => {
    const to = nextVersion((json) => {
      json.questions = json.questions.filter((q: Json) => q.id !== 'q-text');
      Object.assign(question(json, 'q-yes'), { type: 'single', options: [{ id: 'none', label: t('None'), points: 0 }, { id: 'written', label: t('Written'), points: 2 }], points: undefined });
      delete question(json, 'q-yes').points;
      question(json, 'q-single').options = question(json, 'q-single').options.filter((o: Json) => o.id !== 'erp');
      delete question(json, 'q-follow').appliesIf;
    });
    const result = mapAnswers(from, to, [answer('q-text', 'x'), answer('q-yes', true), answer('q-single', 'erp'), answer('q-level', 1)]);
    expect(result.unmapped.map((u) => [u.questionId, u.reason])).toEqual([
      ['q-text', 'removed'],
      ['q-yes', 'type-changed'],
      ['q-single', 'value-invalid'],
    ]);
    expect(result.mapped).toEqual([answer('q-level', 1)]);
  });
});
