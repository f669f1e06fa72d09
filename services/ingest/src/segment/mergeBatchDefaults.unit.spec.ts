import { describe, expect, it } from 'vitest';
import { mergeBatchDefaults } from './mergeBatchDefaults.ts';

describe('mergeBatchDefaults', () => {
  const defaults = {
    context: { library: { name: 'analytics-python' }, ip: '10.0.0.1' },
    integrations: { All: true },
    sentAt: '2026-03-01T12:00:00.000Z',
  };

  it('merges the batch context and integrations under the message’s own keys', () => {
    expect(
      mergeBatchDefaults(
        { type: 'track', context: { ip: '10.0.0.2' }, integrations: { Mixpanel: false } },
        defaults,
      ),
    ).toEqual({
      type: 'track',
      context: { library: { name: 'analytics-python' }, ip: '10.0.0.2' },
      integrations: { All: true, Mixpanel: false },
      sentAt: '2026-03-01T12:00:00.000Z',
    });
  });

  it('gives a message without them the batch’s, and keeps its own sentAt', () => {
    expect(
      mergeBatchDefaults({ type: 'page', context: null, sentAt: '2026-03-01T11:00:00Z' }, defaults),
    ).toEqual({
      type: 'page',
      context: defaults.context,
      integrations: defaults.integrations,
      sentAt: '2026-03-01T11:00:00Z',
    });
  });

  it('adds nothing without defaults, and leaves a wrongly typed field for validation', () => {
    expect(mergeBatchDefaults({ type: 'track' }, {})).toEqual({ type: 'track' });
    expect(mergeBatchDefaults({ type: 'track', context: 'web' }, defaults).context).toBe('web');
  });
});
