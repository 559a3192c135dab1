import manifest from './builtin/catalogue.json' with { type: 'json' };
import directories from './builtin/directories.json' with { type: 'json' };
import enterpriseSteps from './builtin/steps-enterprise.json' with { type: 'json' };
import operationsSteps from './builtin/steps-operations.json' with { type: 'json' };
import { CatalogueSchema, type Catalogue } from './catalogue-schema';

/** The catalogue as shipped, kept in parts so each area can be edited on its own. */
export const builtinCatalogueJson = { ...manifest, steps: [...enterpriseSteps, ...operationsSteps], directories };

export const builtinCatalogue: Catalogue = CatalogueSchema.parse(builtinCatalogueJson);
