export { timelineProjection } from './timelineProjection.ts';
export { identityProjection } from './identityProjection.ts';
export { composeHandlers } from './composeHandlers.ts';
