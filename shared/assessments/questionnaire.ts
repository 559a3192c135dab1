import { questionApplies, type AnswerRecord } from '../instruments/answers';
import type { Dimension, Instrument, Question } from '../instruments/schema';

export interface QuestionSlot {
  instrument: Instrument;
  dimension: Dimension;
  question: Question;
}

export interface SectionProgress {
  instrument: Instrument;
  dimension: Dimension;
  slots: QuestionSlot[];
  done: number;
}

/**
 * The questionnaire as the adviser walks it: instrument by instrument, dimension by dimension, only
 * the questions that apply given the answers so far (skip conditions are re-evaluated on every answer).
 */
export function questionnaire(instruments: readonly Instrument[], answerOf: (instrumentId: string, questionId: string) => AnswerRecord | undefined): SectionProgress[] {
  const sections: SectionProgress[] = [];
  for (const instrument of instruments) {
    const byId = new Map(instrument.questions.map((q) => [q.id, q]));
    const lookup = { get: (questionId: string) => answerOf(instrument.id, questionId) };
    for (const dimension of instrument.dimensions) {
      const slots = instrument.questions
        .filter((q) => q.dimension === dimension.id && questionApplies(q, byId, lookup))
        .map((question) => ({ instrument, dimension, question }));
      const done = slots.filter(({ question }) => {
        const answer = answerOf(instrument.id, question.id);
        return !!answer && (answer.notApplicable || answer.value !== null);
      }).length;
      sections.push({ instrument, dimension, slots, done });
    }
  }
  return sections;
}
