import { useId, type ReactNode } from 'react';

interface Props {
  title: string;
  note?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  wide?: boolean;
}

/** A chart for looking and, beside it, the same figures as a compact table for reading and copying. */
export function ChartCard({ title, note, chart, table, wide = false }: Props) {
  const id = useId();
  return (
    <section className={`card chart-card${wide ? ' span-2' : ''}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {note && <p className="chart-note">{note}</p>}
      <div className="chart-with-table">
        <div className="chart">{chart}</div>
        {/* Focusable, so a keyboard can scroll a long table. */}
        <div className="mini-table-wrap" tabIndex={0} role="group" aria-labelledby={id}>
          {table}
        </div>
      </div>
    </section>
  );
}
