import { catalogueEntry } from './catalogueEntry.ts';
import { idField, labelField, touchpointData } from './catalogueFields.ts';

const purpose = labelField.describe('What the data may be used for, e.g. "marketing"');

/** Digest §1.3 A: consent for a stated purpose, given or taken back. */
export const consent = {
  'consent.granted': catalogueEntry(
    'The customer consented to a use of their data, after being told the purpose.',
    touchpointData({
      purpose,
      scope: labelField.optional(),
      noticeVersion: idField.optional().describe('Version of the privacy notice shown'),
    }),
  ),
  'consent.withdrawn': catalogueEntry(
    'The customer withdrew a consent they had given.',
    touchpointData({
      purpose,
      scope: labelField.optional(),
      reason: labelField.optional(),
    }),
  ),
} as const;
