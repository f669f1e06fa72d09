export { insightsRoutes, type InsightsOptions, type TimelineResponse } from './insightsRoutes.ts';
