/** SVG text does not wrap; a long sector or step name is cut and given in full by the table beside the chart. */
export function shorten(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** What a screen reader hears for a chart: its title and each value, the same as the table says. */
export function describe(title: string, items: { label: string; value: string }[]): string {
  return `${title}: ${items.map((item) => `${item.label} ${item.value}`).join('; ')}`;
}
