export { startPlatform, type RunningPlatform } from './startPlatform.ts';
export { projectResolver } from './projectResolver.ts';
export { demoJourneys } from './demoJourneys.ts';
