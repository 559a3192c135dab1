import { answerProblem, type AnswerRecord } from './answers';
import type { Instrument } from './schema';

export interface UnmappedAnswer {
  questionId: string;
  reason: 'removed' | 'type-changed' | 'value-invalid';
  detail: string;
}

export interface AnswerMapping {
  mapped: AnswerRecord[];
  unmapped: UnmappedAnswer[];
}

/**
 * Carries answers given on one version of an instrument over to another by stable question id.
 * A question id is never reused for a different question, so a same-id, same-type question is the
 * same question; anything else is reported rather than guessed.
 */
export function mapAnswers(from: Instrument, to: Instrument, answers: readonly AnswerRecord[]): AnswerMapping {
  const before = new Map(from.questions.map((q) => [q.id, q]));
  const after = new Map(to.questions.map((q) => [q.id, q]));
  const mapped: AnswerRecord[] = [];
  const unmapped: UnmappedAnswer[] = [];
  for (const answer of answers) {
    const target = after.get(answer.questionId);
    if (!target) {
      unmapped.push({ questionId: answer.questionId, reason: 'removed', detail: `${to.id} ${to.version} no longer asks this question` });
      continue;
    }
    const source = before.get(answer.questionId);
    if (source && source.type !== target.type) {
      unmapped.push({ questionId: answer.questionId, reason: 'type-changed', detail: `was ${source.type}, is now ${target.type}` });
      continue;
    }
    const problem = answer.value === null ? null : answerProblem(target, answer.value);
    if (problem) {
      unmapped.push({ questionId: answer.questionId, reason: 'value-invalid', detail: problem });
      continue;
    }
    mapped.push(answer);
  }
  return { mapped, unmapped };
}
