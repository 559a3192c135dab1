import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { questionnaire, type QuestionSlot, type SectionProgress } from '../../../shared/assessments/questionnaire';
import { navigate } from '../../app/routes';
import { answerKey, emptyDraft, type AnswerDraft } from '../../store/assessment-slice';
import { useAppStore } from '../../store/app-store';
import { QuestionCard } from './QuestionCard';
import { SectionNav } from './SectionNav';

const isDone = (answer: AnswerDraft | undefined) => !!answer && (answer.notApplicable || answer.value !== null);

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || (element.tagName === 'INPUT' && !['radio', 'checkbox'].includes((element as HTMLInputElement).type));
}

export function QuestionnaireStep({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const workspace = useAppStore((s) => s.workspace)!;
  const answers = useAppStore((s) => s.answers);
  const saveAnswer = useAppStore((s) => s.saveAnswer);
  const setPosition = useAppStore((s) => s.setPosition);
  const undo = useAppStore((s) => s.undoLastChange);
  const canUndo = useAppStore((s) => s.lastChange !== null);
  const cardRef = useRef<HTMLDivElement>(null);
  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => undefined);

  // Listen on the window, not the card: after a button that removes itself (ranking) focus falls
  // back to the page, and the keys must still work. Attached before the first paint, so no key
  // pressed on a question already on screen can reach the browser (Alt+← would go back a page).
  useLayoutEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const sections = useMemo(
    () => questionnaire(workspace.instruments, (instrumentId, questionId) => answers[answerKey(instrumentId, questionId)]),
    [workspace.instruments, answers],
  );
  const slots = useMemo(() => sections.flatMap((s) => s.slots), [sections]);
  const position = workspace.detail.position;
  const positionIndex = position ? slots.findIndex((s) => s.instrument.id === position.instrumentId && s.question.id === position.questionId) : -1;
  const firstOpen = slots.findIndex((s) => !isDone(answers[answerKey(s.instrument.id, s.question.id)]));
  const index = positionIndex >= 0 ? positionIndex : Math.max(0, firstOpen);
  const slot: QuestionSlot | undefined = slots[index];
  const section = sections.find((s) => slot && s.slots.includes(slot));
  const done = slots.filter((s) => isDone(answers[answerKey(s.instrument.id, s.question.id)])).length;

  // Where the adviser is now, updated the moment a key moves them, before React renders again:
  // four quick presses of Alt+← must go back four questions, not one.
  const indexRef = useRef(index);
  indexRef.current = index;
  const goTo = (target: QuestionSlot | undefined) => {
    if (!target) return;
    indexRef.current = slots.indexOf(target);
    setPosition(target.instrument.id, target.question.id);
  };

  // Keep the adviser's place when they resume later, even if they never moved.
  useEffect(() => {
    if (slot && positionIndex < 0) setPosition(slot.instrument.id, slot.question.id);
  }, [slot, positionIndex, setPosition]);

  useEffect(() => {
    cardRef.current?.querySelector<HTMLElement>('input:checked, .question-text')?.focus({ preventScroll: false });
  }, [slot?.instrument.id, slot?.question.id]);

  if (!slot || !section) return null;
  const key = answerKey(slot.instrument.id, slot.question.id);
  const answer: AnswerDraft = answers[key] ?? emptyDraft(slot.instrument.id, slot.question.id);
  const save = (next: AnswerDraft) => void saveAnswer(next);
  const next = () =>
    indexRef.current < slots.length - 1 ? goTo(slots[indexRef.current + 1]) : navigate({ name: 'assessment', id: workspace.detail.assessment.id, step: 'targets' });
  const previous = () => goTo(slots[indexRef.current - 1]);

  keyHandler.current = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    // Alt+arrows move between questions from anywhere, typing fields included.
    if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      if (event.key === 'ArrowLeft') previous();
      else next();
      return;
    }
    if (isTyping(event.target)) return;
    if ((event.ctrlKey || event.metaKey) && event.key === 'z') {
      event.preventDefault();
      void undo();
      return;
    }
    if (event.key === 'Enter') {
      const tag = (event.target as HTMLElement).tagName;
      if (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' || tag === 'SELECT') return;
      event.preventDefault();
      next();
      return;
    }
    if (readOnly || event.ctrlKey || event.metaKey || event.altKey || !/^[0-9]$/.test(event.key)) return;
    const digit = Number(event.key);
    const question = slot.question;
    const base = { ...answer, notApplicable: false };
    if (question.type === 'level' && digit <= 5) save({ ...base, value: digit });
    if (question.type === 'single' && digit >= 1 && question.options[digit - 1]) save({ ...base, value: question.options[digit - 1]!.id });
    if (question.type === 'yesno' && (digit === 1 || digit === 2)) save({ ...base, value: digit === 1 });
    if (question.type === 'multi' && digit >= 1 && question.options[digit - 1]) {
      cardRef.current?.querySelectorAll<HTMLInputElement>('.answer-option input')[digit - 1]?.click();
    }
    requestAnimationFrame(() => cardRef.current?.querySelector<HTMLElement>('input:checked')?.focus());
  };

  const sectionIndex = section.slots.indexOf(slot);
  const hint = slot.question.type === 'level' ? t('workspace.keyboardHint') : t('workspace.chooseHint');
  return (
    <div className="questionnaire">
      <aside className="questionnaire-sidebar">
        <div className="overall-progress">
          <div className="progress-label">
            <span>{t('workspace.overallProgress')}</span>
            <span>{t('workspace.progress', { done, total: slots.length })}</span>
          </div>
          <div className="progress-bar" role="progressbar" aria-label={t('workspace.overallProgress')} aria-valuemin={0} aria-valuemax={slots.length} aria-valuenow={done}>
            <span style={{ width: `${slots.length ? (100 * done) / slots.length : 0}%` }} />
          </div>
        </div>
        <SectionNav
          sections={sections}
          current={section}
          onJump={(target: SectionProgress) => goTo(target.slots.find((s) => !isDone(answers[answerKey(s.instrument.id, s.question.id)])) ?? target.slots[0])}
        />
      </aside>
      <div className="questionnaire-main" ref={cardRef}>
        <div className="progress-bar section-progress" role="progressbar" aria-label={t('workspace.progress', { done: section.done, total: section.slots.length })} aria-valuemin={0} aria-valuemax={section.slots.length} aria-valuenow={section.done}>
          <span style={{ width: `${(100 * section.done) / section.slots.length}%` }} />
        </div>
        <QuestionCard slot={slot} answer={answer} number={sectionIndex + 1} total={section.slots.length} disabled={readOnly} onSave={save} />
        <div className="question-nav">
          <button type="button" className="button button-secondary" onClick={previous} disabled={index === 0}>
            ← {t('workspace.previous')}
          </button>
          <span className="keyboard-hint">{hint}</span>
          {canUndo && !readOnly && (
            <button type="button" className="button button-quiet" onClick={() => void undo()}>
              ↶ {t('workspace.undo')}
            </button>
          )}
          <button type="button" className="button button-primary" onClick={next}>
            {index < slots.length - 1 ? t('workspace.next') : t('workspace.toTargets')} →
          </button>
        </div>
      </div>
    </div>
  );
}
