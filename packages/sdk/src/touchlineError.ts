import type { ErrorCode, FieldIssue } from '@touchline/contracts';

/**
 * An error answer of the Touchline API (`{ error: { code, field, message, issues } }`), or a
 * network failure (`status` 0, `code` `TL_NETWORK`).
 */
export class TouchlineError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'TL_NETWORK';
  readonly field: string | undefined;
  readonly issues: readonly FieldIssue[] | undefined;
  /** From the `Retry-After` header of a 429 or 503. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: ErrorCode | 'TL_NETWORK',
    message: string,
    details: { field?: string; issues?: readonly FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(details.field ? `${code} (${details.field}): ${message}` : `${code}: ${message}`);
    this.name = 'TouchlineError';
    this.status = status;
    this.code = code;
    this.field = details.field;
    this.issues = details.issues;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
