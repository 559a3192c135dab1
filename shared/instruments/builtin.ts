import digitalMaturity from './builtin/digital-maturity.json' with { type: 'json' };
import smartFactoryReadiness from './builtin/smart-factory-readiness.json' with { type: 'json' };
import steppingStones from './builtin/stepping-stones.json' with { type: 'json' };
import { InstrumentSchema, type Instrument } from './schema';

/** The instruments that ship with the app, parsed once. Newer versions may arrive from the hub. */
export const builtinInstruments: readonly Instrument[] = [digitalMaturity, steppingStones, smartFactoryReadiness].map((json) =>
  InstrumentSchema.parse(json),
);

export function builtinInstrument(id: string): Instrument {
  const instrument = builtinInstruments.find((i) => i.id === id);
  if (!instrument) throw new Error(`No built-in instrument ${id}`);
  return instrument;
}
