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
