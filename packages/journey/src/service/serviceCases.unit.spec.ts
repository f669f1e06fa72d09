import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from './slaPolicy.ts';
import { mergeSlaPolicy } from './mergeSlaPolicy.ts';
import { serviceCases } from './serviceCases.ts';
import { slaBreachKey } from './slaBreach.ts';
import { at, event, HOUR } from './serviceEvent.testing.ts';

const policy = DEFAULT_SLA_POLICY;
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);
// Default inquiry of normal priority: first response within 8 h, resolution within 48 h.
const inquiry = (id = 'open', hours = 0, extra: Record<string, unknown> = {}) =>
  event(id, 'case.opened', hours, { caseId: 'k1', kind: 'inquiry', category: 'billing', ...extra });

describe('serviceCases', () => {
  it('follows a case from opening to resolution with due times and elapsed seconds', () => {
    const history = [
      inquiry('open', 0, { priority: 'normal' }),
      event('resp', 'case.first_response', 2, { caseId: 'k1', responderType: 'bot' }),
      event('res', 'case.resolved', 10, { caseId: 'k1', contactCount: 1 }),
    ];
    const { cases, breaches, nextReviewAt } = serviceCases(history, policy, at(100));
    expect(breaches).toEqual([]);
    expect(nextReviewAt).toBeNull();
    expect(cases).toEqual([
      {
        caseId: 'k1',
        kind: 'inquiry',
        priority: 'normal',
        category: 'billing',
        channel: 'phone',
        openedAt: at(0),
        firstResponseAt: at(2),
        firstResponseBy: 'bot',
        firstResolvedAt: at(10),
        resolvedAt: at(10),
        status: 'resolved',
        reopenCount: 0,
        escalationCount: 0,
        contactCount: 1,
        firstResponseDueAt: at(8),
        resolutionDueAt: at(48),
        firstResponseSeconds: 2 * 3600,
        firstResolutionSeconds: 10 * 3600,
        fullResolutionSeconds: 10 * 3600,
        firstResponseBreached: false,
        resolutionBreached: false,
        cycles: [
          {
            cycle: 0,
            startedAt: at(0),
            dueAt: at(48),
            resolvedAt: at(10),
            resolutionSeconds: 10 * 3600,
            breached: false,
          },
        ],
        firstContactResolution: true,
        complaintIds: [],
        feedback: [],
        evidenceEventIds: ['open', 'resp', 'res'],
        lastPosition: history[2]?.position,
      },
    ]);
  });

  it('takes targets by kind and priority, and the default priority when none is given', () => {
    const history = [
      event('u', 'case.opened', 0, { caseId: 'u', kind: 'complaint', priority: 'urgent' }),
      event('n', 'case.opened', 0, { caseId: 'n', kind: 'complaint' }),
      event('r', 'case.opened', 0, { caseId: 'r', kind: 'return', priority: 'low' }),
    ];
    const { cases } = serviceCases(history, policy, at(0));
    expect(
      cases.map((c) => [c.caseId, c.priority, c.firstResponseDueAt, c.resolutionDueAt]),
    ).toEqual([
      ['u', 'urgent', at(1), at(24)],
      ['n', 'normal', at(4), at(72)],
      ['r', 'low', at(24), at(240)],
    ]);
    const highDefault = mergeSlaPolicy({ defaultPriority: 'high' });
    expect(serviceCases(history, highDefault, at(0)).cases[1]?.firstResponseDueAt).toEqual(at(2));
  });

  describe('first response', () => {
    it('is on time exactly at the due time and breached 1 ms after it', () => {
      const onTime = [
        inquiry(),
        event('resp', 'case.first_response', 8, { caseId: 'k1', responderType: 'agent' }),
      ];
      const r1 = serviceCases(onTime, policy, at(20));
      expect(r1.breaches).toEqual([]);
      expect(r1.cases[0]?.firstResponseBreached).toBe(false);

      const late = [
        inquiry(),
        {
          ...event('resp', 'case.first_response', 8, { caseId: 'k1', responderType: 'agent' }),
          occurredAt: ms(at(8), 1),
        },
      ];
      const r2 = serviceCases(late, policy, at(20));
      expect(r2.cases[0]?.firstResponseBreached).toBe(true);
      expect(r2.breaches).toEqual([
        {
          caseId: 'k1',
          kind: 'first_response',
          cycle: 0,
          startedAt: at(0),
          dueAt: at(8),
          targetHours: 8,
          metAt: ms(at(8), 1),
          evidenceEventIds: ['open', 'resp'],
          explanation:
            'First response on case k1 (inquiry, normal priority) was due 8 hours after the opening, ' +
            'at 2025-06-02T16:00:00.000Z; it came at 2025-06-02T16:00:00.001Z, 0 seconds late.',
        },
      ]);
    });

    it('is breached when still missing after the due time, with the due time as the instant', () => {
      const history = [inquiry()];
      const atDue = serviceCases(history, policy, at(8));
      expect(atDue.breaches).toEqual([]);
      expect(atDue.nextReviewAt).toEqual(ms(at(8), 1));

      const after = serviceCases(history, policy, ms(at(8), 1));
      expect(after.breaches).toHaveLength(1);
      expect(after.breaches[0]).toMatchObject({
        kind: 'first_response',
        dueAt: at(8),
        metAt: null,
      });
      expect(after.breaches[0]?.explanation).toContain('it had not come by then');
      expect(after.nextReviewAt).toEqual(ms(at(48), 1)); // the resolution clock is still pending

      // Evaluated much later, the breach is the same value: its instant is the due time.
      expect(serviceCases(history, policy, at(20)).breaches).toEqual(after.breaches);
    });

    it('keeps the breach key when the missing response later arrives late', () => {
      const missing = serviceCases([inquiry()], policy, at(20)).breaches[0];
      const lateResponse = event('resp', 'case.first_response', 12, {
        caseId: 'k1',
        responderType: 'agent',
      });
      const late = serviceCases([inquiry(), lateResponse], policy, at(20)).breaches[0];
      expect(missing && late).toBeTruthy();
      if (!missing || !late) return;
      expect(slaBreachKey('p', 'c', late)).toBe(slaBreachKey('p', 'c', missing));
      expect(late.metAt).toEqual(at(12));
      expect(late.explanation).toContain('4 hours late');
    });

    it('is given by the resolution when no response came before it', () => {
      const history = [inquiry(), event('res', 'case.resolved', 3, { caseId: 'k1' })];
      const [c] = serviceCases(history, policy, at(100)).cases;
      expect(c).toMatchObject({
        firstResponseAt: at(3),
        firstResponseBy: 'resolution',
        firstResponseBreached: false,
      });
      expect(c?.firstResponseSeconds).toBe(3 * 3600);
    });

    it('counts a response stamped before the opening as immediate', () => {
      const history = [
        inquiry('open', 1),
        event('resp', 'case.first_response', 0.5, { caseId: 'k1', responderType: 'bot' }),
      ];
      const { cases, breaches } = serviceCases(history, policy, at(100));
      expect(cases[0]?.firstResponseSeconds).toBe(0);
      expect(breaches.filter((b) => b.kind === 'first_response')).toEqual([]);
    });
  });

  describe('resolution', () => {
    it('is on time exactly at the due time and breached after it, resolved or not', () => {
      const respond = event('resp', 'case.first_response', 1, {
        caseId: 'k1',
        responderType: 'agent',
      });
      const onTime = serviceCases(
        [inquiry(), respond, event('res', 'case.resolved', 48, { caseId: 'k1' })],
        policy,
        at(100),
      );
      expect(onTime.breaches).toEqual([]);

      const late = serviceCases(
        [inquiry(), respond, event('res', 'case.resolved', 50, { caseId: 'k1' })],
        policy,
        at(100),
      );
      expect(late.breaches).toMatchObject([
        {
          kind: 'resolution',
          cycle: 0,
          dueAt: at(48),
          metAt: at(50),
          evidenceEventIds: ['open', 'res'],
        },
      ]);
      expect(late.cases[0]?.resolutionBreached).toBe(true);

      const open = serviceCases([inquiry(), respond], policy, at(49));
      expect(open.breaches).toMatchObject([
        { kind: 'resolution', dueAt: at(48), metAt: null, evidenceEventIds: ['open'] },
      ]);
      expect(open.cases[0]).toMatchObject({
        status: 'open',
        resolvedAt: null,
        fullResolutionSeconds: null,
      });
      expect(open.nextReviewAt).toBeNull();
    });

    it('restarts the clock at each reopening, one cycle per reopening', () => {
      const history = [
        inquiry(),
        event('res1', 'case.resolved', 5, { caseId: 'k1', contactCount: 1 }),
        event('re1', 'case.reopened', 20, { caseId: 'k1', reason: 'not fixed' }),
        event('res2', 'case.resolved', 80, { caseId: 'k1', contactCount: 3 }),
        event('re2', 'case.reopened', 90, { caseId: 'k1' }),
      ];
      const { cases, breaches, nextReviewAt } = serviceCases(history, policy, at(100));
      const [c] = cases;
      expect(c).toMatchObject({
        status: 'open',
        reopenCount: 2,
        firstResolvedAt: at(5),
        resolvedAt: null,
        resolutionDueAt: at(138),
        contactCount: 3,
        firstResolutionSeconds: 5 * 3600,
        fullResolutionSeconds: null,
        resolutionBreached: true,
        firstContactResolution: false,
      });
      expect(c?.cycles).toEqual([
        {
          cycle: 0,
          startedAt: at(0),
          dueAt: at(48),
          resolvedAt: at(5),
          resolutionSeconds: 5 * 3600,
          breached: false,
        },
        {
          cycle: 1,
          startedAt: at(20),
          dueAt: at(68),
          resolvedAt: at(80),
          resolutionSeconds: 60 * 3600,
          breached: true,
        },
        {
          cycle: 2,
          startedAt: at(90),
          dueAt: at(138),
          resolvedAt: null,
          resolutionSeconds: null,
          breached: false,
        },
      ]);
      expect(breaches).toMatchObject([
        {
          kind: 'resolution',
          cycle: 1,
          startedAt: at(20),
          dueAt: at(68),
          evidenceEventIds: ['re1', 'res2'],
        },
      ]);
      expect(breaches[0]?.explanation).toContain('after reopening 1');
      expect(breaches[0]?.explanation).toContain('48 hours after the reopening');
      expect(nextReviewAt).toEqual(ms(at(138), 1));

      const resolvedAgain = serviceCases(
        [...history, event('res3', 'case.resolved', 95, { caseId: 'k1' })],
        policy,
        at(100),
      );
      expect(resolvedAgain.cases[0]).toMatchObject({
        status: 'resolved',
        resolvedAt: at(95),
        fullResolutionSeconds: 95 * 3600,
      });
    });

    it('ignores a reopening of a case that is not resolved, and a second resolution in a cycle', () => {
      const history = [
        inquiry(),
        event('re0', 'case.reopened', 1, { caseId: 'k1' }),
        event('res1', 'case.resolved', 5, { caseId: 'k1' }),
        event('res1b', 'case.resolved', 7, { caseId: 'k1' }),
      ];
      const [c] = serviceCases(history, policy, at(100)).cases;
      expect(c).toMatchObject({ reopenCount: 0, status: 'resolved', resolvedAt: at(5) });
      expect(c?.evidenceEventIds).toEqual(['open', 're0', 'res1', 'res1b']);
    });
  });

  describe('first-contact resolution', () => {
    const resolved = (data: Record<string, unknown> = {}) =>
      event('res', 'case.resolved', 2, { caseId: 'k1', ...data });
    const fcr = (...extra: ReturnType<typeof event>[]) =>
      serviceCases([inquiry(), ...extra], policy, at(100)).cases[0]?.firstContactResolution;

    it('is true for one reported contact, false for more, unknown without a count or resolution', () => {
      expect(fcr(resolved({ contactCount: 1 }))).toBe(true);
      expect(fcr(resolved({ contactCount: 2 }))).toBe(false);
      expect(fcr(resolved())).toBeNull();
      expect(fcr()).toBeNull();
    });

    it('is false after an escalation or a reopening', () => {
      const escalated = event('esc', 'case.escalated', 1, { caseId: 'k1', toLevel: 2 });
      expect(fcr(escalated, resolved({ contactCount: 1 }))).toBe(false);
      const reopened = event('re', 'case.reopened', 3, { caseId: 'k1' });
      expect(fcr(resolved({ contactCount: 1 }), reopened)).toBe(false);
    });
  });

  it('counts escalations without changing the clocks', () => {
    const history = [
      inquiry(),
      event('e1', 'case.escalated', 1, { caseId: 'k1', toLevel: 2 }),
      event('e2', 'case.escalated', 2, { caseId: 'k1', toDepartment: 'billing' }),
    ];
    const [c] = serviceCases(history, policy, at(3)).cases;
    expect(c).toMatchObject({
      escalationCount: 2,
      firstResponseDueAt: at(8),
      resolutionDueAt: at(48),
    });
  });

  it('keeps a case without case.opened, with no clocks and no breaches', () => {
    const history = [
      event('resp', 'case.first_response', 1, { caseId: 'k9', responderType: 'agent' }),
      event('res', 'case.resolved', 500, { caseId: 'k9', contactCount: 1 }),
    ];
    const { cases, breaches, nextReviewAt } = serviceCases(history, policy, at(1000));
    expect(breaches).toEqual([]);
    expect(nextReviewAt).toBeNull();
    expect(cases[0]).toMatchObject({
      caseId: 'k9',
      kind: null,
      priority: null,
      channel: null,
      openedAt: null,
      firstResponseAt: at(1),
      firstResponseDueAt: null,
      resolutionDueAt: null,
      firstResponseSeconds: null,
      status: 'resolved',
      resolvedAt: at(500),
      firstContactResolution: true,
    });
    expect(cases[0]?.cycles).toEqual([
      {
        cycle: 0,
        startedAt: null,
        dueAt: null,
        resolvedAt: at(500),
        resolutionSeconds: null,
        breached: false,
      },
    ]);
  });

  it('has no clock for a target switched off, or a kind the policy does not know', () => {
    const off = mergeSlaPolicy({ targets: { inquiry: { normal: { firstResponseHours: null } } } });
    const r = serviceCases([inquiry()], off, at(100));
    expect(r.cases[0]).toMatchObject({
      firstResponseDueAt: null,
      resolutionDueAt: at(48),
      firstResponseBreached: false,
    });
    expect(r.breaches.map((b) => b.kind)).toEqual(['resolution']);
    const odd = event('o', 'case.opened', 0, { caseId: 'k2', kind: 'gossip' });
    expect(serviceCases([odd], policy, at(100))).toMatchObject({
      breaches: [],
      cases: [{ kind: null, resolutionDueAt: null }],
    });
  });

  it('counts a redelivered event once and keeps the first of two openings', () => {
    const open = inquiry();
    const escalation = event('esc', 'case.escalated', 1, { caseId: 'k1', toLevel: 2 });
    const resent = { ...escalation, position: escalation.position + 1000 };
    const reopening = inquiry('open-again', 5, { kind: 'complaint', priority: 'urgent' });
    const [c] = serviceCases(
      [open, escalation, resent, escalation, reopening],
      policy,
      at(6),
    ).cases;
    expect(c).toMatchObject({
      escalationCount: 1,
      kind: 'inquiry',
      openedAt: at(0),
      firstResponseDueAt: at(8),
    });
    expect(c?.evidenceEventIds).toEqual(['open', 'esc', 'open-again']);
  });

  it('leaves out events after asOf and reviews again when they are due', () => {
    const history = [
      inquiry(),
      event('resp', 'case.first_response', 30, { caseId: 'k1', responderType: 'agent' }),
    ];
    const r = serviceCases(history, policy, at(4));
    expect(r.cases[0]?.firstResponseAt).toBeNull();
    expect(r.nextReviewAt).toEqual(ms(at(8), 1));
    const r2 = serviceCases(history, policy, at(10));
    expect(r2.cases[0]?.firstResponseAt).toBeNull();
    expect(r2.nextReviewAt).toEqual(at(30));
    expect(serviceCases(history, policy, at(-1))).toEqual({
      cases: [],
      breaches: [],
      nextReviewAt: at(0),
    });
  });

  it('links complaints and survey answers naming the case, and nothing else', () => {
    const history = [
      inquiry(),
      event('cf1', 'complaint.filed', 1, { caseId: 'k1', category: 'staff', complaintId: 'C-7' }),
      event('cf2', 'complaint.filed', 2, { caseId: 'k1', category: 'delay' }),
      event('cf3', 'complaint.filed', 2, { category: 'price' }),
      event('cf4', 'complaint.filed', 2, { caseId: 'other', category: 'price' }),
      event(
        's1',
        'survey.answered',
        3,
        { kind: 'csat', score: 4, caseId: 'k1' },
        { channel: 'email' },
      ),
      event('s2', 'survey.answered', 4, { kind: 'nps', score: 11, caseId: 'k1' }),
      event('s3', 'survey.answered', 4, { kind: 'nps', score: 9 }),
    ];
    const { cases } = serviceCases(history, policy, at(100));
    expect(cases.map((c) => c.caseId)).toEqual(['k1']);
    expect(cases[0]?.complaintIds).toEqual(['C-7', 'cf2']);
    expect(cases[0]?.feedback).toEqual([
      { kind: 'csat', score: 4, at: at(3), caseId: 'k1', channel: 'email', eventId: 's1' },
    ]);
    expect(cases[0]?.evidenceEventIds).toEqual(['open', 'cf1', 'cf2', 's1', 's2']);
  });

  it('orders cases by first event and breaches by due time, and reviews at the earliest pending due time', () => {
    const history = [
      event('b', 'case.opened', 1, { caseId: 'B', kind: 'complaint', priority: 'urgent' }),
      event('a', 'case.opened', 0, { caseId: 'A', kind: 'inquiry', priority: 'low' }),
      event('c', 'case.opened', 2, { caseId: 'C', kind: 'fault_report', priority: 'high' }),
    ];
    const r = serviceCases(history, policy, at(5.5));
    expect(r.cases.map((c) => c.caseId)).toEqual(['A', 'B', 'C']);
    expect(r.breaches.map((b) => [b.caseId, b.kind, b.dueAt])).toEqual([
      ['B', 'first_response', at(2)],
    ]);
    // Pending: A 24 h / 72 h, B resolution 25 h, C 6 h / 26 h.
    expect(r.nextReviewAt).toEqual(ms(at(6), 1));
    const later = serviceCases(history, policy, at(30));
    expect(later.breaches.map((b) => `${b.caseId}:${b.kind}`)).toEqual([
      'B:first_response',
      'C:first_response',
      'A:first_response',
      'B:resolution',
      'C:resolution',
    ]);
    expect(later.nextReviewAt).toEqual(ms(at(72), 1));
    expect(HOUR).toBe(3_600_000);
  });
});

describe('slaBreachKey', () => {
  it('names project, customer, case, milestone and cycle unambiguously', () => {
    const key = slaBreachKey('p1', 'c-1', { caseId: 'k1', kind: 'resolution', cycle: 2 });
    expect(key).toBe('sla-breach:["p1","c-1","k1","resolution",2]');
    expect(slaBreachKey('p', 'a","b', { caseId: 'k', kind: 'resolution', cycle: 0 })).not.toBe(
      slaBreachKey('p', 'a', { caseId: 'b","k', kind: 'resolution', cycle: 0 }),
    );
  });
});
