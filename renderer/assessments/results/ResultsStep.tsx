import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentResults } from '../../../shared/assessments/schema';
import type { Instrument } from '../../../shared/instruments/schema';
import { textIn } from '../../../shared/instruments/text';
import type { DimensionResult, InstrumentResult } from '../../../shared/scoring/result-schema';
import { navigate } from '../../app/routes';
import { useApi, useAppStore } from '../../store/app-store';
import { RadarChart, type RadarSeries } from './RadarChart';

function Explanation({ instrument, result }: { instrument: Instrument; result: DimensionResult }) {
  const { t } = useTranslation();
  return (
    <div className="explanation">
      {result.score !== null && (
        <p>{t('results.explainScore', { score: result.score, min: instrument.scale.min, max: instrument.scale.max, count: result.scoredAnswers })}</p>
      )}
      {result.notApplicable > 0 && <p>{t('results.explainNotApplicable', { count: result.notApplicable })}</p>}
      {result.priority !== null && (
        <>
          <p>{t('results.explainPriority', { priority: result.priority, importance: result.importance, gap: result.gap, feasibility: result.feasibility })}</p>
          <p>{t('results.explainFeasibility', { feasibility: result.feasibility })}</p>
        </>
      )}
    </div>
  );
}

function MaturityResults({ instrument, result, baseline }: { instrument: Instrument; result: InstrumentResult; baseline: InstrumentResult | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [open, setOpen] = useState<string | null>(null);
  const title = (id: string) => textIn(instrument.dimensions.find((d) => d.id === id)!.title, language);
  const bandLabel = (id: string | null) => (id ? textIn(instrument.bands.find((b) => b.id === id)!.label, language) : '—');
  const series: RadarSeries[] = [{ id: 'current', values: result.dimensions.map((d) => d.score) }];
  if (result.dimensions.some((d) => d.target !== null)) series.push({ id: 'target', values: result.dimensions.map((d) => d.target) });
  if (baseline) series.push({ id: 'baseline', values: result.dimensions.map((d) => baseline.dimensions.find((b) => b.dimensionId === d.dimensionId)?.score ?? null) });
  const priorities = [...result.dimensions].filter((d) => (d.priority ?? 0) > 0).sort((a, b) => b.priority! - a.priority!).slice(0, 3);
  const unansweredIds = result.unanswered;

  return (
    <section className="results-instrument" aria-labelledby={`results-${instrument.id}`}>
      <h2 id={`results-${instrument.id}`} className="results-title">
        {textIn(instrument.title, language)}
      </h2>
      <div className="results-grid">
        <div className="card score-card">
          <div className="score-label">{t('results.overall')}</div>
          <div className="score-value">
            {result.overall?.score ?? '—'}
            <span className="score-scale">/ {instrument.scale.max}</span>
          </div>
          <div className={`band-pill band-${result.overall?.band ?? 'none'}`}>{bandLabel(result.overall?.band ?? null)}</div>
          <div className="completeness">
            <span>{t('results.completeness')}</span>
            <div className="progress-bar" role="progressbar" aria-label={t('results.completeness')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(result.completeness * 100)}>
              <span style={{ width: `${result.completeness * 100}%` }} />
            </div>
            <span>{Math.round(result.completeness * 100)} %</span>
          </div>
          {unansweredIds.length > 0 && (
            <div className="warning">
              <p>{t('results.unanswered', { count: unansweredIds.length })}</p>
              <ul>
                {unansweredIds.slice(0, 5).map((questionId) => {
                  const question = instrument.questions.find((q) => q.id === questionId)!;
                  return (
                    <li key={questionId}>
                      <QuestionLink instrumentId={instrument.id} questionId={questionId} label={textIn(question.text, language)} />
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </div>
        <div className="card radar-card">
          <h3>{t('results.radar')}</h3>
          <RadarChart title={textIn(instrument.title, language)} axes={result.dimensions.map((d) => ({ id: d.dimensionId, label: title(d.dimensionId) }))} series={series} scale={instrument.scale} />
        </div>
        <div className="card priorities-card">
          <h3>{t('results.topPriorities')}</h3>
          {priorities.length === 0 ? (
            <p className="muted">{t('results.noPriorities')}</p>
          ) : (
            <ol className="priority-list">
              {priorities.map((d) => (
                <li key={d.dimensionId}>
                  <div className="priority-head">
                    <strong>{title(d.dimensionId)}</strong>
                    <span className="priority-value">{d.priority}</span>
                  </div>
                  <Explanation instrument={instrument} result={d} />
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <div className="card">
        <h3>{t('results.table')}</h3>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('targets.dimension')}</th>
              <th scope="col">{t('results.score')}</th>
              <th scope="col">{t('results.band')}</th>
              {baseline && <th scope="col">{t('results.change')}</th>}
              <th scope="col">{t('targets.target')}</th>
              <th scope="col">{t('results.gap')}</th>
              <th scope="col">{t('results.priority')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('results.explanationColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {result.dimensions.map((d) => {
              const before = baseline?.dimensions.find((b) => b.dimensionId === d.dimensionId)?.score ?? null;
              const change = before !== null && d.score !== null ? Math.round((d.score - before) * 10) / 10 : null;
              const interpretation = d.band ? instrument.dimensions.find((x) => x.id === d.dimensionId)!.interpretation[d.band] : undefined;
              return (
                <tr key={d.dimensionId}>
                  <th scope="row">
                    {title(d.dimensionId)}
                    {open === d.dimensionId && (
                      <>
                        {interpretation && <p className="interpretation">{textIn(interpretation, language)}</p>}
                        <Explanation instrument={instrument} result={d} />
                      </>
                    )}
                  </th>
                  <td className="num">{d.score ?? '—'}</td>
                  <td>{bandLabel(d.band)}</td>
                  {baseline && <td className="num">{change === null ? '—' : change > 0 ? `+${change}` : change}</td>}
                  <td className="num">{d.target ?? '—'}</td>
                  <td className="num">{d.gap ?? '—'}</td>
                  <td className="num">{d.priority ?? '—'}</td>
                  <td>
                    {d.score !== null && (
                      <button type="button" className="button button-quiet" aria-expanded={open === d.dimensionId} onClick={() => setOpen(open === d.dimensionId ? null : d.dimensionId)}>
                        {t('results.why', { score: d.score })}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function QuestionLink({ instrumentId, questionId, label }: { instrumentId: string; questionId: string; label: string }) {
  const { t } = useTranslation();
  const setPosition = useAppStore((s) => s.setPosition);
  const assessmentId = useAppStore((s) => s.workspace!.detail.assessment.id);
  return (
    <button
      type="button"
      className="link-button"
      title={t('results.goTo')}
      onClick={() => {
        setPosition(instrumentId, questionId);
        navigate({ name: 'assessment', id: assessmentId, step: 'questions' });
      }}
    >
      {label}
    </button>
  );
}

function Barriers({ results }: { results: AssessmentResults }) {
  const { t, i18n } = useTranslation();
  const workspace = useAppStore((s) => s.workspace)!;
  const diagnostic = workspace.instruments.find((i) => i.kind === 'diagnostic');
  const entries = Object.entries(results.barriers).sort((a, b) => b[1] - a[1]);
  if (!diagnostic || entries.length === 0) return null;
  return (
    <section className="card" aria-labelledby="results-barriers">
      <h3 id="results-barriers">{t('results.barriers')}</h3>
      <ul className="barrier-list">
        {entries.map(([barrier, rating]) => {
          const question = diagnostic.questions.find((q) => q.barrier === barrier);
          return (
            <li key={barrier}>
              <span className="barrier-name">{question ? textIn(question.text, i18n.language) : barrier}</span>
              <span className={`barrier-rating rating-${rating}`}>{t(`results.barrierRating.${rating}`)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ResultsStep({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const workspace = useAppStore((s) => s.workspace)!;
  const finalise = useAppStore((s) => s.finaliseAssessment);
  const [baseline, setBaseline] = useState<AssessmentResults | null>(null);
  const baselineId = workspace.detail.assessment.baselineId;

  useEffect(() => {
    if (!baselineId) return;
    void api.call('assessments.results', { id: baselineId }).then((r) => r.ok && setBaseline(r.value));
  }, [api, baselineId]);

  const results = workspace.results;
  if (!results) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="results">
      {workspace.instruments
        .filter((i) => i.kind === 'maturity')
        .map((instrument) => {
          const result = results.instruments.find((r) => r.instrumentId === instrument.id)!;
          return <MaturityResults key={instrument.id} instrument={instrument} result={result} baseline={baseline?.instruments.find((r) => r.instrumentId === instrument.id)} />;
        })}
      <Barriers results={results} />
      {!readOnly && (
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              if (window.confirm(t('results.finaliseConfirm'))) void finalise();
            }}
          >
            {t('results.finalise')}
          </button>
        </div>
      )}
    </div>
  );
}
