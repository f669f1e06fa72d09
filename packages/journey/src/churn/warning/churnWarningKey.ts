/**
 * The stable key of a raise or clear of one customer's churn warning: project, customer, what and
 * the instant it happened (ISO, ms), JSON-encoded and versioned like the lifecycle keys. It never
 * names the evaluation time, so re-deriving the warning from the same facts gives the same key.
 */
export function churnWarningKey(
  projectId: string,
  customerKey: string,
  what: 'raised' | 'cleared',
  at: Date,
): string {
  return JSON.stringify(['churn-warning/v1', projectId, customerKey, what, at.toISOString()]);
}
