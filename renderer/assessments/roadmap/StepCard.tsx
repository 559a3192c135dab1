import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Instrument } from '../../../shared/instruments/schema';
import { costBands } from '../../../shared/roadmap/catalogue-schema';
import { horizons, type Horizon } from '../../../shared/roadmap/generator';
import { stepStatuses, type Roadmap, type RoadmapStep, type StepUpdate } from '../../../shared/roadmap/schema';
import { SelectField, TextField } from '../../forms/fields';
import { stepDescription, stepTitle, whyTexts } from './step-text';

interface Props {
  step: RoadmapStep;
  roadmap: Roadmap;
  instruments: Instrument[];
  readOnly: boolean;
  isFirst: boolean;
  isLast: boolean;
  onUpdate(change: Omit<StepUpdate, 'id'>): Promise<boolean>;
  onMove(horizon: Horizon, position: number): void;
  onRemove(): void;
}

function StepEditor({ step, onUpdate, onDone }: { step: RoadmapStep; onUpdate: Props['onUpdate']; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState(stepTitle(step, i18n.language));
  const [description, setDescription] = useState(stepDescription(step, i18n.language));
  const [owner, setOwner] = useState(step.owner);
  const [targetMonth, setTargetMonth] = useState(step.targetMonth ?? '');
  const [effortDays, setEffortDays] = useState(String(step.effortDays ?? step.catalogueStep?.effortDays ?? ''));
  const [costBand, setCostBand] = useState<string>(step.costBand ?? step.catalogueStep?.costBand ?? 'none');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await onUpdate({
      title,
      description,
      owner,
      targetMonth: targetMonth || null,
      effortDays: effortDays === '' ? null : Number(effortDays),
      costBand: costBand as StepUpdate['costBand'],
    });
    if (saved) onDone();
  };
  return (
    <form className="step-editor" onSubmit={submit}>
      <TextField name="title" label={t('roadmap.fields.title')} value={title} onChange={setTitle} required />
      <label className="field">
        <span>{t('roadmap.fields.description')}</span>
        <textarea rows={3} value={description} maxLength={2000} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <div className="grid-2">
        <TextField name="owner" label={t('roadmap.owner')} value={owner} onChange={setOwner} />
        <label className="field">
          <span>{t('roadmap.targetMonth')}</span>
          <input type="month" value={targetMonth} onChange={(event) => setTargetMonth(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('roadmap.fields.effortDays')}</span>
          <input type="number" min={0} step={0.5} value={effortDays} onChange={(event) => setEffortDays(event.target.value)} />
        </label>
        <SelectField name="costBand" label={t('roadmap.fields.costBand')} value={costBand} onChange={setCostBand} options={costBands.map((band) => ({ value: band, label: t(`costBands.${band}`) }))} />
      </div>
      <div className="step-editor-actions">
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('roadmap.cancel')}
        </button>
        <button type="submit" className="button button-primary">
          {t('roadmap.save')}
        </button>
      </div>
    </form>
  );
}

export function StepCard({ step, roadmap, instruments, readOnly, isFirst, isLast, onUpdate, onMove, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const title = stepTitle(step, i18n.language);
  const catalogue = step.catalogueStep;
  const effort = step.effortDays ?? catalogue?.effortDays;
  const cost = step.costBand ?? catalogue?.costBand;
  const lane = horizons.indexOf(step.horizon);
  const reasons = whyTexts(step, roadmap, instruments, t, i18n.language);

  return (
    <li
      className={`step-card ${step.status === 'done' || step.status === 'dropped' ? 'step-closed' : ''}`}
      draggable={!readOnly && !editing}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', step.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      data-step-id={step.id}
    >
      {editing ? (
        <StepEditor step={step} onUpdate={onUpdate} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="step-head">
            <h4 className="step-title">{title}</h4>
            <div className="step-badges">
              {step.pinned && <span className="badge badge-pinned">{t('roadmap.pinned')}</span>}
              {step.origin === 'custom' && <span className="badge badge-custom">{t('roadmap.custom')}</span>}
              {step.origin === 'carried' && <span className="badge badge-carried">{t('roadmap.carried')}</span>}
              {step.edited && step.origin === 'generated' && <span className="badge badge-edited">{t('roadmap.edited')}</span>}
            </div>
          </div>
          <p className="step-description">{stepDescription(step, i18n.language)}</p>
          <div className="step-facts">
            {effort !== undefined && effort !== null && <span>{t('roadmap.effort', { count: effort })}</span>}
            {cost && <span>{t(`costBands.${cost}`)}</span>}
            {catalogue && <span>{t('roadmap.weeksToValue', { count: catalogue.timeToValueWeeks })}</span>}
            {catalogue?.grantEligible && <span className="grant">{t('roadmap.grantEligible')}</span>}
          </div>
          {(step.kpi ?? catalogue?.kpi) && <p className="step-kpi">{t('roadmap.kpi', { kpi: step.kpi ?? (catalogue ? catalogue.kpi[i18n.language] || catalogue.kpi.en : '') })}</p>}
          {reasons.length > 0 && (
            <details className="step-why">
              <summary>{t('roadmap.whyHeading')}</summary>
              <ul>
                {reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </details>
          )}
          {step.enabler && (
            <p className="step-enabler">
              <strong>{t(`roadmap.directories.${step.enabler.directory}`)}:</strong> {step.enabler.name}
            </p>
          )}
          {(step.owner || step.targetMonth) && (
            <p className="step-owner">
              {step.owner && (
                <span>
                  {t('roadmap.owner')}: {step.owner}
                </span>
              )}
              {step.targetMonth && (
                <span>
                  {t('roadmap.targetMonth')}: {step.targetMonth}
                </span>
              )}
            </p>
          )}
          {step.origin === 'carried' && (
            <label className="inline-field step-status">
              <span>{t('roadmap.status')}</span>
              <select value={step.status ?? 'planned'} disabled={readOnly} onChange={(event) => void onUpdate({ status: event.target.value as RoadmapStep['status'] })}>
                {stepStatuses.map((status) => (
                  <option key={status} value={status}>
                    {t(`roadmap.statuses.${status}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {!readOnly && (
            <div className="step-actions">
              <button type="button" className="icon-button" aria-label={t('roadmap.moveUp', { title })} disabled={isFirst} onClick={() => onMove(step.horizon, step.position - 1)}>
                ↑
              </button>
              <button type="button" className="icon-button" aria-label={t('roadmap.moveDown', { title })} disabled={isLast} onClick={() => onMove(step.horizon, step.position + 1)}>
                ↓
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t('roadmap.moveEarlier', { title, horizon: lane > 0 ? t(`roadmap.horizons.${horizons[lane - 1]}`) : '' })}
                disabled={lane === 0}
                onClick={() => onMove(horizons[lane - 1]!, 1000)}
              >
                ←
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t('roadmap.moveLater', { title, horizon: lane < 2 ? t(`roadmap.horizons.${horizons[lane + 1]}`) : '' })}
                disabled={lane === 2}
                onClick={() => onMove(horizons[lane + 1]!, 0)}
              >
                →
              </button>
              <span className="spacer" />
              <button type="button" className="button button-quiet" aria-pressed={step.pinned} onClick={() => void onUpdate({ pinned: !step.pinned })}>
                {step.pinned ? t('roadmap.unpin') : t('roadmap.pin')}
              </button>
              <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
                {t('roadmap.edit')}
              </button>
              <button type="button" className="button button-quiet danger" onClick={onRemove}>
                {t('roadmap.remove')}
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
