import type { TouchpointInput } from '@touchline/contracts';

const DAY = 86_400_000;

/** A small, fixed set of believable journeys, so a first start has timelines to look at. Pure. */
export function demoJourneys(now: Date, customers = 12): TouchpointInput[] {
  const out: TouchpointInput[] = [];
  for (let c = 1; c <= customers; c++) {
    const userId = `demo-customer-${String(c).padStart(3, '0')}`;
    const anonymousId = `demo-visitor-${c}`;
    const start = now.getTime() - (40 - c) * DAY;
    const at = (days: number) => new Date(start + days * DAY).toISOString();
    out.push(
      {
        type: 'page.viewed',
        channel: 'web',
        anonymousId,
        occurredAt: at(0),
        data: { path: '/pricing' },
      },
      {
        type: 'customer.registered',
        channel: 'web',
        userId,
        anonymousId,
        occurredAt: at(0.1),
        data: { acquisitionChannel: 'web' },
      },
      {
        type: 'order.placed',
        channel: c % 3 === 0 ? 'store' : 'app',
        userId,
        occurredAt: at(1),
        data: { orderId: `o-${c}-1`, amount: 20 + c * 3.5, currency: 'EUR' },
      },
    );
    if (c % 2 === 0) {
      out.push(
        {
          type: 'case.opened',
          channel: 'phone',
          userId,
          occurredAt: at(3),
          data: { caseId: `case-${c}`, kind: 'fault_report' },
        },
        {
          type: 'field_visit.completed',
          channel: 'field_service',
          userId,
          occurredAt: at(5),
          data: {
            visitId: `visit-${c}`,
            visitType: 'repair',
            caseId: `case-${c}`,
            outcome: 'resolved',
          },
        },
        {
          type: 'survey.answered',
          channel: 'email',
          userId,
          occurredAt: at(6),
          data: { kind: 'csat', score: 2 + (c % 4), trigger: 'post_visit', caseId: `case-${c}` },
        },
      );
    }
    if (c % 4 !== 1) {
      out.push({
        type: 'order.placed',
        channel: 'web',
        userId,
        occurredAt: at(12 + c),
        data: { orderId: `o-${c}-2`, amount: 35 + c, currency: 'EUR' },
      });
    }
  }
  return out;
}
