import { describe, expect, it } from 'vitest';
import { planDowngradeSignal } from './planDowngradeSignal.ts';
import { fact, NOW } from './factAt.testing.ts';

describe('planDowngradeSignal', () => {
  it('fires on a downgrade within 60 days', () => {
    const s = planDowngradeSignal(
      [
        fact('d', 'custom.plan_changed', 14, {
          direction: 'downgrade',
          fromPlan: 'pro',
          toPlan: 'basic',
        }),
      ],
      NOW,
    );
    expect(s?.signal).toBe('planDowngrade');
    expect(s?.evidenceEventIds).toEqual(['d']);
    expect(s?.explanation).toContain('from pro to basic 14 days ago');
    expect(s?.observed).toMatchObject({ fromPlan: 'pro', toPlan: 'basic', ageDays: 14 });
  });

  it('does not fire past 60 days, after a later upgrade, or on other directions', () => {
    expect(
      planDowngradeSignal([fact('d', 'plan.changed', 60, { direction: 'downgrade' })], NOW)
        ?.evidenceEventIds,
    ).toEqual(['d']);
    expect(
      planDowngradeSignal([fact('d', 'plan.changed', 60.01, { direction: 'downgrade' })], NOW),
    ).toBeUndefined();
    const upgraded = [
      fact('d', 'plan.changed', 20, { direction: 'downgrade' }),
      fact('u', 'plan.changed', 5, { direction: 'upgrade' }),
    ];
    expect(planDowngradeSignal(upgraded, NOW)).toBeUndefined();
    expect(
      planDowngradeSignal([fact('l', 'plan.changed', 5, { direction: 'lateral' })], NOW),
    ).toBeUndefined();
  });
});
