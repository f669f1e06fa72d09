import { CASE_KINDS, CASE_PRIORITIES } from '@touchline/contracts';

/** A case kind of the catalogue's `case.opened` (`inquiry`, `complaint`, …). */
export type CaseKind = (typeof CASE_KINDS)[number];

/** A case priority of the catalogue's `case.opened` (`low`, `normal`, `high`, `urgent`). */
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/**
 * The two SLA targets of one case kind and priority, in **calendar** hours (business-hours
 * calendars and holidays are not modelled yet). `null` switches a target off: no clock, no breach.
 */
export interface SlaTargets {
  /** From `case.opened` to the first response (a `case.first_response`, or the resolution). */
  readonly firstResponseHours: number | null;
  /** From `case.opened`, or from each `case.reopened`, to the `case.resolved` that ends it. */
  readonly resolutionHours: number | null;
}

/**
 * A project's service SLA policy: targets for every case kind × priority, and the priority
 * assumed when a `case.opened` gives none. `DEFAULT_SLA_POLICY` documents the defaults;
 * `mergeSlaPolicy` overlays a project's overrides on them.
 */
export interface SlaPolicy {
  readonly defaultPriority: CasePriority;
  readonly targets: Readonly<Record<CaseKind, Readonly<Record<CasePriority, SlaTargets>>>>;
}

/** [first response, resolution] hours per priority, lowest priority first. */
type Row = readonly [
  low: readonly [number, number],
  normal: readonly [number, number],
  high: readonly [number, number],
  urgent: readonly [number, number],
];

const byPriority = (row: Row): Record<CasePriority, SlaTargets> => {
  const [low, normal, high, urgent] = row.map(([firstResponseHours, resolutionHours]) => ({
    firstResponseHours,
    resolutionHours,
  })) as [SlaTargets, SlaTargets, SlaTargets, SlaTargets];
  return { low, normal, high, urgent };
};

/**
 * Defaults (the domain sources give no numbers; these are common service-desk figures, chosen so
 * a complaint of normal priority has the churn rules' 72-hour resolution SLA):
 *
 * | kind | low | normal | high | urgent |
 * |---|---|---|---|---|
 * | inquiry, tariff_inquiry | 24 h / 72 h | 8 h / 48 h | 4 h / 24 h | 1 h / 8 h |
 * | complaint | 8 h / 120 h | 4 h / 72 h | 2 h / 48 h | 1 h / 24 h |
 * | fault_report | 24 h / 120 h | 8 h / 72 h | 4 h / 24 h | 1 h / 8 h |
 * | service_request | 24 h / 168 h | 8 h / 120 h | 4 h / 72 h | 2 h / 24 h |
 * | return | 24 h / 240 h | 24 h / 168 h | 8 h / 72 h | 4 h / 48 h |
 *
 * (first response / resolution). A case opened without a priority is `normal`.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  defaultPriority: 'normal',
  targets: {
    inquiry: byPriority([
      [24, 72],
      [8, 48],
      [4, 24],
      [1, 8],
    ]),
    tariff_inquiry: byPriority([
      [24, 72],
      [8, 48],
      [4, 24],
      [1, 8],
    ]),
    complaint: byPriority([
      [8, 120],
      [4, 72],
      [2, 48],
      [1, 24],
    ]),
    fault_report: byPriority([
      [24, 120],
      [8, 72],
      [4, 24],
      [1, 8],
    ]),
    service_request: byPriority([
      [24, 168],
      [8, 120],
      [4, 72],
      [2, 24],
    ]),
    return: byPriority([
      [24, 240],
      [24, 168],
      [8, 72],
      [4, 48],
    ]),
  },
};

export const isCaseKind = (value: unknown): value is CaseKind =>
  (CASE_KINDS as readonly unknown[]).includes(value);

export const isCasePriority = (value: unknown): value is CasePriority =>
  (CASE_PRIORITIES as readonly unknown[]).includes(value);
