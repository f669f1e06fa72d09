export { startPlatform, type RunningPlatform } from './startPlatform.ts';
export { demoJourneys } from './demoJourneys.ts';
