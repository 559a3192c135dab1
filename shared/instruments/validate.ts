import { duplicates, formatPath, missingTranslations, schemaProblems, type Path } from '../validation/problems';
import { InstrumentSchema, type AppliesIf, type Instrument, type Question } from './schema';

function conditionProblems(condition: AppliesIf, target: Question | undefined, path: Path): string[] {
  const at = formatPath(path);
  const tests = (['equals', 'in', 'atLeast', 'atMost', 'includes'] as const).filter((key) => condition[key] !== undefined);
  if (tests.length === 0) return [`${at}: says which question but not which answer (equals, in, atLeast, atMost or includes)`];
  if (!target) return [];
  const problems: string[] = [];
  const impossible = (what: string) => problems.push(`${at}: can never hold: ${what}`);
  const optionIds = 'options' in target ? new Set(target.options.map((o) => o.id)) : new Set<string>();
  switch (target.type) {
    case 'level': {
      const valid = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5;
      if (condition.equals !== undefined && !valid(condition.equals)) impossible(`level questions answer 0–5, not ${JSON.stringify(condition.equals)}`);
      for (const v of condition.in ?? []) if (!valid(v)) impossible(`level questions answer 0–5, not ${JSON.stringify(v)}`);
      if (condition.atLeast !== undefined && condition.atLeast > 5) impossible(`a level is never at least ${condition.atLeast}`);
      if (condition.atMost !== undefined && condition.atMost < 0) impossible(`a level is never at most ${condition.atMost}`);
      if (condition.includes !== undefined) impossible('"includes" applies to multiple-choice questions only');
      break;
    }
    case 'single':
    case 'multi': {
      if (target.type === 'multi' && (condition.equals !== undefined || condition.in !== undefined)) {
        impossible('a multiple-choice answer is a list of options; use "includes" to test for one of them');
      }
      const ids = [
        ...(condition.equals !== undefined ? [condition.equals] : []),
        ...(condition.in ?? []),
        ...(condition.includes !== undefined ? [condition.includes] : []),
      ];
      for (const id of ids) if (typeof id !== 'string' || !optionIds.has(id)) impossible(`"${target.id}" has no option ${JSON.stringify(id)}`);
      if (condition.atLeast !== undefined || condition.atMost !== undefined) impossible('atLeast/atMost apply to level and number questions only');
      if (target.type === 'single' && condition.includes !== undefined) impossible('"includes" applies to multiple-choice questions only');
      break;
    }
    case 'yesno':
      if (condition.equals === undefined || typeof condition.equals !== 'boolean' || tests.length > 1) impossible('a yes/no question is conditioned with equals: true or false');
      break;
    case 'number':
      if (condition.equals !== undefined && (typeof condition.equals !== 'number' || condition.equals < target.min || condition.equals > target.max)) {
        impossible(`"${target.id}" is a number from ${target.min} to ${target.max}, never ${JSON.stringify(condition.equals)}`);
      }
      if (condition.atLeast !== undefined && condition.atLeast > target.max) impossible(`"${target.id}" never exceeds ${target.max}`);
      if (condition.atMost !== undefined && condition.atMost < target.min) impossible(`"${target.id}" is never below ${target.min}`);
      if (condition.includes !== undefined || condition.in !== undefined) impossible('number questions take equals, atLeast or atMost');
      break;
    case 'text':
    case 'ranking':
      impossible(`a ${target.type} answer cannot decide whether another question applies`);
      break;
  }
  return problems;
}

