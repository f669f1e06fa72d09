export {
  checkTimeRange,
  eventFilterSchema,
  MAX_PROPERTY_CONDITIONS,
  MAX_RANGE_DAYS,
  timeZoneSchema,
  type EventFilter,
} from './eventFilter.ts';
export {
  FUNNEL_BREAKDOWNS,
  FUNNEL_ORDERS,
  MAX_CONVERSION_WINDOW_SECONDS,
  funnelQuerySchema,
  type FunnelQuery,
  type FunnelQueryInput,
} from './funnelQuery.ts';
export {
  RETENTION_PERIODS,
  retentionQuerySchema,
  type RetentionQuery,
  type RetentionQueryInput,
} from './retentionQuery.ts';
export {
  PATH_DIRECTIONS,
  pathsQuerySchema,
  type PathsQuery,
  type PathsQueryInput,
} from './pathsQuery.ts';
export { timelineQuerySchema, type TimelineQuery } from './timelineQuery.ts';
export { CALENDAR_PERIODS } from './periodQueryShape.ts';
export {
  lifecycleQuerySchema,
  type LifecycleQuery,
  type LifecycleQueryInput,
} from './lifecycleQuery.ts';
export { serviceQuerySchema, type ServiceQuery, type ServiceQueryInput } from './serviceQuery.ts';
