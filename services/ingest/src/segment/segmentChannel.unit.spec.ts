import { describe, expect, it } from 'vitest';
import { segmentChannel } from './segmentChannel.ts';

describe('segmentChannel', () => {
  it('takes context.channel when it is one of our channels', () => {
    expect(segmentChannel('track', { channel: 'store' })).toBe('store');
    expect(segmentChannel('page', { channel: 'email' })).toBe('email');
  });

  it('falls back by call type: page → web, screen → app, others → other', () => {
    expect(segmentChannel('page', { channel: 'browser' })).toBe('web');
    expect(segmentChannel('screen', undefined)).toBe('app');
    expect(segmentChannel('track', { channel: 'server' })).toBe('other');
    expect(segmentChannel('identify', { channel: 42 })).toBe('other');
    expect(segmentChannel('alias', {})).toBe('other');
  });
});
