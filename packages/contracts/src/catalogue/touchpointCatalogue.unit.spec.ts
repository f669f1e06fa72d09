import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { touchpointInputSchema } from '../touchpoint.ts';
import { parseOrThrow } from '../validation.ts';
import {
  CATALOGUE_TYPES,
  catalogueJsonSchemas,
  isCatalogueType,
  TOUCHPOINT_CATALOGUE,
  type CatalogueType,
} from './touchpointCatalogue.ts';

type Data = Record<string, unknown>;

/** Per type: a valid `data`, and invalid ones with the field their error must name. */
const examples: Record<CatalogueType, { valid: Data; invalid: [Data, string][] }> = {
  'page.viewed': {
    valid: { path: '/pricing', url: 'https://shop.example/pricing', title: 'Pricing' },
    invalid: [
      [{}, 'data.path'],
      [{ path: 'pricing' }, 'data.path'],
      [{ path: '/', referrer: 'not a url' }, 'data.referrer'],
    ],
  },
  'screen.viewed': {
    valid: { screen: 'checkout', previousScreen: 'cart' },
    invalid: [[{ screen: '' }, 'data.screen']],
  },
  'customer.registered': {
    valid: { acquisitionChannel: 'web', campaignId: 'spring-26' },
    invalid: [
      [{ acquisitionChannel: 'fax' }, 'data.acquisitionChannel'],
      [{ plan: 'basic' }, 'data.plan'],
    ],
  },
  'profile.updated': {
    valid: { changedFields: ['email', 'address'], source: 'customer' },
    invalid: [
      [{ changedFields: [] }, 'data.changedFields'],
      [{ changedFields: ['email', 42] }, 'data.changedFields[1]'],
    ],
  },
  'order.placed': {
    valid: {
      orderId: 'o-1',
      amount: 99.9,
      currency: 'EUR',
      items: [{ productId: 'p-7', quantity: 2, unitPrice: 49.95 }],
      storeId: 'store-12',
    },
    invalid: [
      [{ amount: 1, currency: 'EUR' }, 'data.orderId'],
      [{ orderId: 'o-1', amount: -1, currency: 'EUR' }, 'data.amount'],
      [{ orderId: 'o-1', amount: 1, currency: 'euro' }, 'data.currency'],
      [{ orderId: 'x'.repeat(201), amount: 1, currency: 'EUR' }, 'data.orderId'],
      [
        { orderId: 'o-1', amount: 1, currency: 'EUR', items: [{ productId: 'p', quantity: 0 }] },
        'data.items[0].quantity',
      ],
    ],
  },
  'order.completed': {
    valid: { orderId: 'o-1', amount: 99.9, currency: 'EUR' },
    invalid: [[{ orderId: 'o-1', amount: '99.9', currency: 'EUR' }, 'data.amount']],
  },
  'order.refunded': {
    valid: { orderId: 'o-1', amount: 20, currency: 'CNY', reason: 'damaged' },
    invalid: [[{ orderId: 'o-1', amount: 20 }, 'data.currency']],
  },
  'case.opened': {
    valid: { caseId: 'k-1', kind: 'fault_report', priority: 'high', description: 'No signal' },
    invalid: [
      [{ caseId: 'k-1', kind: 'rant' }, 'data.kind'],
      [{ kind: 'inquiry' }, 'data.caseId'],
    ],
  },
  'case.first_response': {
    valid: { caseId: 'k-1', responderType: 'bot', elapsedSeconds: 12 },
    invalid: [
      [{ caseId: 'k-1', responderType: 'agent', elapsedSeconds: -1 }, 'data.elapsedSeconds'],
    ],
  },
  'case.escalated': {
    valid: { caseId: 'k-1', fromLevel: 1, toLevel: 2, reason: 'unresolved' },
    invalid: [[{ caseId: 'k-1', reason: 'angry' }, 'data.toLevel']],
  },
  'case.resolved': {
    valid: {
      caseId: 'k-1',
      resolutionCode: 'replaced_router',
      resolvedBy: 'agent',
      contactCount: 2,
    },
    invalid: [[{ caseId: 'k-1', resolvedBy: 'wizard' }, 'data.resolvedBy']],
  },
  'case.reopened': {
    valid: { caseId: 'k-1', reason: 'fault came back' },
    invalid: [[{ reason: 'fault came back' }, 'data.caseId']],
  },
  'complaint.filed': {
    valid: { category: 'billing', severity: 'high', caseId: 'k-1' },
    invalid: [
      [{ severity: 'high' }, 'data.category'],
      [{ category: 'billing', severity: 'apocalyptic' }, 'data.severity'],
    ],
  },
  'survey.answered': {
    valid: { kind: 'nps', score: 0, trigger: 'post_case', caseId: 'k-1' },
    invalid: [
      [{ kind: 'csat', score: 0 }, 'data.score'],
      [{ kind: 'csat', score: 6 }, 'data.score'],
      [{ kind: 'nps', score: 11 }, 'data.score'],
      [{ kind: 'nps', score: 7.5 }, 'data.score'],
      [{ kind: 'ces', score: 3 }, 'data.kind'],
    ],
  },
  'feedback.submitted': {
    valid: { topic: 'opening hours', text: 'Please open on Sundays' },
    invalid: [[{ text: 'hello' }, 'data.topic']],
  },
  'field_visit.scheduled': {
    valid: {
      visitId: 'v-1',
      visitType: 'installation',
      slotStart: '2026-03-02T09:00:00+01:00',
      slotEnd: '2026-03-02T11:00:00+01:00',
      engineerId: 'eng-4',
    },
    invalid: [
      [
        { visitId: 'v-1', visitType: 'demolition', slotStart: '2026-03-02T09:00:00Z' },
        'data.visitType',
      ],
      [{ visitId: 'v-1', visitType: 'repair', slotStart: 'tomorrow' }, 'data.slotStart'],
    ],
  },
  'field_visit.completed': {
    valid: {
      visitId: 'v-1',
      outcome: 'resolved',
      durationMinutes: 45,
      issuesFound: ['loose cable'],
    },
    invalid: [[{ visitId: 'v-1', outcome: 'fixed' }, 'data.outcome']],
  },
  'consent.granted': {
    valid: { purpose: 'marketing', scope: 'email', noticeVersion: '2026-01' },
    invalid: [[{ scope: 'email' }, 'data.purpose']],
  },
  'consent.withdrawn': {
    valid: { purpose: 'marketing' },
    invalid: [[{ purpose: '' }, 'data.purpose']],
  },
  'loyalty.points_earned': {
    valid: { points: 120, basis: 'purchase', orderId: 'o-1', balance: 860 },
    invalid: [
      [{ points: 0 }, 'data.points'],
      [{ points: 1.5 }, 'data.points'],
    ],
  },
  'loyalty.points_redeemed': {
    valid: { points: 500, redemptionItem: 'coffee voucher' },
    invalid: [[{ points: 10, balance: -5 }, 'data.balance']],
  },
  'referral.submitted': {
    valid: { referralId: 'r-1', refereeId: 'friend-9' },
    invalid: [[{ refereeId: 'friend-9' }, 'data.referralId']],
  },
  'referral.converted': {
    valid: { referralId: 'r-1', referrerId: 'c-42', reward: '10 EUR voucher' },
    invalid: [[{ referralId: 'r-1', reward: '' }, 'data.reward']],
  },
  'campaign.message_opened': {
    valid: { campaignId: 'winback-3', messageId: 'm-1' },
    invalid: [[{ messageId: 'm-1' }, 'data.campaignId']],
  },
  'campaign.message_clicked': {
    valid: { campaignId: 'winback-3', url: 'https://shop.example/offer' },
    invalid: [[{ campaignId: 'winback-3', url: 'offer' }, 'data.url']],
  },
  'campaign.offer_accepted': {
    valid: { offerId: 'off-1', offerType: 'discount', campaignId: 'winback-3' },
    invalid: [[{ offerId: 'off-1', offerType: 'free lunch' }, 'data.offerType']],
  },
  'campaign.unsubscribed': {
    valid: { campaignId: 'winback-3', reason: 'too_many' },
    invalid: [[{}, 'data.campaignId']],
  },
};

