import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionSlot } from '../../../shared/assessments/questionnaire';
import { textIn } from '../../../shared/instruments/text';
import type { AnswerDraft } from '../../store/assessment-slice';
import { useDebouncedSave } from '../use-debounced-save';
import { AnswerInput } from './AnswerInput';

interface Props {
  slot: QuestionSlot;
  answer: AnswerDraft;
  number: number;
  total: number;
  disabled: boolean;
  onSave(answer: AnswerDraft): void;
}

function NoteField({ answer, disabled, onSave }: Pick<Props, 'answer' | 'disabled' | 'onSave'>) {
  const { t } = useTranslation();
  const [note, setNote] = useState(answer.note);
  // The latest answer, so a note saved after a quick level change does not put the old level back.
  const latest = useRef(answer);
  latest.current = answer;
  const { schedule, flush } = useDebouncedSave<string>((value) => onSave({ ...latest.current, note: value }));
  useEffect(() => setNote(answer.note), [answer.instrumentId, answer.questionId, answer.note]);
  return (
    <label className="note-field">
      <span>{t('workspace.note')}</span>
      <textarea
        rows={3}
        maxLength={5000}
        placeholder={t('workspace.notePlaceholder')}
        value={note}
        disabled={disabled}
        onChange={(event) => {
          setNote(event.target.value);
          schedule(event.target.value);
        }}
        onBlur={flush}
      />
    </label>
  );
}

export function QuestionCard({ slot, answer, number, total, disabled, onSave }: Props) {
  const { t, i18n } = useTranslation();
  const { question, dimension } = slot;
  const language = i18n.language;
  return (
    <article className="question-card card" aria-labelledby={`q-${question.id}`} data-question-type={question.type}>
      <div className="question-meta">
        <span>{textIn(dimension.title, language)}</span>
        <span>{t('workspace.questionOf', { number, total })}</span>
      </div>
      <h2 id={`q-${question.id}`} className="question-text" tabIndex={-1}>
        {textIn(question.text, language)}
      </h2>
      {question.help && (
        <details className="adviser-help">
          <summary>{t('workspace.adviserHelp')}</summary>
          <p>{textIn(question.help, language)}</p>
        </details>
      )}
      <div className={answer.notApplicable ? 'answer-area muted-area' : 'answer-area'}>
        <AnswerInput
          key={`${slot.instrument.id}/${question.id}`}
          question={question}
          value={answer.value}
          disabled={disabled || answer.notApplicable}
          onChange={(value) => onSave({ ...answer, value, notApplicable: false })}
        />
      </div>
      <div className="question-tools">
        <label className="checkbox">
          <input type="checkbox" checked={answer.notApplicable} disabled={disabled} onChange={(event) => onSave({ ...answer, notApplicable: event.target.checked, value: event.target.checked ? null : answer.value })} />
          <span>{t('workspace.notApplicable')}</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={answer.flagged} disabled={disabled} onChange={(event) => onSave({ ...answer, flagged: event.target.checked })} />
          <span>{t('workspace.flag')}</span>
        </label>
      </div>
      <NoteField key={`${slot.instrument.id}/${question.id}`} answer={answer} disabled={disabled} onSave={onSave} />
    </article>
  );
}
