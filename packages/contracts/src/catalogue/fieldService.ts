import { z } from 'zod';
import { catalogueEntry } from './catalogueEntry.ts';
import { idField, labelField, timestampField, touchpointData } from './catalogueFields.ts';

export const VISIT_TYPES = ['installation', 'repair', 'maintenance'] as const;

/** Digest §1.3 D: installation, repair and maintenance visits by a field engineer. */
export const fieldService = {
  'field_visit.scheduled': catalogueEntry(
    'A visit by a field engineer was booked for a time slot.',
    touchpointData({
      visitId: idField,
      visitType: z.enum(VISIT_TYPES),
      slotStart: timestampField,
      slotEnd: timestampField.optional(),
      engineerId: idField.optional(),
      caseId: idField.optional(),
    }),
  ),
  'field_visit.completed': catalogueEntry(
    'A field visit took place; outcome says whether the job got done.',
    touchpointData({
      visitId: idField,
      outcome: z.enum(['resolved', 'follow_up_required', 'not_resolved', 'no_access']),
      visitType: z.enum(VISIT_TYPES).optional(),
      durationMinutes: z.int().nonnegative().optional(),
      issuesFound: z.array(labelField).max(50).optional(),
      engineerId: idField.optional(),
      caseId: idField.optional(),
    }),
  ),
} as const;
