import { ApiError, type ErrorBody } from '@touchline/contracts';
import { ConcurrencyError, DuplicateEventConflictError } from '@touchline/event-store';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
}

/**
 * Maps any error to the one error body shape `{ error: { code, message, field? } }` with a stable
 * code. Unknown errors become 500 TL_INTERNAL without internals in the message.
 */
export function toHttpError(error: unknown): {
  status: number;
  body: ErrorBody;
  retryAfterSeconds?: number;
} {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: error.toBody(),
      ...(error.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: error.retryAfterSeconds }
        : {}),
    };
  }
  if (error instanceof ConcurrencyError) {
    return { status: 412, body: new ApiError('TL_WRONG_EXPECTED_VERSION', error.message).toBody() };
  }
  if (error instanceof DuplicateEventConflictError) {
    return {
      status: 409,
      body: new ApiError('TL_EVENT_ID_REUSED', error.message, { field: 'id' }).toBody(),
    };
  }
  const e = error as FastifyLikeError;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: new ApiError(
          'TL_UNSUPPORTED_MEDIA_TYPE',
          'Content-Type must be application/json',
        ).toBody(),
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: new ApiError('TL_PAYLOAD_TOO_LARGE', e.message).toBody() };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: new ApiError('TL_INVALID_JSON', 'The body is empty', { field: '(body)' }).toBody(),
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        body: new ApiError('TL_INVALID_JSON', e.message, { field: '(body)' }).toBody(),
      };
  }
  if (error instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message))) {
    return {
      status: 400,
      body: new ApiError('TL_INVALID_JSON', 'The body is not valid JSON', {
        field: '(body)',
      }).toBody(),
    };
  }
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: new ApiError('TL_INVALID_FIELD', e.message).toBody() };
  }
  return {
    status: 500,
    body: new ApiError(
      'TL_INTERNAL',
      'Internal error; see the server log for the request id',
    ).toBody(),
  };
}
