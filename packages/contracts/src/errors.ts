/**
 * Error codes a client can see. Stable: never rename one, add new ones instead.
 * Every HTTP error body is `{ error: { code, message, field?, issues? } }`.
 */
export const ERROR_CODES = {
  TL_INVALID_FIELD: {
    status: 400,
    description: 'A field is missing, of the wrong type or out of range; `field` names it.',
  },
  TL_INVALID_JSON: { status: 400, description: 'The body is not valid JSON.' },
  TL_UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'Send application/json.' },
  TL_PAYLOAD_TOO_LARGE: { status: 413, description: 'The body exceeds the size limit.' },
  TL_UNAUTHORIZED: {
    status: 401,
    description: 'No API key, or an unknown, expired or revoked one.',
  },
  TL_FORBIDDEN: {
    status: 403,
    description: 'The key may not do this: wrong kind (write/read/admin) or another project.',
  },
  TL_RATE_LIMITED: {
    status: 429,
    description: 'Too many requests for this key; retry after `Retry-After` seconds.',
  },
  TL_NOT_FOUND: { status: 404, description: 'No such route or resource.' },
  TL_CONFLICT: { status: 409, description: 'The resource already exists.' },
  TL_EVENT_ID_REUSED: {
    status: 409,
    description: 'The event id was already used for a different event.',
  },
  TL_WRONG_EXPECTED_VERSION: {
    status: 412,
    description: 'The stream is not at the expected version.',
  },
  TL_INSUFFICIENT_DATA: {
    status: 422,
    description: 'Too little data for the request, e.g. too few customers to fit a churn model.',
  },
  TL_UNAVAILABLE: { status: 503, description: 'A backing engine is unavailable; retry later.' },
  TL_INTERNAL: { status: 500, description: 'Unexpected error; it is logged with the request id.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly field?: string;
    readonly issues?: readonly FieldIssue[];
  };
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly issues: readonly FieldIssue[] | undefined;
  /** Seconds for a `Retry-After` header (429, 503). */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    details: { field?: string; issues?: readonly FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.field = details.field;
    this.issues = details.issues;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field !== undefined ? { field: this.field } : {}),
        ...(this.issues !== undefined ? { issues: this.issues } : {}),
      },
    };
  }
}
