export { insightsRoutes, type InsightsOptions, type TimelineResponse } from './insightsRoutes.ts';
export { analyticsOpenApi, analyticsRoutes, type AnalyticsOptions } from './analyticsRoutes.ts';
export { worklistRoutes, type WorklistOptions, type WorklistResponse } from './worklistRoutes.ts';
