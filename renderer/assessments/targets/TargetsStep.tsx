import { useTranslation } from 'react-i18next';
import { textIn } from '../../../shared/instruments/text';
import { routeHref } from '../../app/routes';
import { useAppStore } from '../../store/app-store';

/** Adviser and management agree, per dimension, where to be and how much it matters. */
export function TargetsStep({ readOnly }: { readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const workspace = useAppStore((s) => s.workspace)!;
  const saveTarget = useAppStore((s) => s.saveTarget);
  const maturity = workspace.instruments.filter((i) => i.kind === 'maturity');
  return (
    <div className="targets">
      <p className="page-subtitle">{t('targets.intro')}</p>
      {maturity.map((instrument) => {
        const result = workspace.results?.instruments.find((r) => r.instrumentId === instrument.id);
        const { min, max, step } = instrument.scale;
        return (
          <section key={instrument.id} className="card" aria-labelledby={`targets-${instrument.id}`}>
            <h2 id={`targets-${instrument.id}`}>{textIn(instrument.title, i18n.language)}</h2>
            <table className="data-table targets-table">
              <thead>
                <tr>
                  <th scope="col">{t('targets.dimension')}</th>
                  <th scope="col">{t('targets.current')}</th>
                  <th scope="col">{t('targets.target')}</th>
                  <th scope="col">
                    {t('targets.importance')}
                    <span className="th-hint">{t('targets.importanceHint')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {instrument.dimensions.map((dimension) => {
                  const current = result?.dimensions.find((d) => d.dimensionId === dimension.id);
                  const saved = workspace.detail.targets.find((x) => x.instrumentId === instrument.id && x.dimensionId === dimension.id);
                  const title = textIn(dimension.title, i18n.language);
                  const save = (change: { target?: number | null; importance?: number | null }) => void saveTarget(instrument.id, dimension.id, change);
                  const band = current?.band ? instrument.bands.find((b) => b.id === current.band) : undefined;
                  return (
                    <tr key={dimension.id}>
                      <th scope="row">{title}</th>
                      <td>
                        {current?.score ?? <span className="muted">{t('targets.notScored')}</span>}
                        {band && <span className="band-label"> · {textIn(band.label, i18n.language)}</span>}
                      </td>
                      <td>
                        <input
                          type="number"
                          className="target-input"
                          aria-label={`${t('targets.target')}: ${title}`}
                          min={min}
                          max={max}
                          step={step}
                          disabled={readOnly}
                          defaultValue={saved?.target ?? ''}
                          onBlur={(event) => {
                            const value = event.target.value.trim() === '' ? null : Number(event.target.value);
                            if (value === null || (value >= min && value <= max)) save({ target: value });
                          }}
                        />
                      </td>
                      <td>
                        <div className="importance" role="radiogroup" aria-label={`${t('targets.importance')}: ${title}`}>
                          {[1, 2, 3, 4, 5].map((level) => (
                            <label key={level} className={saved?.importance === level ? 'selected' : ''}>
                              <input type="radio" name={`importance-${instrument.id}-${dimension.id}`} value={level} checked={saved?.importance === level} disabled={readOnly} onChange={() => save({ importance: level })} />
                              <span>{level}</span>
                            </label>
                          ))}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
      <div className="form-actions">
        <a className="button button-primary" href={routeHref({ name: 'assessment', id: workspace.detail.assessment.id, step: 'results' })}>
          {t('targets.toResults')} →
        </a>
      </div>
    </div>
  );
}
