import type { ReactNode } from 'react';
import { describe } from './chart-text';

/** The frame of every portfolio chart: an image of fixed size whose label says what its table says. */
export function ChartSvg(props: { className: string; width: number; height: number; title: string; items: { label: string; value: string }[]; children: ReactNode }) {
  const { className, width, height, title, items, children } = props;
  return (
    <svg className={className} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={describe(title, items)}>
      {children}
    </svg>
  );
}
