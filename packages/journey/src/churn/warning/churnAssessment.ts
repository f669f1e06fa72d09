import type { ChurnModel } from '../churnModel.ts';
import type { ChurnSignalId, CustomerFact } from '../signals/churnSignal.ts';
import type { ChurnRuleConfig } from '../signals/churnRuleConfig.ts';
import { evaluateChurnRules } from '../signals/evaluateChurnRules.ts';
import { DAY_MS, factsUpTo, formatNumber } from '../signals/factTime.ts';
import { purchases } from '../signals/purchases.ts';
import { modelInputs, modelOutlook, type ModelInputs } from './modelOutlook.ts';

/** A reason id: a rule signal, or `lowPAlive` when the model thinks the customer more likely gone. */
export type ChurnReasonId = ChurnSignalId | 'lowPAlive';

/** One reason of a warning, as the worklist shows it. */
export interface ChurnReason {
  readonly signal: ChurnReasonId;
  /** Its contribution to the score, in [0, 1]. */
  readonly weight: number;
  readonly explanation: string;
  readonly evidenceEventIds: readonly string[];
}

/** The churn risk of one customer at one instant: rules and model combined. */
export interface ChurnAssessment {
  readonly at: Date;
  /** 1 − (1 − ruleScore) · (1 − modelWeight · (1 − pAlive)); ruleScore without a model. */
  readonly score: number;
  /** `evaluateChurnRules` score: 1 − Π(1 − weight) over the fired signals. */
  readonly ruleScore: number;
  /** Fired signals in rule order, then `lowPAlive` when P(alive) < 0.5. */
  readonly reasons: readonly ChurnReason[];
  /** Every reason's evidence, once each, in reason order. */
  readonly evidenceEventIds: readonly string[];
  /** Model outputs; null without a model or without a purchase. */
  readonly pAlive: number | null;
  /** Expected purchase days in the horizon (P(alive) · E[Y(h) | alive]). */
  readonly expectedPurchases: number | null;
  /** Expected value of one purchase day. */
  readonly expectedSpend: number | null;
  /**
   * score × the customer's value over the horizon if they stay: with a model
   * E[Y(h) | alive] × expected spend; without one, what they spent in the horizon before `at`.
   */
  readonly valueAtRisk: number;
  readonly modelVersion: number | null;
  /** The horizon of expected purchases and value at risk, in days. */
  readonly horizonDays: number;
  /** The model's purchase inputs at `at` (for the crossing search); undefined without purchases. */
  readonly inputs: ModelInputs | undefined;
}

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

const amountOf = (fact: CustomerFact): number => {
  const amount = fact.data['amount'];
  return typeof amount === 'number' && Number.isFinite(amount) ? amount : 0;
};

/**
 * The churn risk of a customer at `at`, from their facts up to then, the rules and (optionally)
 * the project's fitted model. Scores are rounded to 6 decimals, money to 2, so the same facts
 * give byte-identical fact data. Pure.
 */
export function churnAssessment(
  facts: readonly CustomerFact[],
  at: Date,
  rules: ChurnRuleConfig,
  model: ChurnModel | undefined,
): ChurnAssessment {
  const { warning } = rules;
  const evaluation = evaluateChurnRules(facts, at, rules);
  const bought = purchases(factsUpTo(facts, at), rules.purchaseTypes);
  const inputs = model ? modelInputs(bought, at.getTime(), model.timeUnitDays) : undefined;
  const outlook = model && inputs ? modelOutlook(model, inputs, warning.horizonDays) : undefined;

  const reasons: ChurnReason[] = evaluation.signals.map((s) => ({
    signal: s.signal,
    weight: s.weight,
    explanation: s.explanation,
    evidenceEventIds: s.evidenceEventIds,
  }));
  const modelRisk = outlook ? warning.modelWeight * (1 - outlook.pAlive) : 0;
  if (outlook && inputs && outlook.pAlive < 0.5) {
    const last = bought.at(-1)!;
    reasons.push({
      signal: 'lowPAlive',
      weight: round(modelRisk, 6),
      explanation:
        `P(alive) ${formatNumber(outlook.pAlive * 100)}% under churn model v${outlook.version}: ` +
        `${inputs.x} repeat purchase days, the last ${formatNumber(inputs.T - inputs.tx)} ` +
        `${model!.timeUnitDays === 7 ? 'weeks' : `× ${model!.timeUnitDays} days`} ago.`,
      evidenceEventIds: [last.id],
    });
  }
  const score = 1 - (1 - evaluation.score) * (1 - modelRisk);
  const valuePerCustomer = outlook
    ? outlook.purchasesIfAlive * outlook.spend
    : bought
        .filter((f) => at.getTime() - f.occurredAt.getTime() < warning.horizonDays * DAY_MS)
        .reduce((sum, f) => sum + amountOf(f), 0);
  return {
    at,
    score: round(score, 6),
    ruleScore: round(evaluation.score, 6),
    reasons,
    evidenceEventIds: [...new Set(reasons.flatMap((r) => r.evidenceEventIds))],
    pAlive: outlook ? round(outlook.pAlive, 6) : null,
    expectedPurchases: outlook ? round(outlook.pAlive * outlook.purchasesIfAlive, 6) : null,
    expectedSpend: outlook ? round(outlook.spend, 2) : null,
    valueAtRisk: round(score * valuePerCustomer, 2),
    modelVersion: outlook ? outlook.version : null,
    horizonDays: warning.horizonDays,
    inputs,
  };
}
