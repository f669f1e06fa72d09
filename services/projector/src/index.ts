export { timelineProjection } from './timelineProjection.ts';
export { identityProjection } from './identityProjection.ts';
export { composeHandlers } from './composeHandlers.ts';
export type { Projection, ProgressListener } from './projection.ts';
export { affectedCustomers, type AffectedCustomers } from './affectedCustomers.ts';
export {
  customerStateProjection,
  type CustomerStateProjection,
  type CustomerStateProjectionOptions,
} from './customerStateProjection.ts';
export { projectSettingsCache, type SettingsSource } from './projectSettingsCache.ts';
export { storeFactWriter, type CustomerFacts, type FactWriter } from './storeFactWriter.ts';
export {
  rebuildProjections,
  type RebuildOptions,
  type RebuildProgress,
  type RebuildResult,
} from './rebuildProjections.ts';
export {
  journeyProjections,
  projectionsToRebuild,
  PROJECTION_NAMES,
  type JourneyProjections,
} from './journeyProjections.ts';
export {
  calibrationWindow,
  churnModels,
  churnModelStreamId,
  DEFAULT_CALIBRATION_DAYS,
  refitProjectsWithOrders,
  type ChurnModels,
  type RefitOutcome,
  type ChurnModelsOptions,
  type RefitResult,
} from './churnModels.ts';
