import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, Question } from '../../../shared/instruments/schema';
import { textIn } from '../../../shared/instruments/text';
import { useDebouncedSave } from '../use-debounced-save';

interface Props {
  question: Question;
  value: AnswerValue | null;
  disabled: boolean;
  onChange(value: AnswerValue | null): void;
}

interface Choice {
  id: string;
  label: string;
  detail?: string;
  marker: string;
}

/** Options as real radio buttons or checkboxes, so arrow keys, Space and screen readers work natively. */
function ChoiceCards({ name, choices, selected, multiple, disabled, onToggle, labelledBy }: {
  name: string;
  choices: Choice[];
  selected: string[];
  multiple: boolean;
  disabled: boolean;
  onToggle(id: string): void;
  labelledBy: string;
}) {
  return (
    <div className="answer-options" role={multiple ? 'group' : 'radiogroup'} aria-labelledby={labelledBy}>
      {choices.map((choice) => {
        const checked = selected.includes(choice.id);
        return (
          <label key={choice.id} className={`answer-option ${checked ? 'selected' : ''}`}>
            <input type={multiple ? 'checkbox' : 'radio'} name={name} value={choice.id} checked={checked} disabled={disabled} onChange={() => onToggle(choice.id)} />
            <span className="answer-marker">{choice.marker}</span>
            <span className="answer-text">
              <span className="answer-label">{choice.label}</span>
              {choice.detail && <span className="answer-detail">{choice.detail}</span>}
            </span>
          </label>
        );
      })}
    </div>
  );
}

function NumberAnswer({ question, value, disabled, onChange }: Props & { question: Extract<Question, { type: 'number' }> }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(value === null ? '' : String(value));
  const { schedule, flush } = useDebouncedSave<string>((next) => {
    const number = Number(next);
    onChange(next.trim() === '' ? null : Number.isFinite(number) ? number : null);
  });
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  const number = Number(text);
  const outOfRange = text.trim() !== '' && (!Number.isFinite(number) || number < question.min || number > question.max);
  return (
    <div className="number-answer">
      <input
        type="number"
        inputMode="decimal"
        aria-labelledby={`q-${question.id}`}
        aria-invalid={outOfRange || undefined}
        min={question.min}
        max={question.max}
        value={text}
        disabled={disabled}
        onChange={(event) => {
          setText(event.target.value);
          const candidate = Number(event.target.value);
          if (event.target.value.trim() === '' || (Number.isFinite(candidate) && candidate >= question.min && candidate <= question.max)) schedule(event.target.value);
        }}
        onBlur={flush}
      />
      <span className="unit">{textIn(question.unit, i18n.language)}</span>
      <span className={outOfRange ? 'field-error' : 'field-hint'}>{t('workspace.numberRange', { min: question.min, max: question.max })}</span>
    </div>
  );
}

function TextAnswer({ question, value, disabled, onChange }: Props) {
  const [text, setText] = useState(typeof value === 'string' ? value : '');
  const { schedule, flush } = useDebouncedSave<string>((next) => onChange(next === '' ? null : next));
  useEffect(() => setText(typeof value === 'string' ? value : ''), [value]);
  return (
    <textarea
      className="text-answer"
      aria-labelledby={`q-${question.id}`}
      rows={4}
      maxLength={5000}
      value={text}
      disabled={disabled}
      onChange={(event) => {
        setText(event.target.value);
        schedule(event.target.value);
      }}
      onBlur={flush}
    />
  );
}

