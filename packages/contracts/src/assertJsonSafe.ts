import { ApiError } from './errors.ts';

export const MAX_JSON_DEPTH = 32;

// U+0000 cannot be stored in PostgreSQL text/jsonb; a lone surrogate is not valid Unicode.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * Refuses JSON that a store cannot keep or that would exhaust a stack: nesting deeper than
 * `maxDepth`, NUL characters and unpaired surrogates in keys or strings. Iterative, so hostile
 * depth cannot overflow it. Throws 400 TL_INVALID_FIELD naming the offending path.
 */
export function assertJsonSafe(value: unknown, prefix = '', maxDepth = MAX_JSON_DEPTH): void {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value, path: prefix, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSAFE.test(current)) {
        throw new ApiError(
          'TL_INVALID_FIELD',
          `${path || '(body)'}: contains a NUL character or an unpaired surrogate`,
          {
            field: path || '(body)',
          },
        );
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) {
      throw new ApiError(
        'TL_INVALID_FIELD',
        `${path || '(body)'}: nested deeper than ${maxDepth} levels`,
        {
          field: path || '(body)',
        },
      );
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) =>
        stack.push({ value: item, path: join(path, index), depth: depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (UNSAFE.test(key)) {
        throw new ApiError(
          'TL_INVALID_FIELD',
          `${path || '(body)'}: a key contains a NUL character or an unpaired surrogate`,
          {
            field: path || '(body)',
          },
        );
      }
      stack.push({ value: item, path: join(path, key), depth: depth + 1 });
    }
  }
}
