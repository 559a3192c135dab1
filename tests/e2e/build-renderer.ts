import { build } from 'vite';

/** The end-to-end tests drive the built renderer, exactly what `npm run web` serves. */
export default async function buildRenderer(): Promise<void> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
