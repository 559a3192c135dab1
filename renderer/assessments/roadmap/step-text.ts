import type { TFunction } from 'i18next';
import type { Instrument } from '../../../shared/instruments/schema';
import { textIn } from '../../../shared/instruments/text';
import type { Roadmap, RoadmapStep } from '../../../shared/roadmap/schema';

/** The step's title as the adviser sees it: their own wording, else the catalogue's in the current language. */
export function stepTitle(step: RoadmapStep, language: string): string {
  return step.title ?? (step.catalogueStep ? textIn(step.catalogueStep.title, language) : '');
}

export function stepDescription(step: RoadmapStep, language: string): string {
  return step.description ?? (step.catalogueStep ? textIn(step.catalogueStep.description, language) : '');
}

/** One plain sentence per reason the generator gave. */
export function whyTexts(step: RoadmapStep, roadmap: Roadmap, instruments: Instrument[], t: TFunction, language: string): string[] {
  return step.why.map((why) => {
    switch (why.kind) {
      case 'gap': {
        const dimension = instruments.find((i) => i.id === why.instrument)?.dimensions.find((d) => d.id === why.dimension);
        return t('roadmap.why.gap', { dimension: dimension ? textIn(dimension.title, language) : why.dimension, priority: why.priority });
      }
      case 'barrier':
        return t('roadmap.why.barrier', { barrier: t(`barriers.${why.barrier}`), rating: t(`results.barrierRating.${why.rating}`).toLowerCase() });
      case 'driver':
        return t('roadmap.why.driver', { driver: t(`drivers.${why.driver}`) });
      case 'prerequisite': {
        const later = roadmap.steps.find((s) => s.catalogueStep?.id === why.of);
        return t('roadmap.why.prerequisite', { step: later ? stepTitle(later, language) : why.of });
      }
    }
  });
}
