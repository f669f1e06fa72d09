import type { z } from 'zod';
import { ApiError, type FieldIssue } from './errors.ts';

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) =>
      typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key),
    '',
  );

/** Validates with a zod schema; failures become a 400 TL_INVALID_FIELD naming the first field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => {
    // An unknown key is reported on its parent; name the key itself.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = fieldPath(keys[0] !== undefined ? [...issue.path, keys[0]] : issue.path);
    const field = prefix && path ? `${prefix}.${path}` : prefix || path || '(body)';
    return { field, message: issue.message };
  });
  const first = issues[0]!;
  throw new ApiError('TL_INVALID_FIELD', `${first.field}: ${first.message}`, {
    field: first.field,
    issues,
  });
}
