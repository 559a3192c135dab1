import { describe, expect, it } from 'vitest';
import { validateInstrument } from '../../shared/instruments/validate';
import { sampleInstrumentJson } from '../helpers/instrument-fixture';

type Json = Record<string, any>;
function broken(change: (json: Json) => void): string[] {
  const json = structuredClone(sampleInstrumentJson()) as Json;
  change(json);
  return validateInstrument(json);
}

describe('validateInstrument', () => {
  it('accepts a complete instrument', () => {
    expect(validateInstrument(sampleInstrumentJson())).toEqual([]);
  });

  it('names the JSON path of a schema problem', () => {
    expect(broken((j) => (j.questions[0].type = 'slider'))).toEqual([expect.stringMatching(/^\$\.questions\[0\]\.type: /)]);
    expect(broken((j) => (j.version = 'one'))).toEqual(['$.version: use a semantic version such as 1.0.0']);
    expect(broken((j) => (j.surprise = 1))).toEqual(['$: unknown field(s) surprise']);
  });

  it('reports duplicate question and dimension ids', () => {
    expect(broken((j) => (j.questions[1].id = 'q-level'))).toContain('$.questions[1].id: duplicate question id "q-level" (first at $.questions[0].id)');
    expect(broken((j) => (j.dimensions[1].id = 'data'))).toContain('$.dimensions[1].id: duplicate dimension id "data" (first at $.dimensions[0].id)');
  });

  it('reports each missing translation with its path', () => {
    expect(
      broken((j) => {
        delete j.questions[0].levels[2].descriptor.sv;
        j.title.da = ' ';
      }),
    ).toEqual(['$.title.da: missing da translation', '$.questions[0].levels[2].descriptor.sv: missing sv translation']);
  });

  it('reports a question in an unknown dimension and a dimension without questions', () => {
    const problems = broken((j) => {
      for (const q of j.questions) if (q.dimension === 'people') q.dimension = 'peeple';
    });
    expect(problems).toContain('$.questions[4].dimension: unknown dimension "peeple"');
    expect(problems).toContain('$.dimensions[1]: dimension "people" has no questions');
  });

  it('reports a level question missing a descriptor', () => {
    expect(broken((j) => j.questions[0].levels.splice(5, 1))).toEqual(['$.questions[0].levels: missing a descriptor for level 5']);
  });

  it('reports skip conditions that can never hold or point the wrong way', () => {
    expect(broken((j) => (j.questions[3].appliesIf = { question: 'q-single', equals: 'sap' }))).toEqual([
      '$.questions[3].appliesIf: can never hold: "q-single" has no option "sap"',
    ]);
    expect(broken((j) => (j.questions[3].appliesIf = { question: 'q-level', atLeast: 6 }))).toEqual(['$.questions[3].appliesIf: can never hold: a level is never at least 6']);
    expect(broken((j) => (j.questions[3].appliesIf = { question: 'q-yes', equals: true }))).toEqual([
      '$.questions[3].appliesIf.question: "q-yes" comes later, so it cannot have been answered yet',
    ]);
    expect(broken((j) => (j.questions[3].appliesIf = { question: 'q-nowhere', equals: true }))).toEqual(['$.questions[3].appliesIf.question: unknown question "q-nowhere"']);
    expect(broken((j) => (j.questions[3].appliesIf = { question: 'q-follow', equals: true }))).toEqual(['$.questions[3].appliesIf.question: a question cannot depend on itself']);
    expect(broken((j) => (j.questions[3].appliesIf = { question: 'q-single' }))).toEqual([
      '$.questions[3].appliesIf: says which question but not which answer (equals, in, atLeast, atMost or includes)',
    ]);
  });

  it('reports bands that leave a gap or miss the end of the scale', () => {
    expect(broken((j) => (j.bands[1].min = 27))).toEqual(['$.bands[1].min: must be 26, one step after the previous band, so that no score falls between bands']);
    expect(broken((j) => (j.bands[3].max = 99))).toEqual(["$.bands[3].max: the last band must end at the scale's maximum 100"]);
  });

  it('reports interpretations for bands that do not exist and unreachable maximum points', () => {
    expect(broken((j) => (j.dimensions[0].interpretation = { expert: { en: 'x', da: 'x', sv: 'x' } }))).toEqual(['$.dimensions[0].interpretation.expert: unknown band "expert"']);
    expect(broken((j) => (j.questions[2].maxPoints = 10))).toEqual(['$.questions[2].maxPoints: 10 can never be reached (all options give 6)']);
  });
});
