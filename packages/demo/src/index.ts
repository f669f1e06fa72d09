export {
  demoCustomerId,
  demoJourneys,
  type Archetype,
  type DemoJourney,
  type DemoOptions,
} from './demoJourneys.ts';
export { DemoLoadError, loadDemo, type LoadDemoOptions, type LoadDemoResult } from './loadDemo.ts';
export { formatLoadProgress, progressBar, type LoadProgress } from './formatLoadProgress.ts';
export { seasonality } from './seasonality.ts';
