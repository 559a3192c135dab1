import { useTranslation } from 'react-i18next';
import type { Count, DimensionDistribution, Portfolio, StepFrequency } from '../../shared/portfolio/schema';
import { BarChart } from './charts/BarChart';
import { ChartCard } from './charts/ChartCard';
import { ColumnChart } from './charts/ColumnChart';
import { DivergingBarChart } from './charts/DivergingBarChart';
import { bandColour, StackedBarChart } from './charts/StackedBarChart';
import { decimal, everyMonth, monthLabel, signed, useCount } from './format';

// Beyond this many rows a bar chart stops being something to look at; the rest is in the table.
const MOST = 10;

function CountTable({ heading, counts }: { heading: string; counts: { key: string; label: string; count: number }[] }) {
  const { t } = useTranslation();
  const count = useCount();
  return (
    <table className="mini-table">
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col" className="num">
            {t('portfolio.views.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {counts.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="num">{count(row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CountCard({ title, heading, counts, wide = false }: { title: string; heading: string; counts: Count[]; wide?: boolean }) {
  const { t } = useTranslation();
  const count = useCount();
  return (
    <ChartCard
      wide={wide}
      title={title}
      note={counts.length > MOST ? t('portfolio.views.mostShown', { count: MOST }) : undefined}
      chart={<BarChart title={title} format={count} bars={counts.slice(0, MOST).map((c) => ({ key: c.key, label: c.label, value: c.count }))} />}
      table={<CountTable heading={heading} counts={counts} />}
    />
  );
}

function MonthCard({ counts }: { counts: Count[] }) {
  const { t, i18n } = useTranslation();
  const count = useCount();
  const months = everyMonth(counts).map((c) => ({ key: c.key, label: monthLabel(c.key, i18n.language), count: c.count }));
  return (
    <ChartCard
      wide
      title={t('portfolio.views.byMonth')}
      chart={<ColumnChart title={t('portfolio.views.byMonth')} format={count} columns={months.map((m) => ({ key: m.key, label: m.label, value: m.count }))} />}
      table={<CountTable heading={t('portfolio.views.month')} counts={months} />}
    />
  );
}

function MaturityCard({ title, dimensions }: { title: string; dimensions: DimensionDistribution[] }) {
  const { t, i18n } = useTranslation();
  const count = useCount();
  const bands = dimensions[0]?.bands ?? [];
  return (
    <ChartCard
      wide
      title={title}
      note={
        <span className="chart-legend">
          {bands.map((band, index) => (
            <span key={band.bandId} className="legend-item">
              <span className="legend-block" style={{ background: bandColour(index, bands.length) }} aria-hidden="true" />
              {band.label}
            </span>
          ))}
        </span>
      }
      chart={
        <StackedBarChart
          title={title}
          stacks={dimensions.map((d) => ({ key: d.dimensionId, label: d.dimension, segments: d.bands.map((b) => ({ key: b.bandId, label: b.label, value: b.count })) }))}
        />
      }
      table={
        <table className="mini-table">
          <thead>
            <tr>
              <th scope="col">{t('portfolio.views.dimension')}</th>
              {bands.map((band) => (
                <th key={band.bandId} scope="col" className="num">
                  {band.label}
                </th>
              ))}
              <th scope="col" className="num">
                {t('portfolio.views.mean')}
              </th>
            </tr>
          </thead>
          <tbody>
            {dimensions.map((d) => (
              <tr key={d.dimensionId}>
                <th scope="row">{d.dimension}</th>
                {d.bands.map((b) => (
                  <td key={b.bandId} className="num">
                    {count(b.count)}
                  </td>
                ))}
                <td className="num">{d.mean === null ? t('common.none') : decimal(d.mean, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function UpliftCard({ uplift }: { uplift: Portfolio['uplift'] }) {
  const { t, i18n } = useTranslation();
  const count = useCount();
  const title = t('portfolio.views.uplift');
  if (uplift.dimensions.length === 0) {
    return (
      <section className="card span-2" aria-label={title}>
        <h2>{title}</h2>
        <p className="muted">{t('portfolio.views.noUplift')}</p>
      </section>
    );
  }
  return (
    <ChartCard
      wide
      title={title}
      note={t('portfolio.views.upliftNote', { count: uplift.firms })}
      chart={
        <DivergingBarChart
          title={title}
          format={(value) => signed(value, i18n.language)}
          changes={uplift.dimensions.map((d) => ({
            key: `${d.instrumentId}/${d.dimensionId}`,
            label: d.dimension,
            change: d.change,
            note: t('portfolio.views.firms', { count: d.pairs }),
          }))}
        />
      }
      table={
        <table className="mini-table">
          <thead>
            <tr>
              <th scope="col">{t('portfolio.views.dimension')}</th>
              <th scope="col" className="num">
                {t('portfolio.views.baseline')}
              </th>
              <th scope="col" className="num">
                {t('portfolio.views.followUp')}
              </th>
              <th scope="col" className="num">
                {t('portfolio.views.change')}
              </th>
              <th scope="col" className="num">
                {t('portfolio.views.firmsColumn')}
              </th>
            </tr>
          </thead>
          <tbody>
            {uplift.dimensions.map((d) => (
              <tr key={`${d.instrumentId}/${d.dimensionId}`}>
                <th scope="row">{d.dimension}</th>
                <td className="num">{decimal(d.baselineMean, i18n.language)}</td>
                <td className="num">{decimal(d.followUpMean, i18n.language)}</td>
                <td className="num">{signed(d.change, i18n.language)}</td>
                <td className="num">{count(d.pairs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function BarriersCard({ barriers }: { barriers: Portfolio['barriers'] }) {
  const { t, i18n } = useTranslation();
  const title = t('portfolio.views.barriers');
  const count = useCount();
  // Barrier names are written to sit mid-sentence elsewhere; as a row label they start with a capital.
  const ranked = [...barriers]
    .sort((a, b) => b.significant - a.significant)
    .map((b) => ({ ...b, label: b.label.charAt(0).toLocaleUpperCase(i18n.language) + b.label.slice(1) }));
  return (
    <ChartCard
      wide
      title={title}
      note={t('portfolio.views.barriersNote')}
      chart={<BarChart title={title} format={count} bars={ranked.map((b) => ({ key: b.barrierId, label: b.label, value: b.significant }))} />}
      table={
        <table className="mini-table">
          <thead>
            <tr>
              <th scope="col">{t('portfolio.views.barrier')}</th>
              <th scope="col" className="num">
                {t('portfolio.views.significant')}
              </th>
              <th scope="col" className="num">
                {t('portfolio.views.rated')}
              </th>
              <th scope="col" className="num">
                {t('portfolio.views.meanRating')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((b) => (
              <tr key={b.barrierId}>
                <th scope="row">{b.label}</th>
                <td className="num">{count(b.significant)}</td>
                <td className="num">{count(b.rated)}</td>
                <td className="num">{b.meanRating === null ? t('common.none') : decimal(b.meanRating, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function StepsCard({ title, steps }: { title: string; steps: StepFrequency[] }) {
  const { t } = useTranslation();
  const count = useCount();
  const shown = steps.slice(0, MOST);
  if (shown.length === 0) {
    return (
      <section className="card chart-card" aria-label={title}>
        <h2>{title}</h2>
        <p className="muted">{t('portfolio.views.noSteps')}</p>
      </section>
    );
  }
  return (
    <ChartCard
      title={title}
      chart={<BarChart title={title} format={count} bars={shown.map((s) => ({ key: s.stepId, label: s.title, value: s.count }))} />}
      table={<CountTable heading={t('portfolio.views.step')} counts={shown.map((s) => ({ key: s.stepId, label: s.title, count: s.count }))} />}
    />
  );
}

/** Every figure of the filtered portfolio: where firms are, how mature, how they moved, what holds them back. */
export function PortfolioViews({ portfolio, instrumentTitle }: { portfolio: Portfolio; instrumentTitle(id: string): string }) {
  const { t } = useTranslation();
  const { counts } = portfolio;
  const instruments = [...new Set(portfolio.maturity.map((d) => d.instrumentId))];
  const byAdviser = counts.adviser.length > 1;
  return (
    <div className="portfolio-views">
      <CountCard title={t('portfolio.views.byStatus')} heading={t('portfolio.views.status')} counts={counts.status} />
      <CountCard title={t('portfolio.views.bySize')} heading={t('portfolio.views.size')} counts={counts.sizeBand} />
      {byAdviser && <CountCard title={t('portfolio.views.byAdviser')} heading={t('portfolio.views.adviser')} counts={counts.adviser} />}
      <CountCard title={t('portfolio.views.byRegion')} heading={t('portfolio.views.region')} counts={counts.region} />
      {/* With the adviser chart in the grid, the sector chart takes a row of its own so no card stands alone. */}
      <CountCard wide={byAdviser} title={t('portfolio.views.bySector')} heading={t('portfolio.views.sector')} counts={counts.sector} />
      <MonthCard counts={counts.month} />
      {instruments.map((id) => (
        <MaturityCard key={id} title={t('portfolio.views.maturity', { instrument: instrumentTitle(id) })} dimensions={portfolio.maturity.filter((d) => d.instrumentId === id)} />
      ))}
      <UpliftCard uplift={portfolio.uplift} />
      <BarriersCard barriers={portfolio.barriers} />
      <StepsCard title={t('portfolio.views.recommended')} steps={portfolio.steps.recommended} />
      <StepsCard title={t('portfolio.views.completed')} steps={portfolio.steps.completed} />
    </div>
  );
}
