/** Each figure is printed beside a baseline measured in the same run, so machines can be compared by ratio. */
export interface Figure {
  name: string;
  value: number;
  baselineName: string;
  baseline: number;
  unit: 'ms' | 'µs' | 'MB';
}

export async function timeEach(iterations: number, work: (i: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function format(value: number, unit: Figure['unit']): string {
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  return unit === 'µs' ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(3)} ms`;
}

export function printFigures(figures: Figure[]): void {
  const rows = figures.map((f) => [f.name, format(f.value, f.unit), `${f.baselineName}: ${format(f.baseline, f.unit)}`, `${(f.value / f.baseline).toFixed(2)}×`]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['figure', 'value', 'baseline', 'ratio'][i]!.length));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ');
  console.log(line(['figure', 'value', 'baseline', 'ratio']));
  console.log(widths.map((w) => '-'.repeat(w)).join('   '));
  for (const row of rows) console.log(line(row));
}
