import type { z } from 'zod';
import { ApiError } from '@touchline/contracts';

/**
 * An opaque page cursor: the sort key of a page's last item as base64url JSON, checked against
 * `schema` on the way back in (`400 TL_INVALID_FIELD` on `cursor` when it is not one of `list`).
 */
export function pageCursor<Key>(schema: z.ZodType<Key>, list: string) {
  return {
    encode: (key: Key): string => Buffer.from(JSON.stringify(key)).toString('base64url'),
    decode(cursor: string): Key {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const result = schema.safeParse(parsed);
      if (!result.success)
        throw new ApiError('TL_INVALID_FIELD', `cursor: not a cursor of this ${list}`, {
          field: 'cursor',
        });
      return result.data;
    },
  };
}
