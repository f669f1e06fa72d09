import type { Warehouse } from './warehouse.ts';

/** One reason of a worklist item: the signal, why it fired, and the facts that prove it. */
export interface WorklistReason {
  readonly signal: string;
  readonly explanation: string;
  readonly evidenceEventIds: readonly string[];
}

/** A customer with an open churn warning, as the worklist API shows it. */
export interface WorklistItem {
  readonly customerId: string;
  readonly score: number;
  readonly valueAtRisk: number;
  readonly stage: string | null;
  readonly segment: string;
  readonly raisedAt: string | null;
  readonly reasons: readonly WorklistReason[];
  readonly pAlive: number | null;
  readonly expectedPurchases: number | null;
  readonly expectedSpend: number | null;
  readonly modelVersion: number | null;
}

export interface WorklistQuery {
  readonly projectId: string;
  readonly stage?: string;
  /** A reason id (`silence`, `npsDetractor`, …, `lowPAlive`) the warning must have. */
  readonly reason?: string;
  readonly segment?: string;
  readonly minScore?: number;
  readonly limit: number;
  /** Continue after this item (the last of the previous page). */
  readonly after?: { readonly valueAtRisk: number; readonly customerId: string };
}

interface WorklistSqlRow {
  customer_key: string;
  score: number;
  value_at_risk: number;
  stage: string;
  segment: string;
  reasons: string[];
  explanations: string[];
  evidence: string[][];
  raised_at: string | null;
  p_alive: number | null;
  expected_purchases: number | null;
  expected_spend: number | null;
  model_version: number | null;
}

const iso = (value: string | null): string | null =>
  value === null || value === '' ? null : `${value.replace(' ', 'T')}Z`;

/**
 * A page of a project's open churn warnings, highest value at risk first (ties by customer id),
 * filtered by stage, reason, segment and minimum score. One query on `churn_worklist` FINAL.
 */
export async function readWorklist(
  warehouse: Warehouse,
  query: WorklistQuery,
): Promise<WorklistItem[]> {
  const where = ['project_id = {projectId:String}', 'open = 1'];
  if (query.stage !== undefined) where.push('stage = {stage:String}');
  if (query.reason !== undefined) where.push('has(reasons, {reason:String})');
  if (query.segment !== undefined) where.push('segment = {segment:String}');
  if (query.minScore !== undefined) where.push('score >= {minScore:Float64}');
  if (query.after !== undefined) {
    where.push(
      '(value_at_risk < {afterValue:Float64} OR ' +
        '(value_at_risk = {afterValue:Float64} AND customer_key > {afterKey:String}))',
    );
  }
  const rows = await warehouse.query<WorklistSqlRow>(
    `SELECT customer_key, score, value_at_risk, stage, segment, reasons, explanations, evidence,
            toString(raised_at) AS raised_at, p_alive, expected_purchases, expected_spend,
            model_version
     FROM ${warehouse.database}.churn_worklist FINAL
     WHERE ${where.join(' AND ')}
     ORDER BY value_at_risk DESC, customer_key
     LIMIT {limit:UInt32}`,
    {
      projectId: query.projectId,
      limit: query.limit,
      ...(query.stage === undefined ? {} : { stage: query.stage }),
      ...(query.reason === undefined ? {} : { reason: query.reason }),
      ...(query.segment === undefined ? {} : { segment: query.segment }),
      ...(query.minScore === undefined ? {} : { minScore: query.minScore }),
      ...(query.after === undefined
        ? {}
        : { afterValue: query.after.valueAtRisk, afterKey: query.after.customerId }),
    },
  );
  return rows.map(worklistItem);
}

/** The worklist entry of one customer (open or not); undefined when none was computed. */
export async function readCustomerWarning(
  warehouse: Warehouse,
  projectId: string,
  canonicalKey: string,
): Promise<(WorklistItem & { open: boolean }) | undefined> {
  const [row] = await warehouse.query<WorklistSqlRow & { open: number }>(
    `SELECT customer_key, open, score, value_at_risk, stage, segment, reasons, explanations,
            evidence, toString(raised_at) AS raised_at, p_alive, expected_purchases,
            expected_spend, model_version
     FROM ${warehouse.database}.churn_worklist FINAL
     WHERE project_id = {projectId:String} AND customer_key = {key:String}`,
    { projectId, key: canonicalKey },
  );
  return row ? { ...worklistItem(row), open: Number(row.open) === 1 } : undefined;
}

function worklistItem(row: WorklistSqlRow): WorklistItem {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    customerId: row.customer_key,
    score: Number(row.score),
    valueAtRisk: Number(row.value_at_risk),
    stage: row.stage || null,
    segment: row.segment,
    raisedAt: iso(row.raised_at),
    reasons: row.reasons.map((signal, i) => ({
      signal,
      explanation: row.explanations[i] ?? '',
      evidenceEventIds: row.evidence[i] ?? [],
    })),
    pAlive: num(row.p_alive),
    expectedPurchases: num(row.expected_purchases),
    expectedSpend: num(row.expected_spend),
    modelVersion: num(row.model_version),
  };
}
