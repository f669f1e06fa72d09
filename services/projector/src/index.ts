export { timelineProjection } from './timelineProjection.ts';
