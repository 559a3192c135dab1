import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api/result';
import { horizons, type Horizon } from '../../../shared/roadmap/generator';
import type { Roadmap } from '../../../shared/roadmap/schema';
import { useIsOffice } from '../../office/use-office';
import { useApi, useAppStore } from '../../store/app-store';
import { StepCard } from './StepCard';
import { stepTitle } from './step-text';

/** Where in a lane a dragged step lands: before the first card whose middle is below the pointer. */
function dropIndex(event: DragEvent<HTMLOListElement>): number {
  const cards = [...event.currentTarget.querySelectorAll<HTMLElement>(':scope > .step-card')];
  const index = cards.findIndex((card) => {
    const box = card.getBoundingClientRect();
    return event.clientY < box.top + box.height / 2;
  });
  return index === -1 ? cards.length : index;
}

function AddStep({ horizon, onAdd }: { horizon: Horizon; onAdd(title: string): Promise<boolean> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  if (!open) {
    return (
      <button type="button" className="chip-button add-step" onClick={() => setOpen(true)}>
        + {t('roadmap.add')}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onAdd(title)) {
      setTitle('');
      setOpen(false);
    }
  };
  return (
    <form className="add-step-form" onSubmit={submit}>
      <input aria-label={`${t('roadmap.addTitle')} (${t(`roadmap.horizons.${horizon}`)})`} value={title} maxLength={200} autoFocus onChange={(event) => setTitle(event.target.value)} />
      <button type="submit" className="button button-primary">
        {t('roadmap.add')}
      </button>
      <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
        {t('roadmap.cancel')}
      </button>
    </form>
  );
}

export function RoadmapStep({ readOnly }: { readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const workspace = useAppStore((s) => s.workspace)!;
  const assessmentId = workspace.detail.assessment.id;
  const [roadmap, setRoadmap] = useState<Roadmap | null>(null);
  const [busy, setBusy] = useState(false);
  const [dropTarget, setDropTarget] = useState<Horizon | null>(null);
  const office = useIsOffice();

  useEffect(() => {
    void api.call('roadmap.get', { assessmentId }).then((r) => r.ok && setRoadmap(r.value));
  }, [api, assessmentId]);

  /** Every change answers with the whole roadmap as stored, so the screen never drifts from the database. */
  const apply = async (call: Promise<Result<Roadmap>>): Promise<Roadmap | null> => {
    const result = await call;
    if (!result.ok) {
      notify({ tone: 'error', message: result.error.message });
      return null;
    }
    setRoadmap(result.value);
    return result.value;
  };

  const generate = async () => {
    setBusy(true);
    const hadSteps = (roadmap?.steps.length ?? 0) > 0;
    const updated = await apply(api.call('roadmap.generate', { assessmentId }));
    setBusy(false);
    if (updated && hadSteps) notify({ tone: 'success', message: t('roadmap.regenerated') });
  };

  if (!roadmap) return <p className="muted">{t('common.loading')}</p>;
  const move = (id: string, horizon: Horizon, position: number) => void apply(api.call('roadmap.moveStep', { id, horizon, position: Math.max(0, position) }));

  return (
    <div className="roadmap">
      <div className="roadmap-header">
        <p className="page-subtitle">{office ? t('office.roadmapReadOnly') : readOnly ? t('roadmap.readOnly') : t('roadmap.intro')}</p>
        {!readOnly && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void generate()}>
            {roadmap.steps.length > 0 ? t('roadmap.regenerate') : t('roadmap.generate')}
          </button>
        )}
      </div>
      {roadmap.steps.length === 0 && <div className="empty-state">{t('roadmap.empty')}</div>}
      <div className="lanes">
        {horizons.map((horizon) => {
          const steps = roadmap.steps.filter((s) => s.horizon === horizon);
          return (
            <section key={horizon} className={`lane lane-${horizon} ${dropTarget === horizon ? 'drop-target' : ''}`} aria-labelledby={`lane-${horizon}`}>
              <header className="lane-header">
                <h3 id={`lane-${horizon}`}>{t(`roadmap.horizons.${horizon}`)}</h3>
                <span className="lane-hint">{t(`roadmap.horizonHints.${horizon}`)}</span>
              </header>
              <ol
                className="lane-steps"
                onDragOver={(event) => {
                  if (readOnly) return;
                  event.preventDefault();
                  setDropTarget(horizon);
                }}
                onDragLeave={() => setDropTarget(null)}
                onDrop={(event) => {
                  event.preventDefault();
                  setDropTarget(null);
                  const id = event.dataTransfer.getData('text/plain');
                  const from = roadmap.steps.find((s) => s.id === id);
                  if (!from) return;
                  let index = dropIndex(event);
                  // Dropping below itself in the same lane: the card's own slot disappears first.
                  if (from.horizon === horizon && from.position < index) index -= 1;
                  move(id, horizon, index);
                }}
              >
                {steps.length === 0 && <li className="lane-empty">{readOnly ? t('roadmap.laneEmptyReadOnly') : t('roadmap.laneEmpty')}</li>}
                {steps.map((step, index) => (
                  <StepCard
                    key={step.id}
                    step={step}
                    roadmap={roadmap}
                    instruments={workspace.instruments}
                    readOnly={readOnly}
                    isFirst={index === 0}
                    isLast={index === steps.length - 1}
                    onUpdate={async (change) => (await apply(api.call('roadmap.updateStep', { id: step.id, ...change }))) !== null}
                    onMove={(to, position) => move(step.id, to, position)}
                    onRemove={() =>
                      void apply(api.call('roadmap.removeStep', { id: step.id })).then(
                        (updated) =>
                          updated &&
                          notify({
                            tone: 'info',
                            message: t('roadmap.removed', { title: stepTitle(step, i18n.language) }),
                            action: { label: t('common.undo'), run: () => void apply(api.call('roadmap.restoreStep', { id: step.id })) },
                          }),
                      )
                    }
                  />
                ))}
              </ol>
              {!readOnly && <AddStep horizon={horizon} onAdd={async (title) => (await apply(api.call('roadmap.addStep', { assessmentId, horizon, title }))) !== null} />}
            </section>
          );
        })}
      </div>
    </div>
  );
}
