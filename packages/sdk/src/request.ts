import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@touchline/contracts';
import { TouchlineError } from './touchlineError.ts';

/** How a client calls the API: where, with which key, and how it retries. */
export interface RequestOptions {
  readonly baseUrl: string;
  readonly key: string;
  /** Retries of a 429 or 503 answer (default 3); each waits `Retry-After` (capped). */
  readonly maxRetries?: number;
  /** Longest wait between retries, in ms (default 30 000). */
  readonly maxRetryDelayMs?: number;
  /** Another fetch (a test double of the network, a proxy agent); default the global one. */
  readonly fetch?: typeof fetch;
  /** Waits between retries; default a timer (replaceable for tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** One call: method, path (with query), JSON body and extra headers. */
export interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const RETRIED = new Set([429, 503]);
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);

/** Seconds of a `Retry-After` header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** The `TouchlineError` of an error answer: the body's code, field and issues when it has them. */
function errorOf(status: number, text: string, retryAfter: number | undefined): TouchlineError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (
          body as {
            error: { code?: unknown; message?: unknown; field?: unknown; issues?: unknown };
          }
        ).error
      : undefined;
  const fallback: ErrorCode =
    status === 401
      ? 'TL_UNAUTHORIZED'
      : status === 403
        ? 'TL_FORBIDDEN'
        : status === 429
          ? 'TL_RATE_LIMITED'
          : status === 503
            ? 'TL_UNAVAILABLE'
            : status === 404
              ? 'TL_NOT_FOUND'
              : status >= 500
                ? 'TL_INTERNAL'
                : 'TL_INVALID_FIELD';
  return new TouchlineError(
    status,
    error && isErrorCode(error.code) ? error.code : fallback,
    typeof error?.message === 'string' ? error.message : text.slice(0, 500) || `HTTP ${status}`,
    {
      ...(typeof error?.field === 'string' ? { field: error.field } : {}),
      ...(Array.isArray(error?.issues) ? { issues: error.issues as FieldIssue[] } : {}),
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    },
  );
}

/**
 * Sends one call with the key as a Bearer token and answers its JSON body (undefined for 204).
 * A 429 or 503 is retried up to `maxRetries` times after `Retry-After` seconds (1 s when absent,
 * at most `maxRetryDelayMs`); any other error answer, or the last retried one, throws a
 * `TouchlineError`. `acceptStatus` lets a caller take an error status as an answer (a batch's 400).
 */
export async function request<T>(
  options: RequestOptions,
  call: Call,
  acceptStatus: (status: number, body: unknown) => boolean = () => false,
): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? wait;
  const maxRetries = options.maxRetries ?? 3;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  const url = `${options.baseUrl.replace(/\/+$/, '')}${call.path}`;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${options.key}`,
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...call.headers,
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      });
    } catch (error) {
      throw new TouchlineError(
        0,
        'TL_NETWORK',
        `${call.method} ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    if (RETRIED.has(response.status) && attempt < maxRetries) {
      await sleep(Math.min(maxDelay, (retryAfter ?? 1) * 1000));
      continue;
    }
    if (text) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (parsed !== undefined && acceptStatus(response.status, parsed)) return parsed as T;
    }
    throw errorOf(response.status, text, retryAfter);
  }
}
