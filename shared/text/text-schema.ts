import { z } from 'zod';

// Control characters have no business in anything a person types here and break exports and PDFs.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text a person enters: bounded, free of control characters, trimmed unless it is free-form writing. */
export function text(max: number, options: { trim?: boolean } = {}) {
  const base = options.trim === false ? z.string() : z.string().trim();
  return base.max(max).refine((value) => !CONTROL_CHARACTERS.test(value), { message: 'validation.controlCharacters' });
}

export function requiredText(max: number) {
  return text(max).pipe(z.string().min(1, { message: 'validation.required' }));
}
