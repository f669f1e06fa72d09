import { describe, expect, it } from 'vitest';
import type { LifecycleTransition } from './lifecycleStage.ts';
import { lifecycleTransitionKey } from './lifecycleTransitionKey.ts';

const transition: LifecycleTransition = {
  from: 'growing',
  to: 'at_risk',
  at: new Date('2025-04-11T00:00:00.000Z'),
  rule: 'silence_at_risk',
  evidenceEventIds: ['e-1'],
  explanation: 'No qualifying activity for 90 days …',
};

describe('lifecycleTransitionKey', () => {
  it('is a fixed text for a transition, whatever its explanation says', () => {
    expect(lifecycleTransitionKey('shop', 'u-1', transition)).toBe(
      '["lifecycle/v1","shop","u-1","2025-04-11T00:00:00.000Z","growing","at_risk","silence_at_risk","e-1"]',
    );
    expect(
      lifecycleTransitionKey('shop', 'u-1', { ...transition, explanation: 'other words' }),
    ).toBe(lifecycleTransitionKey('shop', 'u-1', transition));
  });

  it('differs when the project, customer, instant, stages, rule or evidence differ', () => {
    const base = lifecycleTransitionKey('shop', 'u-1', transition);
    const variants = [
      lifecycleTransitionKey('shop2', 'u-1', transition),
      lifecycleTransitionKey('shop', 'u-2', transition),
      lifecycleTransitionKey('shop', 'u-1', {
        ...transition,
        at: new Date(transition.at.getTime() + 1),
      }),
      lifecycleTransitionKey('shop', 'u-1', { ...transition, from: 'loyal' }),
      lifecycleTransitionKey('shop', 'u-1', { ...transition, from: null, to: 'prospect' }),
      lifecycleTransitionKey('shop', 'u-1', { ...transition, rule: 'churn_risk_raised' }),
      lifecycleTransitionKey('shop', 'u-1', { ...transition, evidenceEventIds: ['e-2'] }),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('cannot be forged by separators inside a value', () => {
    const a = lifecycleTransitionKey('shop', 'u","1', transition);
    const b = lifecycleTransitionKey('shop","u', '1', transition);
    expect(a).not.toBe(b);
  });
});
