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
export {
  CUSTOM_TYPE_PREFIX,
  MAX_BATCH_SIZE,
  touchpointBatchSchema,
  type TouchpointBatch,
} from './touchpoint.ts';
export {
  CATALOGUE_TYPES,
  TOUCHPOINT_CATALOGUE,
  catalogueJsonSchemas,
  isCatalogueType,
  type CatalogueJsonSchema,
  type CatalogueType,
} from './catalogue/touchpointCatalogue.ts';
export type { CatalogueEntry } from './catalogue/catalogueEntry.ts';
export { assertJsonSafe, MAX_JSON_DEPTH } from './assertJsonSafe.ts';
export {
  SEGMENT_CALL_TYPES,
  SEGMENT_MESSAGE_SCHEMAS,
  segmentAliasSchema,
  segmentGroupSchema,
  segmentIdentifySchema,
  segmentMessageSchema,
  segmentPageSchema,
  segmentScreenSchema,
  segmentTrackSchema,
  type SegmentAlias,
  type SegmentCallType,
  type SegmentMessage,
  type SegmentMessageInput,
  type SegmentTrack,
} from './segment/segmentMessage.ts';
export {
  MAX_SEGMENT_BATCH_SIZE,
  MAX_SEGMENT_MESSAGE_BYTES,
  MAX_SEGMENT_REQUEST_BYTES,
  segmentBatchSchema,
  type SegmentBatch,
} from './segment/segmentBatch.ts';
export { churnRulesPatchSchema, type ChurnRulesPatch } from './settings/churnRulesPatch.ts';
export { CASE_KINDS, CASE_PRIORITIES } from './catalogue/serviceCases.ts';
export { SURVEY_SCALES } from './catalogue/feedback.ts';
export { slaPolicyPatchSchema, type SlaPolicyPatchInput } from './settings/slaPolicyPatch.ts';
export * from './analytics/analyticsSchemas.ts';
