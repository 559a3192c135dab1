import type { z } from 'zod';

export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function defineOperation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Operation<I, O> {
  return { input, output };
}
