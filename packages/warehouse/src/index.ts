export type { Warehouse, QueryParams } from './warehouse.ts';
export { openWarehouse, type WarehouseTarget } from './openWarehouse.ts';
export {
  migrateWarehouse,
  loadMigrations,
  MIGRATIONS_DIR,
  type WarehouseMigration,
} from './migrateWarehouse.ts';
export {
  insertTimelineRows,
  readTimeline,
  type TimelineEntry,
  type TimelineQuery,
} from './timelineTable.ts';
export { loadProjectionCheckpoint, saveProjectionCheckpoint } from './projectionCheckpoints.ts';
export { eraseCustomerRows } from './eraseCustomerRows.ts';
export { insertIdentityLinks, readIdentityComponents } from './identityLinksTable.ts';
export { insertIdentityMap, memberKeys, resolveCustomerKeys } from './identityMapTable.ts';
export { readJourneyEvents } from './readJourneyEvents.ts';
export {
  CUSTOMER_STATE_TABLES,
  customersDueForReview,
  customersWithTouchpoints,
  eraseCustomerState,
  insertCustomerState,
} from './customerStateTables.ts';
export { readCustomerView, type CustomerView } from './customerProfileView.ts';
export {
  readCustomerWarning,
  readWorklist,
  type WorklistItem,
  type WorklistQuery,
  type WorklistReason,
} from './churnWorklist.ts';
export {
  enqueueCustomers,
  loadQueueWatermark,
  nextQueueSeq,
  readQueue,
  saveQueueWatermark,
} from './customerStateQueue.ts';
export {
  projectsWithOrders,
  readOrderHistories,
  type CalibrationWindow,
  type CustomerOrders,
} from './orderHistories.ts';
export type { AnalyticsEventFilter } from './analytics/analyticsEvents.ts';
export {
  funnelAnalysis,
  timeToConvertEdges,
  type FunnelGroup,
  type FunnelResult,
  type FunnelSpec,
} from './analytics/funnelAnalysis.ts';
export {
  retentionAnalysis,
  type RetentionCohort,
  type RetentionSpec,
} from './analytics/retentionAnalysis.ts';
export {
  lifecycleAnalysis,
  type LifecyclePeriod,
  type LifecycleResult,
  type LifecycleSpec,
  type LifecycleTransition,
} from './analytics/lifecycleAnalysis.ts';
export {
  serviceKpis,
  type Percentiles,
  type ServiceKpiRow,
  type ServiceSpec,
} from './analytics/serviceKpis.ts';
export { pathsAnalysis, type PathsResult, type PathsSpec } from './analytics/pathsAnalysis.ts';
