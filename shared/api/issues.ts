import { z } from 'zod';

/** A validation problem in a form the UI can translate and place beside its field. */
export interface FieldIssue {
  field: string;
  key: string;
  params: Record<string, string | number>;
}

const KEY_PREFIX = 'validation.';

// zod 4 leaves the offending value out of issues, so whether a field was missing or of the wrong
// type is only known while the issue is made: say it then, for every schema in the app.
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'validation.required' : undefined),
});

function describe(issue: z.core.$ZodIssue): Pick<FieldIssue, 'key' | 'params'> {
  if (issue.message.startsWith(KEY_PREFIX)) return { key: issue.message, params: {} };
  switch (issue.code) {
    case 'invalid_type':
      return { key: 'validation.type', params: { expected: issue.expected } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'array') return { key: 'validation.tooMany', params: { max: Number(issue.maximum) } };
      return { key: 'validation.tooLarge', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { key: 'validation.required', params: {} }
          : { key: 'validation.tooShort', params: { min: Number(issue.minimum) } };
      }
      return { key: 'validation.tooSmall', params: { min: Number(issue.minimum) } };
    case 'unrecognized_keys':
      return { key: 'validation.unknownFields', params: { keys: issue.keys.join(', ') } };
    case 'invalid_value':
      return { key: 'validation.choose', params: {} };
    default:
      return { key: 'validation.invalid', params: {} };
  }
}

export function describeIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
    return { field: path.join('.'), ...describe(issue) };
  });
}
