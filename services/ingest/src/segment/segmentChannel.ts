import { CHANNELS, type Channel, type SegmentCallType } from '@touchline/contracts';

const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);

/**
 * The touchpoint channel of a Segment call: `context.channel` when it names one of ours (Segment's
 * own values such as "server" or "browser" do not), else `web` for a page, `app` for a screen and
 * `other` for the rest. Pure.
 */
export function segmentChannel(
  type: SegmentCallType,
  context: Record<string, unknown> | undefined,
): Channel {
  if (isChannel(context?.channel)) return context.channel;
  if (type === 'page') return 'web';
  if (type === 'screen') return 'app';
  return 'other';
}