const touchpoint = (type: string, data: Data) => ({ type, channel: 'web', userId: 'c-42', data });

const fieldOf = (value: unknown): string | undefined => {
  try {
    parseOrThrow(touchpointInputSchema, value);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('TL_INVALID_FIELD');
    return (error as ApiError).field;
  }
};

describe('touchpoint catalogue', () => {
  it('has an example for every type, and nothing else', () => {
    expect(Object.keys(examples).sort()).toEqual([...CATALOGUE_TYPES].sort());
  });

  it('names its types in lower-case dotted form', () => {
    for (const type of CATALOGUE_TYPES) expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(isCatalogueType('order.placed')).toBe(true);
    expect(isCatalogueType('custom.webinar_attended')).toBe(false);
    expect(isCatalogueType('toString')).toBe(false);
  });

  it.each(CATALOGUE_TYPES)('%s: the valid example parses, and keeps its data', (type) => {
    const { valid } = examples[type];
    expect(TOUCHPOINT_CATALOGUE[type].data.parse(valid)).toEqual(valid);
    expect(touchpointInputSchema.parse(touchpoint(type, valid)).data).toEqual(valid);
    expect(fieldOf(touchpoint(type, { ...valid, attributes: { source: 'pos' } }))).toBeUndefined();
  });

  const invalid = CATALOGUE_TYPES.flatMap((type) =>
    examples[type].invalid.map(([data, field]) => [type, data, field] as const),
  );
  it.each(invalid)('%s: %j is refused naming %s', (type, data, field) => {
    expect(fieldOf(touchpoint(type, data))).toBe(field);
  });

  it.each(CATALOGUE_TYPES)('%s: an unknown data key is refused by name', (type) => {
    expect(fieldOf(touchpoint(type, { ...examples[type].valid, surprise: 1 }))).toBe(
      'data.surprise',
    );
  });

  it('produces a JSON Schema of the data object for every type', () => {
    const schemas = catalogueJsonSchemas();
    expect(schemas.map((s) => s.type)).toEqual([...CATALOGUE_TYPES]);
    for (const { type, description, version, schema } of schemas) {
      expect(version).toBe(1);
      expect(description).toBe(TOUCHPOINT_CATALOGUE[type].description);
      expect(schema).toMatchObject({
        type: 'object',
        title: type,
        description,
        additionalProperties: false,
      });
      expect(Object.keys(schema.properties as object)).toContain('attributes');
    }
  });

  it('lists the required fields in the JSON Schema', () => {
    const byType = new Map(catalogueJsonSchemas().map((s) => [s.type, s.schema]));
    expect(byType.get('order.placed')?.required).toEqual(['orderId', 'amount', 'currency']);
    expect(byType.get('survey.answered')?.required).toEqual(['kind', 'score']);
  });
});
