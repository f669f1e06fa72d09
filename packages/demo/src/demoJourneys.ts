import type { Channel, SegmentMessageInput, TouchpointInput } from '@touchline/contracts';
import { random, seedOf, stableUuid, type Random } from './random.ts';
import { MAX_SEASONALITY, seasonality } from './seasonality.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTH = 30.44 * DAY;

/** What kind of customer a generated journey follows. */
export type Archetype = 'prospect' | 'regular' | 'churner' | 'advocate';

export interface DemoOptions {
  /** How many customers (journeys). */
  readonly customers: number;
  /** Same seed, same options → the same journeys, event ids included. Default 1. */
  readonly seed?: number | string;
  /** The latest possible event time; default now. Nothing is generated after it. */
  readonly until?: Date;
  /** How far back journeys start, in months before `until`; default 18. */
  readonly months?: number;
  /** Share of buyers whose purchase rhythm decays, then stops; default 0.2. */
  readonly churnShare?: number;
  /** Share of loyal advocates (frequent buyers, referrals, NPS promoters); default 0.1. */
  readonly advocateShare?: number;
  /** Share of prospects who register but never buy; default 0.15. */
  readonly prospectShare?: number;
}

/**
 * One customer's generated journey: native touchpoints (ordered by `occurredAt`) and, for a
 * visitor who browsed anonymously before signing up, a Segment identify linking both ids (the
 * native API stores both ids on a touchpoint but only an identify links the anonymous visits).
 */
export interface DemoJourney {
  readonly customerId: string;
  readonly archetype: Archetype;
  readonly touchpoints: readonly (TouchpointInput & { occurredAt: string; id: string })[];
  readonly identify: SegmentMessageInput | undefined;
}

/** The demo's customer ids: `demo-customer-001`, …, `demo-customer-2000`. */
export const demoCustomerId = (index: number) => `demo-customer-${String(index).padStart(3, '0')}`;

/** Default SLA targets in hours (first response, resolution) at normal priority, per kind. */
const SLA_HOURS: Record<string, readonly [number, number]> = {
  inquiry: [8, 48],
  tariff_inquiry: [8, 48],
  complaint: [4, 72],
  fault_report: [8, 72],
  service_request: [8, 120],
  return: [24, 168],
};
const PRIORITY_FACTOR = { low: 2, normal: 1, high: 0.5, urgent: 0.2 } as const;

const ACQUISITION: readonly (readonly [Channel, number])[] = [
  ['web', 40],
  ['app', 22],
  ['store', 14],
  ['social', 8],
  ['mini_program', 6],
  ['email', 4],
  ['offline_event', 3],
  ['phone', 3],
];
const DIGITAL = new Set<Channel>(['web', 'app', 'social', 'mini_program', 'email']);
const PRODUCTS = [
  ['p-espresso', 'Espresso machine', 249],
  ['p-grinder', 'Coffee grinder', 89],
  ['p-beans', 'Coffee beans 1 kg', 18.5],
  ['p-filter', 'Water filter', 12.9],
  ['p-cups', 'Cup set', 24],
  ['p-descaler', 'Descaler', 9.9],
  ['p-milk', 'Milk frother', 59],
] as const;
const PAGES = ['/', '/products', '/products/espresso', '/offers', '/pricing', '/help', '/blog'];

/** Everything one customer's generation needs. */
interface Builder {
  readonly rng: Random;
  readonly until: number;
  readonly userId: string;
  readonly out: { at: number; touchpoint: TouchpointInput }[];
}

function emit(
  b: Builder,
  at: number,
  type: string,
  channel: Channel,
  data: Record<string, unknown>,
  ids: { anonymousId?: string; anonymous?: boolean } = {},
): void {
  if (at > b.until) return;
  b.out.push({
    at,
    touchpoint: {
      type,
      channel,
      ...(ids.anonymous ? {} : { userId: b.userId }),
      ...(ids.anonymousId ? { anonymousId: ids.anonymousId } : {}),
      data,
    },
  });
}

/** A time of day between 8:00 and 22:00 UTC on the day of `ms`. */
function daytime(rng: Random, ms: number): number {
  return Math.floor(ms / DAY) * DAY + 8 * HOUR + Math.floor(rng.next() * 14 * HOUR);
}

