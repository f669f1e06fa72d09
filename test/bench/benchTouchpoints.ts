import { randomUUID } from 'node:crypto';
import { touchpointInputSchema } from '@touchline/contracts';
import { touchpointEvent, type TouchpointEvent } from '@touchline/journey';

const PROJECT = 'bench';
const SKUS = 800;

const context = (i: number) => ({
  userAgent:
    i % 3 === 0
      ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148'
      : 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36',
  locale: i % 2 === 0 ? 'en-GB' : 'de-DE',
  ip: `203.0.113.${i % 250}`,
  campaign: { source: 'newsletter', medium: 'email', name: `spring-${i % 12}` },
});

/** A realistic mix of touchpoint kinds (about 0.5-1 kB stored each), chosen by `i`. */
function input(i: number, customer: number) {
  const base = { channel: 'web', userId: `customer-${customer}`, context: context(i) };
  const sku = `sku-${(i * 7) % SKUS}`;
  switch (i % 10) {
    case 7:
      return {
        ...base,
        type: 'order.placed',
        data: {
          orderId: `order-${i}`,
          amount: 20 + (i % 300),
          currency: 'EUR',
          items: [
            { productId: sku, quantity: 1 + (i % 3), unitPrice: 19.99, name: 'Trail shoe' },
            { productId: `sku-${(i * 13) % SKUS}`, quantity: 1, unitPrice: 4.5, name: 'Socks' },
          ],
          storeId: `store-${i % 40}`,
        },
      };
    case 8:
      return {
        ...base,
        channel: 'email',
        type: 'campaign.message_opened',
        data: { campaignId: `spring-${i % 12}`, messageId: `msg-${i}`, templateId: 'tpl-7' },
      };
    default:
      return {
        ...base,
        type: 'page.viewed',
        data: {
          path: `/products/${sku}`,
          url: `https://shop.example.com/products/${sku}?ref=home`,
          title: `Product ${sku} | Example Shop`,
          referrer: 'https://www.example.com/search?q=trail+shoes',
        },
      };
  }
}

/**
 * Touchpoint `i` of a bench run spread over `customers` customers, validated with the ingest
 * schema and turned into the stored event exactly as ingest does.
 */
export function benchTouchpoint(
  i: number,
  customers: number,
  receivedAt = new Date(),
): TouchpointEvent {
  return touchpointEvent({
    touchpoint: touchpointInputSchema.parse(input(i, i % customers)),
    projectId: PROJECT,
    eventId: randomUUID(),
    receivedAt,
    source: 'bench',
  });
}

export const BENCH_PROJECT = PROJECT;
