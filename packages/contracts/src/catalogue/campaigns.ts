import { z } from 'zod';
import { catalogueEntry } from './catalogueEntry.ts';
import { idField, labelField, touchpointData } from './catalogueFields.ts';

const message = {
  campaignId: idField,
  messageId: idField.optional(),
  templateId: idField.optional(),
};

/** Digest §1.3 G: how a customer responded to a campaign or an offer. */
export const campaigns = {
  'campaign.message_opened': catalogueEntry(
    'The customer opened a campaign message (email, SMS, push, WeChat, …).',
    touchpointData(message),
  ),
  'campaign.message_clicked': catalogueEntry(
    'The customer followed a link in a campaign message.',
    touchpointData({ ...message, url: z.url().max(2000).optional() }),
  ),
  'campaign.offer_accepted': catalogueEntry(
    'The customer accepted an offer (a discount, a value-added service, an exclusive offer).',
    touchpointData({
      offerId: idField,
      offerType: z.enum(['discount', 'value_added_service', 'exclusive_offer', 'other']).optional(),
      campaignId: idField.optional(),
      couponId: idField.optional(),
      orderId: idField.optional(),
    }),
  ),
  'campaign.unsubscribed': catalogueEntry(
    'The customer opted out of a campaign’s messages (consent.withdrawn records a legal consent).',
    touchpointData({ ...message, reason: labelField.optional() }),
  ),
} as const;
