import { ChartSvg } from './ChartSvg';
import { shorten } from './chart-text';

export interface Change {
  key: string;
  label: string;
  change: number;
  note: string;
}

const WIDTH = 460;
const LABEL_WIDTH = 160;
const ROW = 28;
const VALUE_ROOM = 48;

/** Bars either side of zero: rightwards a rise, leftwards a fall; zero sits where the range puts it. */
export function DivergingBarChart({ title, changes, format }: { title: string; changes: Change[]; format: (value: number) => string }) {
  const rise = Math.max(0, ...changes.map((c) => c.change));
  const fall = Math.max(0, ...changes.map((c) => -c.change));
  const range = rise + fall || 1;
  const plot = WIDTH - LABEL_WIDTH - 2 * VALUE_ROOM;
  const zero = LABEL_WIDTH + VALUE_ROOM + (plot * fall) / range;
  const height = Math.max(ROW, changes.length * ROW);
  return (
    <ChartSvg className="diverging-chart" width={WIDTH} height={height} title={title} items={changes.map((c) => ({ label: c.label, value: `${format(c.change)} (${c.note})` }))}>
      {changes.map((c, index) => {
        const y = index * ROW;
        const length = (Math.abs(c.change) / range) * plot;
        const rising = c.change >= 0;
        return (
          <g key={c.key}>
            <title>{`${c.label}: ${format(c.change)} (${c.note})`}</title>
            <text className="chart-label" x={LABEL_WIDTH - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="central">
              {shorten(c.label, 23)}
            </text>
            <rect className={rising ? 'chart-bar' : 'chart-bar-fall'} x={rising ? zero : zero - length} y={y + 6} width={Math.max(1, length)} height={ROW - 12} rx={2} />
            <text
              className="chart-value"
              x={rising ? zero + length + 6 : zero - length - 6}
              y={y + ROW / 2}
              textAnchor={rising ? 'start' : 'end'}
              dominantBaseline="central"
            >
              {format(c.change)}
            </text>
          </g>
        );
      })}
      <line className="chart-zero" x1={zero} x2={zero} y1={0} y2={height} />
    </ChartSvg>
  );
}
