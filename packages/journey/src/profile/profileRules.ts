import { DERIVED_FACT_TYPES } from '../lifecycle/lifecycleFacts.ts';

/** Four ascending breakpoints that cut a value into scores 1–5. */
export type RfmBreakpoints = readonly [number, number, number, number];

/**
 * What a customer profile counts and how it scores RFM. RFM scores here come from fixed,
 * per-project breakpoints so one customer's profile can be folded alone; quantile (quintile)
 * scoring against the whole customer base is a population query for the warehouse, not a fold.
 */
export interface ProfileRules {
  /** Fact types that are a purchase; facts with the same `data.orderId` are one order (first wins). */
  purchaseTypes: readonly string[];
  /** Fact types that pay money back (`data.orderId`, `amount`, `currency`). */
  refundTypes: readonly string[];
  /** Fact types that are not the customer's touchpoints (derived facts): not counted at all. */
  ignoredTypes: readonly string[];
  rfm: {
    /** Days since the last kept order: ≤ 1st → 5, ≤ 2nd → 4, ≤ 3rd → 3, ≤ 4th → 2, more → 1. */
    recencyDays: RfmBreakpoints;
    /** Kept orders: score 1 + how many breakpoints are ≤ the count. */
    frequencyOrders: RfmBreakpoints;
    /** Net revenue in the RFM currency: score 1 + how many breakpoints are ≤ it. */
    monetary: RfmBreakpoints;
    /**
     * Currency of the monetary value (ISO 4217). Null: the customer's main currency, the one with
     * the most orders, then the most net revenue, then the first code alphabetically.
     */
    currency: string | null;
  };
}

export const DEFAULT_PROFILE_RULES: ProfileRules = {
  purchaseTypes: ['order.placed', 'order.completed'],
  refundTypes: ['order.refunded'],
  ignoredTypes: DERIVED_FACT_TYPES,
  rfm: {
    recencyDays: [30, 90, 180, 365],
    frequencyOrders: [2, 3, 5, 10],
    monetary: [100, 250, 500, 1000],
    currency: null,
  },
};

/** A partial profile rule set: any list, any field of `rfm`. */
export type ProfileRulesPatch = {
  purchaseTypes?: readonly string[];
  refundTypes?: readonly string[];
  ignoredTypes?: readonly string[];
  rfm?: Partial<ProfileRules['rfm']>;
};

/**
 * Overlays `partial` on `base` (default `DEFAULT_PROFILE_RULES`). Throws a RangeError / TypeError
 * naming the field when breakpoints are not four finite, non-negative, strictly ascending numbers,
 * the currency is not a three-letter code, or a type list is not made of non-empty strings.
 */
export function mergeProfileRules(
  partial: ProfileRulesPatch = {},
  base: ProfileRules = DEFAULT_PROFILE_RULES,
): ProfileRules {
  const rfm: unknown = partial.rfm;
  if (rfm !== undefined && (typeof rfm !== 'object' || rfm === null || Array.isArray(rfm))) {
    throw new TypeError('profile rule rfm must be an object of settings');
  }
  for (const key of Object.keys(rfm ?? {})) {
    if (!(key in DEFAULT_PROFILE_RULES.rfm))
      throw new TypeError(`profile rule rfm.${key} is not a setting`);
  }
  const merged: ProfileRules = {
    purchaseTypes: partial.purchaseTypes ?? base.purchaseTypes,
    refundTypes: partial.refundTypes ?? base.refundTypes,
    ignoredTypes: partial.ignoredTypes ?? base.ignoredTypes,
    rfm: { ...base.rfm, ...partial.rfm },
  };
  for (const list of ['purchaseTypes', 'refundTypes', 'ignoredTypes'] as const) {
    const value: unknown = merged[list];
    if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t === '')) {
      throw new TypeError(`profile rule ${list} must be a list of non-empty type names`);
    }
  }
  for (const key of ['recencyDays', 'frequencyOrders', 'monetary'] as const) {
    const value: readonly unknown[] = merged.rfm[key];
    const ok =
      Array.isArray(value) &&
      value.length === 4 &&
      value.every(
        (v, i) =>
          typeof v === 'number' &&
          Number.isFinite(v) &&
          v >= 0 &&
          (i === 0 || v > (value[i - 1] as number)),
      );
    if (!ok) {
      throw new RangeError(
        `profile rule rfm.${key} must be four non-negative, strictly ascending numbers: ` +
          JSON.stringify(value),
      );
    }
  }
  const { currency } = merged.rfm;
  if (currency !== null && !(typeof currency === 'string' && /^[A-Z]{3}$/.test(currency))) {
    throw new RangeError(
      `profile rule rfm.currency must be an ISO 4217 code or null: ${String(currency)}`,
    );
  }
  return merged;
}
