export { startPlatform, type RunningPlatform } from './startPlatform.ts';
export { loadDemoCommand, DEFAULT_DEMO_CUSTOMERS } from './loadDemoCommand.ts';
