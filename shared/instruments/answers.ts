import type { AnswerValue, AppliesIf, Question } from './schema';

/** One answer as scoring sees it: a value, or marked not applicable, or neither (not yet answered). */
export interface AnswerRecord {
  questionId: string;
  value: AnswerValue | null;
  notApplicable: boolean;
}

/** Only lookup is needed, so a Map or a view over the renderer's state both serve. */
export interface AnswerLookup {
  get(questionId: string): AnswerRecord | undefined;
}

/** Why a value does not fit a question, or null when it does. */
export function answerProblem(question: Question, value: AnswerValue): string | null {
  switch (question.type) {
    case 'level':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 5 ? null : 'expected a level from 0 to 5';
    case 'single':
      return typeof value === 'string' && question.options.some((o) => o.id === value) ? null : 'expected one of the options';
    case 'multi': {
      if (!Array.isArray(value)) return 'expected a list of options';
      if (new Set(value).size !== value.length) return 'an option is chosen twice';
      if (!value.every((id) => question.options.some((o) => o.id === id))) return 'expected options of this question';
      const exclusive = question.options.find((o) => o.exclusive && value.includes(o.id));
      return exclusive && value.length > 1 ? `"${exclusive.id}" cannot be combined with other options` : null;
    }
    case 'ranking': {
      if (!Array.isArray(value)) return 'expected the options in order';
      if (new Set(value).size !== value.length) return 'an option is ranked twice';
      return value.every((id) => question.options.some((o) => o.id === id)) ? null : 'expected options of this question';
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= question.min && value <= question.max
        ? null
        : `expected a number from ${question.min} to ${question.max}`;
    case 'yesno':
      return typeof value === 'boolean' ? null : 'expected yes or no';
    case 'text':
      return typeof value === 'string' ? null : 'expected text';
  }
}

function holds(condition: AppliesIf, answer: AnswerRecord | undefined): boolean {
  if (!answer || answer.notApplicable || answer.value === null) return false;
  const value = answer.value;
  if (condition.equals !== undefined && value !== condition.equals) return false;
  if (condition.in !== undefined && !((typeof value === 'string' || typeof value === 'number') && condition.in.includes(value))) return false;
  if (condition.atLeast !== undefined && !(typeof value === 'number' && value >= condition.atLeast)) return false;
  if (condition.atMost !== undefined && !(typeof value === 'number' && value <= condition.atMost)) return false;
  if (condition.includes !== undefined && !(Array.isArray(value) && value.includes(condition.includes))) return false;
  return true;
}

/**
 * Whether a question is asked, given the answers so far. A question whose condition rests on a
 * question that is itself skipped is skipped too.
 */
export function questionApplies(question: Question, questions: ReadonlyMap<string, Question>, answers: AnswerLookup): boolean {
  if (!question.appliesIf) return true;
  const parent = questions.get(question.appliesIf.question);
  if (!parent || !questionApplies(parent, questions, answers)) return false;
  return holds(question.appliesIf, answers.get(question.appliesIf.question));
}
