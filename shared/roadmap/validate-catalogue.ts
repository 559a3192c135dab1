import { builtinInstruments } from '../instruments/builtin';
import { duplicates, missingTranslations, schemaProblems } from '../validation/problems';
import { CatalogueSchema } from './catalogue-schema';

/**
 * Everything wrong with a catalogue file, one line per problem naming its JSON path: schema
 * errors, duplicate ids, missing translations, unknown prerequisites or dimensions, and cycles.
 */
export function validateCatalogue(json: unknown): string[] {
  const parsed = CatalogueSchema.safeParse(json);
  if (!parsed.success) return schemaProblems(parsed.error);
  const catalogue = parsed.data;
  const ids = new Set(catalogue.steps.map((s) => s.id));
  const dimensions = new Set(builtinInstruments.flatMap((i) => i.dimensions.map((d) => `${i.id}/${d.id}`)));
  const problems = [
    ...duplicates(catalogue.steps, (s) => s.id, (i) => ['steps', i, 'id'], 'step id'),
    ...missingTranslations(json, catalogue.locales, []),
  ];
  catalogue.steps.forEach((step, i) => {
    step.prerequisites.steps.forEach((id, j) => {
      if (!ids.has(id)) problems.push(`$.steps[${i}].prerequisites.steps[${j}]: unknown step "${id}"`);
      if (id === step.id) problems.push(`$.steps[${i}].prerequisites.steps[${j}]: a step cannot be its own prerequisite`);
    });
    step.raises.forEach((r, j) => {
      if (!dimensions.has(`${r.instrument}/${r.dimension}`)) problems.push(`$.steps[${i}].raises[${j}]: unknown dimension "${r.instrument}/${r.dimension}"`);
    });
    step.prerequisites.minimumScores.forEach((m, j) => {
      if (!dimensions.has(`${m.instrument}/${m.dimension}`)) problems.push(`$.steps[${i}].prerequisites.minimumScores[${j}]: unknown dimension "${m.instrument}/${m.dimension}"`);
    });
  });
  // A step that can be reached again by following its prerequisites could never be scheduled.
  const byId = new Map(catalogue.steps.map((s) => [s.id, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      problems.push(`$.steps[${catalogue.steps.findIndex((s) => s.id === id)}].prerequisites: cycle ${[...trail.slice(trail.indexOf(id)), id].join(' → ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const next of byId.get(id)?.prerequisites.steps ?? []) if (byId.has(next)) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const step of catalogue.steps) visit(step.id, []);
  return problems;
}
