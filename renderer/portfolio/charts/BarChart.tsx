import { ChartSvg } from './ChartSvg';
import { shorten } from './chart-text';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const WIDTH = 420;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 44;
const ROW = 26;

/** Horizontal bars in the order given, scaled to the largest; the figures are also in the table beside it. */
export function BarChart({ title, bars, format }: { title: string; bars: Bar[]; format: (value: number) => string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <ChartSvg className="bar-chart" width={WIDTH} height={height} title={title} items={bars.map((bar) => ({ label: bar.label, value: format(bar.value) }))}>
      {bars.map((bar, index) => {
        const y = index * ROW;
        const width = (bar.value / max) * span;
        return (
          <g key={bar.key}>
            <title>{`${bar.label}: ${format(bar.value)}`}</title>
            <text className="chart-label" x={LABEL_WIDTH - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="central">
              {shorten(bar.label, 22)}
            </text>
            <rect className="chart-track" x={LABEL_WIDTH} y={y + 5} width={span} height={ROW - 10} rx={3} />
            <rect className="chart-bar" x={LABEL_WIDTH} y={y + 5} width={Math.max(bar.value > 0 ? 2 : 0, width)} height={ROW - 10} rx={3} />
            <text className="chart-value" x={LABEL_WIDTH + width + 6} y={y + ROW / 2} dominantBaseline="central">
              {format(bar.value)}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
