import { z } from 'zod';
import { channelSchema } from '../channel.ts';
import { catalogueEntry } from './catalogueEntry.ts';
import { idField, labelField, touchpointData } from './catalogueFields.ts';

const url = z.url().max(2000);

/** Generic digital touchpoints and the customer record (digest §1.3 A). */
export const web = {
  'page.viewed': catalogueEntry(
    'A web page was viewed.',
    touchpointData({
      path: z.string().startsWith('/', 'must start with "/"').max(2000),
      url: url.optional(),
      title: labelField.optional(),
      referrer: url.optional(),
    }),
  ),
  'screen.viewed': catalogueEntry(
    'An app or mini-program screen was viewed.',
    touchpointData({ screen: labelField, previousScreen: labelField.optional() }),
  ),
  'customer.registered': catalogueEntry(
    'The visitor became a known customer (signed up, opened an account).',
    touchpointData({
      acquisitionChannel: channelSchema.optional(),
      campaignId: idField.optional(),
      referralId: idField.optional(),
    }),
  ),
  'profile.updated': catalogueEntry(
    'The customer record changed; names the fields, not their values.',
    touchpointData({
      changedFields: z.array(labelField).min(1).max(100),
      source: labelField.optional().describe('Who changed it, e.g. "customer" or "crm_sync"'),
    }),
  ),
} as const;