function RankingAnswer({ question, value, disabled, onChange }: Props & { question: Extract<Question, { type: 'ranking' }> }) {
  const { t, i18n } = useTranslation();
  const ranked = Array.isArray(value) ? value : [];
  const label = (id: string) => textIn(question.options.find((o) => o.id === id)!.label, i18n.language);
  const move = (index: number, by: number) => {
    const next = [...ranked];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  const unranked = question.options.filter((o) => !ranked.includes(o.id));
  return (
    <div className="ranking">
      <ol className="ranking-list" aria-labelledby={`q-${question.id}`}>
        {ranked.map((id, index) => (
          <li key={id}>
            <span className="answer-marker" aria-hidden="true">
              {index + 1}
            </span>
            <span className="answer-label">{label(id)}</span>
            <span className="ranking-actions">
              <button type="button" className="icon-button" disabled={disabled || index === 0} aria-label={t('workspace.rankUp', { option: label(id) })} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button type="button" className="icon-button" disabled={disabled || index === ranked.length - 1} aria-label={t('workspace.rankDown', { option: label(id) })} onClick={() => move(index, 1)}>
                ↓
              </button>
              <button type="button" className="icon-button" disabled={disabled} aria-label={t('workspace.rankRemove', { option: label(id) })} onClick={() => onChange(ranked.length === 1 ? null : ranked.filter((r) => r !== id))}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      {unranked.length > 0 && (
        <div className="ranking-pool">
          <span className="muted">{t('workspace.unranked')}</span>
          {unranked.map((option) => (
            <button key={option.id} type="button" className="chip-button" disabled={disabled} aria-label={t('workspace.rankAdd', { option: label(option.id) })} onClick={() => onChange([...ranked, option.id])}>
              + {textIn(option.label, i18n.language)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export function AnswerInput(props: Props) {
  const { t, i18n } = useTranslation();
  const { question, value, disabled, onChange } = props;
  const labelledBy = `q-${question.id}`;
  switch (question.type) {
    case 'level':
      return (
        <ChoiceCards
          name={question.id}
          labelledBy={labelledBy}
          disabled={disabled}
          multiple={false}
          selected={typeof value === 'number' ? [String(value)] : []}
          onToggle={(id) => onChange(Number(id))}
          choices={[...question.levels]
            .sort((a, b) => a.level - b.level)
            .map((l) => ({ id: String(l.level), marker: String(l.level), label: textIn(l.descriptor, i18n.language) }))}
        />
      );
    case 'single':
      return (
        <ChoiceCards
          name={question.id}
          labelledBy={labelledBy}
          disabled={disabled}
          multiple={false}
          selected={typeof value === 'string' ? [value] : []}
          onToggle={(id) => onChange(id)}
          choices={question.options.map((o, i) => ({ id: o.id, marker: String(i + 1), label: textIn(o.label, i18n.language) }))}
        />
      );
    case 'multi': {
      const selected = Array.isArray(value) ? value : [];
      return (
        <ChoiceCards
          name={question.id}
          labelledBy={labelledBy}
          disabled={disabled}
          multiple
          selected={selected}
          onToggle={(id) => {
            const option = question.options.find((o) => o.id === id)!;
            let next = selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
            // "None of these" and a real option contradict each other; the latest choice wins.
            if (!selected.includes(id)) next = option.exclusive ? [id] : next.filter((s) => !question.options.find((o) => o.id === s)?.exclusive);
            onChange(next.length === 0 ? null : next);
          }}
          choices={question.options.map((o, i) => ({ id: o.id, marker: String(i + 1), label: textIn(o.label, i18n.language) }))}
        />
      );
    }
    case 'yesno':
      return (
        <ChoiceCards
          name={question.id}
          labelledBy={labelledBy}
          disabled={disabled}
          multiple={false}
          selected={typeof value === 'boolean' ? [value ? 'yes' : 'no'] : []}
          onToggle={(id) => onChange(id === 'yes')}
          choices={[
            { id: 'yes', marker: '1', label: t('workspace.yes') },
            { id: 'no', marker: '2', label: t('workspace.no') },
          ]}
        />
      );
    case 'number':
      return <NumberAnswer {...props} question={question} />;
    case 'text':
      return <TextAnswer {...props} />;
    case 'ranking':
      return <RankingAnswer {...props} question={question} />;
  }
}
