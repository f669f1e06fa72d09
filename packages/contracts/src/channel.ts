import { z } from 'zod';

/** Where a touchpoint happened (digest §1.1). `system` is reserved for facts the platform derives. */
export const CHANNELS = [
  'web',
  'app',
  'mini_program',
  'phone',
  'chat',
  'bot',
  'email',
  'sms',
  'push',
  'social',
  'store',
  'field_service',
  'self_service',
  'community',
  'offline_event',
  'survey',
  'other',
] as const;

export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;
