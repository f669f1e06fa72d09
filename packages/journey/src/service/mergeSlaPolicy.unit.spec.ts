import { describe, expect, it } from 'vitest';
import { CASE_KINDS, CASE_PRIORITIES, slaPolicyPatchSchema } from '@touchline/contracts';
import { DEFAULT_SLA_POLICY } from './slaPolicy.ts';
import { mergeSlaPolicy, type SlaPolicyPatch } from './mergeSlaPolicy.ts';

describe('DEFAULT_SLA_POLICY', () => {
  it('has both targets for every kind and priority, tighter for higher priorities', () => {
    for (const kind of CASE_KINDS) {
      const row = CASE_PRIORITIES.map((p) => DEFAULT_SLA_POLICY.targets[kind][p]);
      for (const t of row) {
        expect(t.firstResponseHours).toBeGreaterThan(0);
        expect(t.resolutionHours).toBeGreaterThan(t.firstResponseHours ?? Infinity);
      }
      for (let i = 1; i < row.length; i++) {
        expect(row[i]?.firstResponseHours).toBeLessThanOrEqual(row[i - 1]?.firstResponseHours ?? 0);
        expect(row[i]?.resolutionHours).toBeLessThanOrEqual(row[i - 1]?.resolutionHours ?? 0);
      }
    }
    expect(DEFAULT_SLA_POLICY.defaultPriority).toBe('normal');
    expect(DEFAULT_SLA_POLICY.targets.complaint.normal).toEqual({
      firstResponseHours: 4,
      resolutionHours: 72,
    });
  });
});

describe('mergeSlaPolicy', () => {
  it('returns the defaults for an empty patch', () => {
    expect(mergeSlaPolicy()).toEqual(DEFAULT_SLA_POLICY);
    expect(mergeSlaPolicy({})).toEqual(DEFAULT_SLA_POLICY);
  });

  it('overlays one target and keeps every other', () => {
    const merged = mergeSlaPolicy({
      defaultPriority: 'low',
      targets: {
        complaint: { high: { firstResponseHours: 0.5 } },
        return: { low: { resolutionHours: null } },
      },
    });
    expect(merged.defaultPriority).toBe('low');
    expect(merged.targets.complaint.high).toEqual({ firstResponseHours: 0.5, resolutionHours: 48 });
    expect(merged.targets.return.low).toEqual({ firstResponseHours: 24, resolutionHours: null });
    expect(merged.targets.complaint.normal).toEqual(DEFAULT_SLA_POLICY.targets.complaint.normal);
    expect(merged.targets.inquiry).toEqual(DEFAULT_SLA_POLICY.targets.inquiry);
    expect(DEFAULT_SLA_POLICY.targets.complaint.high.firstResponseHours).toBe(2);
  });

  it('overlays on a given base', () => {
    const base = mergeSlaPolicy({ targets: { inquiry: { low: { firstResponseHours: 1 } } } });
    const merged = mergeSlaPolicy({ targets: { inquiry: { low: { resolutionHours: 2 } } } }, base);
    expect(merged.targets.inquiry.low).toEqual({ firstResponseHours: 1, resolutionHours: 2 });
  });

  it.each([
    [
      { targets: { complaint: { high: { firstResponseHours: -1 } } } },
      'targets.complaint.high.firstResponseHours',
      '-1',
    ],
    [
      { targets: { inquiry: { low: { resolutionHours: 0 } } } },
      'targets.inquiry.low.resolutionHours',
      '0',
    ],
    [
      { targets: { inquiry: { low: { resolutionHours: Number.NaN } } } },
      'targets.inquiry.low.resolutionHours',
      'NaN',
    ],
    [
      { targets: { inquiry: { low: { resolutionHours: '4' } } } },
      'targets.inquiry.low.resolutionHours',
      '"4"',
    ],
    [
      { targets: { inquiry: { low: { responseHours: 4 } } } },
      'targets.inquiry.low.responseHours',
      'not a target field',
    ],
    [{ targets: { inquiry: { critical: {} } } }, 'targets.inquiry.critical', 'not a priority'],
    [{ targets: { complain: {} } }, 'targets.complain', 'not a case kind'],
    [{ defaultPriority: 'asap' }, 'defaultPriority', '"asap"'],
    [{ slaHours: 3 }, 'slaHours', 'not a policy field'],
  ])('refuses %j, naming the field', (patch, field, detail) => {
    const merge = () => mergeSlaPolicy(patch as unknown as SlaPolicyPatch);
    expect(merge).toThrow(RangeError);
    expect(merge).toThrow(field);
    expect(merge).toThrow(detail);
  });
});

describe('slaPolicyPatchSchema (@touchline/contracts)', () => {
  it('accepts what mergeSlaPolicy accepts and refuses typos', () => {
    const patch = {
      defaultPriority: 'high',
      targets: { complaint: { urgent: { firstResponseHours: 0.25, resolutionHours: null } } },
    };
    const parsed = slaPolicyPatchSchema.parse(patch);
    expect(mergeSlaPolicy(parsed).targets.complaint.urgent).toEqual({
      firstResponseHours: 0.25,
      resolutionHours: null,
    });
    expect(slaPolicyPatchSchema.safeParse({ targets: { complain: {} } }).success).toBe(false);
    expect(slaPolicyPatchSchema.safeParse({ targets: { inquiry: { asap: {} } } }).success).toBe(
      false,
    );
    expect(
      slaPolicyPatchSchema.safeParse({ targets: { inquiry: { low: { responseHours: 1 } } } })
        .success,
    ).toBe(false);
    expect(
      slaPolicyPatchSchema.safeParse({ targets: { inquiry: { low: { resolutionHours: 0 } } } })
        .success,
    ).toBe(false);
  });
});
