import { z } from 'zod';
import { catalogueEntry } from './catalogueEntry.ts';
import { idField, labelField, pointsField, touchpointData } from './catalogueFields.ts';

const balance = z.int().nonnegative().optional().describe('Points balance after this change');

/** Digest §1.3 F: points programmes. */
export const loyalty = {
  'loyalty.points_earned': catalogueEntry(
    'The customer earned loyalty points.',
    touchpointData({
      points: pointsField,
      basis: z.enum(['purchase', 'referral', 'engagement', 'promotion', 'other']).optional(),
      orderId: idField.optional(),
      programId: idField.optional(),
      balance,
    }),
  ),
  'loyalty.points_redeemed': catalogueEntry(
    'The customer spent loyalty points on a reward.',
    touchpointData({
      points: pointsField,
      redemptionItem: labelField.optional(),
      orderId: idField.optional(),
      programId: idField.optional(),
      balance,
    }),
  ),
} as const;