function browse(b: Builder, at: number, channel: Channel, anonymousId?: string): void {
  const ids = anonymousId ? { anonymousId, anonymous: true } : {};
  if (channel === 'app')
    emit(
      b,
      at,
      'screen.viewed',
      'app',
      {
        screen: b.rng.weighted([
          ['home', 2],
          ['catalogue', 2],
          ['offers', 1],
        ]),
      },
      ids,
    );
  else emit(b, at, 'page.viewed', 'web', { path: PAGES[b.rng.int(0, PAGES.length - 1)]! }, ids);
}

/** One service case: opened → first response → resolved, some late, escalated or reopened; CSAT. */
function serviceCase(
  b: Builder,
  at: number,
  n: number,
  badService: boolean,
  orderId?: string,
): number {
  const { rng } = b;
  const caseId = `${b.userId}-case-${n}`;
  const kind = orderId
    ? 'return'
    : rng.weighted<string>([
        ['inquiry', 35],
        ['fault_report', 20],
        ['complaint', 15],
        ['service_request', 12],
        ['tariff_inquiry', 10],
      ]);
  const priority = rng.weighted<keyof typeof PRIORITY_FACTOR>([
    ['normal', 60],
    ['low', 15],
    ['high', 20],
    ['urgent', 5],
  ]);
  const channel = rng.weighted<Channel>([
    ['phone', 40],
    ['chat', 30],
    ['email', 20],
    ['self_service', 10],
  ]);
  const [respondHours, resolveHours] = SLA_HOURS[kind]!.map(
    (h) => h * PRIORITY_FACTOR[priority],
  ) as [number, number];
  const late = rng.chance(badService ? 0.5 : 0.1);
  emit(b, at, 'case.opened', channel, { caseId, kind, priority, ...(orderId ? { orderId } : {}) });
  if (kind === 'complaint')
    emit(b, at + 10 * 60_000, 'complaint.filed', channel, {
      caseId,
      category: rng.weighted([
        ['delivery', 3],
        ['product_quality', 3],
        ['billing', 2],
        ['staff', 1],
      ]),
      severity: rng.weighted([
        ['low', 2],
        ['medium', 4],
        ['high', 2],
        ['critical', 1],
      ]),
    });
  const bot = channel === 'chat' && rng.chance(0.5);
  const firstResponse =
    at +
    (bot
      ? rng.int(5, 120) * 1000
      : respondHours * HOUR * (late ? 1.2 + rng.next() * 2 : 0.05 + rng.next() * 0.75));
  emit(b, firstResponse, 'case.first_response', channel, {
    caseId,
    responderType: bot ? 'bot' : 'agent',
    elapsedSeconds: Math.round((firstResponse - at) / 1000),
  });
  if (late && rng.chance(0.4))
    emit(b, firstResponse + HOUR, 'case.escalated', channel, {
      caseId,
      fromLevel: 1,
      toLevel: 2,
      reason: 'sla_risk',
    });
  let resolved =
    at + resolveHours * HOUR * (late ? 1.1 + rng.next() * 1.5 : 0.2 + rng.next() * 0.7);
  resolved = Math.max(resolved, firstResponse + 10 * 60_000);
  if (kind === 'fault_report' && rng.chance(0.4)) {
    const visitId = `${caseId}-visit`;
    const slot = daytime(rng, at + DAY * rng.int(1, 3));
    emit(b, at + HOUR, 'field_visit.scheduled', 'phone', {
      visitId,
      visitType: 'repair',
      slotStart: new Date(slot).toISOString(),
      caseId,
    });
    emit(b, slot + 90 * 60_000, 'field_visit.completed', 'field_service', {
      visitId,
      visitType: 'repair',
      caseId,
      outcome: late ? 'follow_up_required' : 'resolved',
      durationMinutes: rng.int(30, 150),
    });
    resolved = Math.max(resolved, slot + 2 * HOUR);
  }
  emit(b, resolved, 'case.resolved', channel, {
    caseId,
    resolvedBy: bot && !late ? 'bot' : 'agent',
    contactCount: late ? rng.int(2, 4) : 1,
  });
  let end = resolved;
  const reopened = rng.chance(late ? 0.25 : 0.06);
  if (reopened) {
    const again = resolved + DAY * (1 + rng.next() * 4);
    emit(b, again, 'case.reopened', channel, { caseId, reason: 'problem_persists' });
    end = again + DAY * (0.5 + rng.next() * 3);
    emit(b, end, 'case.resolved', channel, {
      caseId,
      resolvedBy: 'agent',
      contactCount: rng.int(2, 5),
    });
  }
  if (rng.chance(0.45)) {
    const score = Math.round(
      4.6 -
        (late ? 1.6 : 0) -
        (reopened ? 1.4 : 0) -
        (badService ? 0.5 : 0) +
        (rng.next() - 0.5) * 1.2,
    );
    emit(b, end + HOUR * rng.int(1, 30), 'survey.answered', 'email', {
      kind: 'csat',
      score: Math.min(5, Math.max(1, score)),
      trigger: 'post_case',
      caseId,
    });
  }
  return end;
}

