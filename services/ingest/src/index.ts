export {
  ingestRoutes,
  MAX_BATCH_BYTES,
  MAX_TOUCHPOINT_BYTES,
  type IngestOptions,
  type TouchpointAccepted,
  type BatchAnswer,
} from './ingestRoutes.ts';
export { appendTouchpoints, type ItemResult, type PreparedItem } from './appendTouchpoints.ts';
export { schemasRoutes, type SchemasAnswer } from './schemasRoutes.ts';
export {
  segmentRoutes,
  SEGMENT_BATCH_PATHS,
  SEGMENT_CALL_PATHS,
  type SegmentBatchAnswer,
  type SegmentCallAnswer,
  type SegmentRoutesOptions,
} from './segment/segmentRoutes.ts';
