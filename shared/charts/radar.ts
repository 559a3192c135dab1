/**
 * Geometry of a radar (spider) chart, independent of how it is drawn: the app draws it as SVG, the
 * PDF report with pdfkit's vector paths, so both show exactly the same picture.
 */
export interface RadarInput {
  /** One axis per dimension, clockwise from the top. */
  axes: { id: string; label: string }[];
  /** Each series has one value per axis, in axis order; null leaves a gap at the centre. */
  series: { id: string; values: (number | null)[] }[];
  scale: { min: number; max: number };
  /** Width and height of the square drawing area. */
  size: number;
  /** Room kept around the chart for axis labels. */
  padding: number;
  /** Number of concentric guide rings. */
  rings: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface RadarGeometry {
  center: Point;
  radius: number;
  axes: { id: string; label: string; end: Point; labelAt: Point; align: 'start' | 'middle' | 'end' }[];
  rings: { value: number; points: Point[] }[];
  series: { id: string; points: Point[] }[];
}

const round = (value: number) => Math.round(value * 100) / 100;

export function radarGeometry(input: RadarInput): RadarGeometry {
  const center = { x: input.size / 2, y: input.size / 2 };
  const radius = input.size / 2 - input.padding;
  const count = input.axes.length;
  const span = input.scale.max - input.scale.min;
  const angleOf = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / count;
  const at = (index: number, fraction: number): Point => ({
    x: round(center.x + Math.cos(angleOf(index)) * radius * fraction),
    y: round(center.y + Math.sin(angleOf(index)) * radius * fraction),
  });
  const fractionOf = (value: number | null) => (value === null ? 0 : Math.min(1, Math.max(0, (value - input.scale.min) / span)));

  return {
    center,
    radius,
    axes: input.axes.map((axis, index) => {
      const cos = Math.cos(angleOf(index));
      return {
        id: axis.id,
        label: axis.label,
        end: at(index, 1),
        labelAt: at(index, 1 + 14 / Math.max(radius, 1)),
        align: Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end',
      };
    }),
    rings: Array.from({ length: input.rings }, (_, ring) => {
      const fraction = (ring + 1) / input.rings;
      return { value: input.scale.min + span * fraction, points: input.axes.map((_, index) => at(index, fraction)) };
    }),
    series: input.series.map((series) => ({ id: series.id, points: series.values.map((value, index) => at(index, fractionOf(value))) })),
  };
}

export function toSvgPoints(points: Point[]): string {
  return points.map((p) => `${p.x},${p.y}`).join(' ');
}