function journey(
  index: number,
  options: Required<Omit<DemoOptions, 'customers'>> & { until: Date },
): DemoJourney {
  const until = options.until.getTime();
  const start = until - options.months * MONTH;
  const userId = demoCustomerId(index);
  const rng = random(seedOf(`${String(options.seed)}:${index}`));
  const archetype: Archetype =
    index === 2
      ? 'advocate'
      : rng.weighted<Archetype>([
          ['prospect', options.prospectShare],
          ['churner', options.churnShare],
          ['advocate', options.advocateShare],
          [
            'regular',
            Math.max(0, 1 - options.prospectShare - options.churnShare - options.advocateShare),
          ],
        ]);
  const b: Builder = { rng, until, userId, out: [] };
  // Churners need room to decay and fall silent, advocates to build tenure: earlier sign-ups.
  const latest = archetype === 'churner' || archetype === 'advocate' ? 0.5 : 0.95;
  const registered = daytime(rng, start + rng.next() * latest * (until - start));
  const acquisition = rng.weighted(ACQUISITION);
  const preferred = rng.weighted<Channel>([
    ['web', 45],
    ['app', 35],
    ['store', 20],
  ]);
  const anonymousId = DIGITAL.has(acquisition) ? `demo-visitor-${index}` : undefined;
  let identify: SegmentMessageInput | undefined;

  if (anonymousId) {
    const visits = rng.int(1, 4);
    for (let v = 0; v < visits; v++)
      browse(
        b,
        registered - DAY * rng.next() * 10 - v * HOUR,
        acquisition === 'app' ? 'app' : 'web',
        anonymousId,
      );
    identify = {
      type: 'identify',
      userId,
      anonymousId,
      timestamp: new Date(registered).toISOString(),
      messageId: stableUuid(
        `${String(options.seed)}:${options.until.toISOString()}:${userId}:identify`,
      ),
      traits: { acquisitionChannel: acquisition },
      context: { channel: acquisition === 'app' ? 'app' : 'web' },
    };
  }
  emit(
    b,
    registered,
    'customer.registered',
    acquisition,
    { acquisitionChannel: acquisition },
    anonymousId ? { anonymousId } : {},
  );
  const consented = rng.chance(0.7);
  if (consented)
    emit(b, registered + 60_000, 'consent.granted', acquisition, {
      purpose: 'marketing',
      noticeVersion: 'v3',
    });
  const member = rng.chance(archetype === 'advocate' ? 0.9 : 0.45);

  // Purchases: a Poisson process thinned by weekly and yearly seasonality; churners decay and stop.
  const meanGapDays =
    archetype === 'advocate'
      ? 18 + rng.next() * 25
      : archetype === 'churner'
        ? 25 + rng.next() * 40
        : 30 + rng.next() * 90;
  const firstOrder = registered + DAY * rng.next() * 14;
  const churnAt =
    archetype === 'churner'
      ? Math.min(firstOrder + DAY * (60 + rng.next() * 200), until - DAY * (150 + rng.next() * 250))
      : Infinity;
  let orders = 0;
  let cases = 0;
  let points = 0;
  let t = firstOrder;
  while (archetype !== 'prospect') {
    if (orders > 0) t += rng.exponential((meanGapDays * DAY) / MAX_SEASONALITY);
    if (t > until || t > churnAt + 75 * DAY) break;
    const decay = t > churnAt ? Math.exp(-(t - churnAt) / (25 * DAY)) : 1;
    if (orders > 0 && !rng.chance((seasonality(t) / MAX_SEASONALITY) * decay)) continue;
    const at = daytime(rng, t);
    orders++;
    const orderId = `${userId}-o${orders}`;
    const channel = rng.chance(0.8)
      ? preferred
      : rng.weighted<Channel>([
          ['web', 2],
          ['app', 2],
          ['store', 1],
        ]);
    if (channel !== 'store')
      for (let v = rng.int(1, 3); v > 0; v--) browse(b, at - v * 7 * 60_000, channel);
    const items = Array.from({ length: rng.int(1, 3) }, () => {
      const [productId, name, unitPrice] = PRODUCTS[rng.int(0, PRODUCTS.length - 1)]!;
      return { productId, name, unitPrice, quantity: rng.int(1, 2) };
    });
    const amount = Math.round(items.reduce((s, i) => s + i.unitPrice * i.quantity, 0) * 100) / 100;
    emit(b, at, 'order.placed', channel, {
      orderId,
      amount,
      currency: 'EUR',
      items,
      ...(channel === 'store' ? { storeId: `store-${rng.int(1, 12)}` } : {}),
    });
    if (rng.chance(0.85))
      emit(
        b,
        at + DAY * (channel === 'store' ? 0 : 1 + rng.next() * 3),
        'order.completed',
        channel,
        { orderId, amount, currency: 'EUR' },
      );
    if (member) {
      points += Math.max(1, Math.floor(amount));
      emit(b, at + 60_000, 'loyalty.points_earned', channel, {
        points: Math.max(1, Math.floor(amount)),
        basis: 'purchase',
        orderId,
        balance: points,
      });
    }
    if (rng.chance(0.04)) {
      const when = at + DAY * rng.int(3, 20);
      const caseEnd = rng.chance(0.5)
        ? serviceCase(b, when, ++cases, archetype === 'churner', orderId)
        : when;
      emit(b, caseEnd + HOUR, 'order.refunded', channel === 'store' ? 'store' : 'web', {
        orderId,
        amount,
        currency: 'EUR',
        reason: 'returned',
      });
    }
    if (rng.chance(0.08))
      emit(b, at + DAY * 5, 'survey.answered', 'email', {
        kind: 'csat',
        score: rng.weighted([
          [5, 5],
          [4, 4],
          [3, 1],
        ]),
        trigger: 'post_purchase',
        orderId,
      });
    if (member && points > 300 && rng.chance(0.2)) {
      emit(b, at - 60_000, 'loyalty.points_redeemed', channel, {
        points: 200,
        redemptionItem: 'voucher_10',
        orderId,
        balance: points - 200,
      });
      points -= 200;
    }
  }

  // Service cases through the customer's life; churners have a bad spell just before they stop.
  const activeEnd = Math.min(until, churnAt);
  const caseCount = Math.round(
    rng.exponential(((activeEnd - registered) / MONTH / 9) * (archetype === 'advocate' ? 0.7 : 1)),
  );
  for (let c = 0; c < caseCount; c++)
    serviceCase(
      b,
      daytime(rng, registered + rng.next() * (activeEnd - registered)),
      ++cases,
      false,
    );
  if (archetype === 'churner')
    for (let c = rng.int(1, 2); c > 0; c--)
      serviceCase(b, daytime(rng, churnAt - DAY * rng.int(5, 40)), ++cases, true);

  // NPS twice a year; promoters are advocates, detractors churners.
  for (let at = registered + 180 * DAY; at < until; at += 180 * DAY) {
    if (!rng.chance(archetype === 'advocate' ? 0.8 : 0.35)) continue;
    const score =
      archetype === 'advocate'
        ? rng.int(9, 10)
        : archetype === 'churner' && at > churnAt - 60 * DAY
          ? rng.int(0, 6)
          : rng.weighted([
              [9, 2],
              [8, 4],
              [7, 3],
              [6, 1],
              [10, 1],
              [4, 0.5],
            ]);
    emit(b, daytime(rng, at), 'survey.answered', 'email', {
      kind: 'nps',
      score,
      trigger: 'periodic',
    });
  }

  // Monthly campaigns to consenting customers: opens, clicks, accepted offers, a few opt-outs.
  if (consented) {
    let unsubscribed = false;
    for (
      let m = Math.ceil((registered - start) / MONTH);
      start + m * MONTH < until && !unsubscribed;
      m++
    ) {
      const sent = daytime(rng, start + m * MONTH + 4 * DAY);
      if (sent < registered) continue;
      const campaignId = `cmp-${new Date(sent).toISOString().slice(0, 7)}`;
      const lapsed = sent > churnAt;
      const ch = rng.weighted<Channel>([
        ['email', 6],
        ['push', 2],
        ['sms', 1],
      ]);
      if (!rng.chance(archetype === 'advocate' ? 0.5 : lapsed ? 0.08 : 0.28)) continue;
      const opened = sent + HOUR * rng.int(1, 48);
      emit(b, opened, 'campaign.message_opened', ch, {
        campaignId,
        messageId: `${campaignId}-${userId}`,
      });
      if (lapsed && rng.chance(0.3)) {
        emit(b, opened + 60_000, 'campaign.unsubscribed', ch, {
          campaignId,
          reason: 'not_interested',
        });
        unsubscribed = true;
      } else if (rng.chance(0.3)) {
        emit(b, opened + 60_000, 'campaign.message_clicked', ch, {
          campaignId,
          url: 'https://shop.example.com/offers',
        });
        if (rng.chance(0.3))
          emit(b, opened + 5 * 60_000, 'campaign.offer_accepted', 'web', {
            offerId: `${campaignId}-offer`,
            offerType: 'discount',
            campaignId,
          });
      }
    }
  }

  // Advocates recommend the shop; some referrals convert.
  if (archetype === 'advocate') {
    for (let r = rng.int(1, 4); r > 0; r--) {
      const at = daytime(rng, firstOrder + rng.next() * (until - firstOrder));
      const referralId = `${userId}-ref-${r}`;
      emit(
        b,
        at,
        'referral.submitted',
        rng.weighted<Channel>([
          ['app', 2],
          ['web', 2],
          ['social', 1],
        ]),
        { referralId },
      );
      if (rng.chance(0.6)) {
        const converted = at + DAY * rng.int(3, 30);
        emit(b, converted, 'referral.converted', 'web', {
          referralId,
          referrerId: userId,
          refereeId: `${userId}-friend-${r}`,
          reward: 'voucher_10',
        });
        if (member)
          emit(b, converted + 60_000, 'loyalty.points_earned', 'web', {
            points: 100,
            basis: 'referral',
          });
      }
    }
  }
  if (archetype === 'prospect')
    for (let v = rng.int(0, 6); v > 0; v--)
      browse(
        b,
        daytime(rng, registered + rng.next() * (until - registered)),
        preferred === 'store' ? 'web' : preferred,
      );

  const sorted = b.out.map((e, k) => ({ ...e, k })).sort((x, y) => x.at - y.at || x.k - y.k);
  return {
    customerId: userId,
    archetype,
    identify,
    touchpoints: sorted.map(({ at, k, touchpoint }) => ({
      ...touchpoint,
      id: stableUuid(`${String(options.seed)}:${options.until.toISOString()}:${userId}:${k}`),
      occurredAt: new Date(at).toISOString(),
    })),
  };
}

/**
 * Realistic demo journeys, one customer at a time: anonymous browsing then sign-up (acquisition
 * channel mix), orders with weekly and yearly seasonality at a per-customer rhythm, completions,
 * loyalty points, refunds, service cases against the default SLA targets (some late, escalated or
 * reopened; complaints; field visits), CSAT after cases and NPS twice a year (correlated with
 * service quality), monthly campaign responses, churners whose buying decays then stops, and
 * advocates who refer friends. Pure and deterministic for a seed and `until`: ids are hashed from
 * them, so re-loading the same demo is recognised as duplicates.
 */
export function* demoJourneys(options: DemoOptions): Generator<DemoJourney> {
  const resolved = {
    seed: options.seed ?? 1,
    until: options.until ?? new Date(),
    months: options.months ?? 18,
    churnShare: options.churnShare ?? 0.2,
    advocateShare: options.advocateShare ?? 0.1,
    prospectShare: options.prospectShare ?? 0.15,
  };
  if (resolved.churnShare + resolved.advocateShare + resolved.prospectShare > 1)
    throw new RangeError('churnShare + advocateShare + prospectShare must be at most 1');
  for (let i = 1; i <= options.customers; i++) yield journey(i, resolved);
}
