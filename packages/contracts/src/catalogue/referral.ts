import { catalogueEntry } from './catalogueEntry.ts';
import { idField, labelField, touchpointData } from './catalogueFields.ts';

/** Digest §1.3 F: referral programmes (推荐奖励计划). */
export const referral = {
  'referral.submitted': catalogueEntry(
    'The customer recommended someone (the referee) to the business.',
    touchpointData({
      referralId: idField,
      refereeId: idField.optional(),
      programId: idField.optional(),
      campaignId: idField.optional(),
    }),
  ),
  'referral.converted': catalogueEntry(
    'A referred person became a customer; the referrer may be rewarded.',
    touchpointData({
      referralId: idField,
      referrerId: idField.optional(),
      refereeId: idField.optional(),
      orderId: idField.optional(),
      reward: labelField.optional(),
    }),
  ),
} as const;
