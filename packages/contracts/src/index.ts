export { CHANNELS, channelSchema, type Channel } from './channel.ts';
export {
  customerIdSchema,
  touchpointTypeSchema,
  touchpointInputSchema,
  type TouchpointInput,
  type ValidTouchpoint,
  type TouchpointRecord,
  type TouchpointMetadata,
} from './touchpoint.ts';
export {
  ApiError,
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
} from './errors.ts';
export { parseOrThrow } from './validation.ts';
