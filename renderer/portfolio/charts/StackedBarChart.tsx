import { ChartSvg } from './ChartSvg';
import { shorten } from './chart-text';

export interface Stack {
  key: string;
  label: string;
  segments: { key: string; label: string; value: number }[];
}

const WIDTH = 460;
const LABEL_WIDTH = 160;
const ROW = 28;

const fourBands = ['#d9622b', '#f0b429', '#5eada3', '#0f766e'];
const sixBands = ['#b42318', '#d9622b', '#f0b429', '#8cc5bd', '#2f9488', '#0b5f58'];

/** Band colours from low to high maturity, spread evenly over however many bands the instrument has. */
export function bandColour(index: number, count: number): string {
  const palette = count <= 4 ? fourBands : sixBands;
  return palette[Math.round((index * (palette.length - 1)) / Math.max(1, count - 1))]!;
}

/** One bar per row split into its bands, each bar the share of that row's total. */
export function StackedBarChart({ title, stacks }: { title: string; stacks: Stack[] }) {
  const span = WIDTH - LABEL_WIDTH;
  const height = Math.max(ROW, stacks.length * ROW);
  return (
    <ChartSvg className="stacked-chart" width={WIDTH} height={height} title={title} items={stacks.map((stack) => ({ label: stack.label, value: stack.segments.map((s) => `${s.label} ${s.value}`).join(', ') }))}>
      {stacks.map((stack, index) => {
        const total = stack.segments.reduce((sum, s) => sum + s.value, 0);
        const y = index * ROW;
        let x = LABEL_WIDTH;
        return (
          <g key={stack.key}>
            <text className="chart-label" x={LABEL_WIDTH - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="central">
              {shorten(stack.label, 23)}
            </text>
            <rect className="chart-track" x={LABEL_WIDTH} y={y + 5} width={span} height={ROW - 10} rx={3} />
            {stack.segments.map((segment, segmentIndex) => {
              const width = total === 0 ? 0 : (segment.value / total) * span;
              const rect = (
                <rect key={segment.key} x={x} y={y + 5} width={width} height={ROW - 10} fill={bandColour(segmentIndex, stack.segments.length)}>
                  <title>{`${stack.label} · ${segment.label}: ${segment.value}`}</title>
                </rect>
              );
              x += width;
              return rect;
            })}
          </g>
        );
      })}
    </ChartSvg>
  );
}
