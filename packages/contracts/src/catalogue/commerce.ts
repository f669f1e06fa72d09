import { z } from 'zod';
import { catalogueEntry } from './catalogueEntry.ts';
import {
  amountField,
  currencyField,
  idField,
  labelField,
  textField,
  touchpointData,
} from './catalogueFields.ts';

const orderItem = z.strictObject({
  productId: idField,
  quantity: z.int().positive('must be at least 1'),
  unitPrice: amountField.optional(),
  name: labelField.optional(),
});

/** Digest §1.3 B: OrderPlaced / PurchaseCompleted (orderId, items, amount, storeId), refunds. */
export const commerce = {
  'order.placed': catalogueEntry(
    'The customer placed an order; amount is the order total.',
    touchpointData({
      orderId: idField,
      amount: amountField,
      currency: currencyField,
      items: z.array(orderItem).max(500).optional(),
      storeId: idField.optional(),
      couponId: idField.optional(),
      campaignId: idField.optional(),
    }),
  ),
  'order.completed': catalogueEntry(
    'The order was fulfilled or the purchase completed (paid, delivered or handed over).',
    touchpointData({
      orderId: idField,
      amount: amountField,
      currency: currencyField,
      items: z.array(orderItem).max(500).optional(),
      storeId: idField.optional(),
    }),
  ),
  'order.refunded': catalogueEntry(
    'Money was paid back for an order, in full or in part; amount is what was refunded.',
    touchpointData({
      orderId: idField,
      amount: amountField,
      currency: currencyField,
      reason: labelField.optional(),
      caseId: idField.optional(),
      comment: textField.optional(),
    }),
  ),
} as const;
