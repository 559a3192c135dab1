import { useTranslation } from 'react-i18next';
import { radarGeometry, toSvgPoints } from '../../../shared/charts/radar';

export interface RadarSeries {
  id: 'current' | 'target' | 'baseline';
  values: (number | null)[];
}

interface Props {
  title: string;
  axes: { id: string; label: string }[];
  series: RadarSeries[];
  scale: { min: number; max: number };
}

const SIZE = 420;
// Labels sit outside the circle; the drawing is widened on both sides to give them room.
const SIDE_ROOM = 80;
const LINE_LENGTH = 16;

function wrap(label: string): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= LINE_LENGTH) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 3 ? [...lines.slice(0, 2), `${lines.slice(2).join(' ').slice(0, LINE_LENGTH - 1)}…`] : lines;
}

/** The maturity profile as SVG, from the geometry module the PDF report uses too. */
export function RadarChart({ title, axes, series, scale }: Props) {
  const { t } = useTranslation();
  const geometry = radarGeometry({ axes, series, scale, size: SIZE, padding: 64, rings: 4 });
  return (
    <figure className="radar">
      <svg viewBox={`${-SIDE_ROOM} 0 ${SIZE + 2 * SIDE_ROOM} ${SIZE}`} role="img" aria-label={t('results.radarLabel', { instrument: title })}>
        {geometry.rings.map((ring) => (
          <polygon key={ring.value} points={toSvgPoints(ring.points)} className="radar-ring" />
        ))}
        {geometry.axes.map((axis) => (
          <g key={axis.id}>
            <line x1={geometry.center.x} y1={geometry.center.y} x2={axis.end.x} y2={axis.end.y} className="radar-axis" />
            <text x={axis.labelAt.x} y={axis.labelAt.y} textAnchor={axis.align} className="radar-label">
              {wrap(axis.label).map((line, index, lines) => (
                <tspan key={index} x={axis.labelAt.x} dy={index === 0 ? `${0.35 - ((lines.length - 1) * 1.15) / 2}em` : '1.15em'}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        ))}
        {geometry.series.map((s) => (
          <polygon key={s.id} points={toSvgPoints(s.points)} className={`radar-series radar-${s.id}`} />
        ))}
        {geometry.series
          .filter((s) => s.id === 'current')
          .flatMap((s) => s.points.map((p, i) => <circle key={`${s.id}-${i}`} cx={p.x} cy={p.y} r={3.5} className="radar-point" />))}
      </svg>
      <figcaption className="radar-legend">
        {series.map((s) => (
          <span key={s.id} className={`legend-item legend-${s.id}`}>
            <span className="legend-swatch" aria-hidden="true" />
            {t(`results.radarLegend.${s.id}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
