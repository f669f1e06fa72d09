import { z } from 'zod';
import { CASE_KINDS, CASE_PRIORITIES } from '../catalogue/serviceCases.ts';

/** Hours of a target; `null` switches the target off (no clock, no breach). At most 10 years. */
const hours = z.number().positive().max(87_600).nullable();

const targets = z.strictObject({ firstResponseHours: hours, resolutionHours: hours }).partial();

/**
 * A project's overrides of the service SLA policy (journey `mergeSlaPolicy`): any case kind, any
 * priority, either target, in calendar hours. Unknown kinds, priorities and fields are refused so
 * a typo cannot silently keep a default.
 */
export const slaPolicyPatchSchema = z.strictObject({
  defaultPriority: z.enum(CASE_PRIORITIES).optional(),
  targets: z
    .partialRecord(z.enum(CASE_KINDS), z.partialRecord(z.enum(CASE_PRIORITIES), targets))
    .optional(),
});

export type SlaPolicyPatchInput = z.infer<typeof slaPolicyPatchSchema>;