function questionProblems(question: Question, index: number, instrument: Instrument, earlier: Map<string, Question>): string[] {
  const path: Path = ['questions', index];
  const problems: string[] = [];
  if (!instrument.dimensions.some((d) => d.id === question.dimension)) {
    problems.push(`${formatPath([...path, 'dimension'])}: unknown dimension "${question.dimension}"`);
  }
  if (question.type === 'level') {
    for (let level = 0; level <= 5; level++) {
      const count = question.levels.filter((l) => l.level === level).length;
      if (count === 0) problems.push(`${formatPath([...path, 'levels'])}: missing a descriptor for level ${level}`);
      if (count > 1) problems.push(`${formatPath([...path, 'levels'])}: level ${level} is described ${count} times`);
    }
  }
  if ('options' in question) {
    problems.push(...duplicates(question.options, (o) => o.id, (i) => [...path, 'options', i, 'id'], 'option id'));
  }
  if (question.type === 'multi' && question.maxPoints !== undefined) {
    const total = question.options.reduce((sum, o) => sum + o.points, 0);
    if (question.maxPoints > total) problems.push(`${formatPath([...path, 'maxPoints'])}: ${question.maxPoints} can never be reached (all options give ${total})`);
  }
  if (question.type === 'number') {
    if (question.min >= question.max) problems.push(`${formatPath([...path, 'min'])}: min must be below max`);
    question.scoring?.forEach((step, i, all) => {
      if (i > 0 && step.atLeast <= all[i - 1]!.atLeast) problems.push(`${formatPath([...path, 'scoring', i, 'atLeast'])}: thresholds must ascend`);
    });
  }
  if (question.appliesIf) {
    const conditionPath = [...path, 'appliesIf', 'question'];
    const target = earlier.get(question.appliesIf.question);
    if (question.appliesIf.question === question.id) problems.push(`${formatPath(conditionPath)}: a question cannot depend on itself`);
    else if (!target) {
      const later = instrument.questions.some((q) => q.id === question.appliesIf!.question);
      problems.push(
        later
          ? `${formatPath(conditionPath)}: "${question.appliesIf.question}" comes later, so it cannot have been answered yet`
          : `${formatPath(conditionPath)}: unknown question "${question.appliesIf.question}"`,
      );
    }
    problems.push(...conditionProblems(question.appliesIf, target, [...path, 'appliesIf']));
  }
  return problems;
}

function bandProblems(instrument: Instrument): string[] {
  const problems: string[] = [];
  const { scale, bands } = instrument;
  const close = (a: number, b: number) => Math.abs(a - b) < scale.step / 1000;
  if (scale.min >= scale.max) problems.push('$.scale: min must be below max');
  if (bands[0] && !close(bands[0].min, scale.min)) problems.push(`$.bands[0].min: the first band must start at the scale's minimum ${scale.min}`);
  const last = bands[bands.length - 1];
  if (last && !close(last.max, scale.max)) problems.push(`$.bands[${bands.length - 1}].max: the last band must end at the scale's maximum ${scale.max}`);
  bands.forEach((band, i) => {
    if (band.min > band.max) problems.push(`$.bands[${i}]: min is above max`);
    const previous = bands[i - 1];
    if (previous && !close(band.min, previous.max + scale.step)) {
      problems.push(`$.bands[${i}].min: must be ${previous.max + scale.step}, one step after the previous band, so that no score falls between bands`);
    }
  });
  return problems;
}

function referenceProblems(instrument: Instrument): string[] {
  const problems: string[] = [];
  const groups = new Set(instrument.groups.map((g) => g.id));
  const bands = new Set(instrument.bands.map((b) => b.id));
  instrument.groups.forEach((group, i) => {
    if (group.parent !== undefined && !groups.has(group.parent)) problems.push(`$.groups[${i}].parent: unknown group "${group.parent}"`);
  });
  instrument.dimensions.forEach((dimension, i) => {
    if (dimension.group !== undefined && !groups.has(dimension.group)) problems.push(`$.dimensions[${i}].group: unknown group "${dimension.group}"`);
    for (const key of Object.keys(dimension.interpretation)) {
      if (!bands.has(key)) problems.push(`$.dimensions[${i}].interpretation.${key}: unknown band "${key}"`);
    }
    if (!instrument.questions.some((q) => q.dimension === dimension.id)) problems.push(`$.dimensions[${i}]: dimension "${dimension.id}" has no questions`);
  });
  return problems;
}

/**
 * Everything wrong with an instrument file, one line per problem, each naming its JSON path.
 * An empty list means the instrument can be used.
 */
export function validateInstrument(json: unknown): string[] {
  const parsed = InstrumentSchema.safeParse(json);
  if (!parsed.success) return schemaProblems(parsed.error);
  const instrument = parsed.data;
  const earlier = new Map<string, Question>();
  const questionIssues = instrument.questions.flatMap((question, index) => {
    const problems = questionProblems(question, index, instrument, earlier);
    earlier.set(question.id, question);
    return problems;
  });
  return [
    ...duplicates(instrument.dimensions, (d) => d.id, (i) => ['dimensions', i, 'id'], 'dimension id'),
    ...duplicates(instrument.questions, (q) => q.id, (i) => ['questions', i, 'id'], 'question id'),
    ...duplicates(instrument.groups, (g) => g.id, (i) => ['groups', i, 'id'], 'group id'),
    ...duplicates(instrument.bands, (b) => b.id, (i) => ['bands', i, 'id'], 'band id'),
    ...missingTranslations(json, instrument.locales, []),
    ...bandProblems(instrument),
    ...referenceProblems(instrument),
    ...questionIssues,
  ];
}
