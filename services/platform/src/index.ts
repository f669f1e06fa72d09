export { startPlatform, type RunningPlatform } from './startPlatform.ts';
export { httpApp } from './httpApp.ts';
export { projectResolver } from './projectResolver.ts';
export { demoJourneys } from './demoJourneys.ts';
