import { z } from 'zod';

/**
 * An optional field where `null` means "not set", as Segment libraries send it (analytics.js:
 * `userId: null` before `identify`).
 */
export const absentWhenNull = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());
