import { ChartSvg } from './ChartSvg';
import type { Bar } from './BarChart';

const WIDTH = 640;
const HEIGHT = 200;
const AXIS = 34;
const TOP = 18;

/** Columns over time, one per month; with many months only every few carry a label. */
export function ColumnChart({ title, columns, format }: { title: string; columns: Bar[]; format: (value: number) => string }) {
  const max = Math.max(1, ...columns.map((column) => column.value));
  const slot = WIDTH / Math.max(1, columns.length);
  const labelEvery = Math.ceil(columns.length / 8);
  const plot = HEIGHT - AXIS - TOP;
  return (
    <ChartSvg className="column-chart" width={WIDTH} height={HEIGHT} title={title} items={columns.map((column) => ({ label: column.label, value: format(column.value) }))}>
      <line className="chart-axis" x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} />
      {columns.map((column, index) => {
        const height = (column.value / max) * plot;
        const x = index * slot;
        const width = Math.min(48, slot * 0.7);
        return (
          <g key={column.key}>
            <title>{`${column.label}: ${format(column.value)}`}</title>
            <rect className="chart-bar" x={x + (slot - width) / 2} y={HEIGHT - AXIS - height} width={width} height={height} rx={2} />
            {columns.length <= 24 && (
              <text className="chart-value" x={x + slot / 2} y={HEIGHT - AXIS - height - 5} textAnchor="middle">
                {format(column.value)}
              </text>
            )}
            {index % labelEvery === 0 && (
              <text className="chart-label" x={x + slot / 2} y={HEIGHT - AXIS + 18} textAnchor="middle">
                {column.label}
              </text>
            )}
          </g>
        );
      })}
    </ChartSvg>
  );
}
